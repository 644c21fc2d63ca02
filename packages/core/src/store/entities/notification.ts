import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";

/**
 * A notification of the local runtime: which events go to which webhook. All share one partition;
 * there are few. On AWS the same notification lives as EventBridge rules and an API destination.
 */
export const createNotificationEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "notification", version: "1", service: "dossier" },
      attributes: {
        name: { type: "string", required: true, readOnly: true },
        kind: { type: ["slack", "teams", "http"] as const, required: true },
        url: { type: "string", required: true },
        on: { type: "list", items: { type: "string" }, required: true },
        /** JSON of the EventBridge pattern for `detail`, when the notification narrows its events. */
        detailFilter: { type: "string" },
        /** Epoch ms. */
        createdAt: { type: "number", required: true, readOnly: true },
      },
      indexes: {
        byName: {
          pk: { field: "pk", composite: [] },
          sk: { field: "sk", composite: ["name"], casing: "none" },
        },
      },
    },
    config,
  );

export type NotificationEntity = ReturnType<typeof createNotificationEntity>;
export type NotificationItem = EntityItem<NotificationEntity>;
