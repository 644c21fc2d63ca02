import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";
import { RUN_PARTS } from "./run";

/**
 * The local mirror of an EventBridge Scheduler schedule: what to request and when. All
 * schedules share one partition so listing them is one query; there are few.
 */
export const createScheduleEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "schedule", version: "1", service: "dossier" },
      attributes: {
        name: { type: "string", required: true, readOnly: true },
        /** `cron(...)`, `rate(...)` or `at(...)`, as EventBridge Scheduler writes them. */
        expression: { type: "string", required: true },
        timezone: { type: "string", required: true, default: "UTC" },
        /** The companies each firing requests; empty when the schedule refreshes a watchlist. */
        companies: {
          type: "list",
          required: true,
          default: () => [],
          items: {
            type: "map",
            properties: {
              ticker: { type: "string" },
              cik: { type: "string" },
              name: { type: "string" },
              website: { type: "string" },
            },
          },
        },
        /** The watchlist each firing refreshes, instead of a fixed list of companies. */
        watchlist: { type: "string" },
        parts: { type: "set", items: RUN_PARTS },
        enabled: { type: "boolean", required: true, default: true },
        /** Epoch ms. */
        createdAt: { type: "number", required: true, readOnly: true },
        lastFiredAt: { type: "number" },
        nextFireAt: { type: "number" },
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

export type ScheduleEntity = ReturnType<typeof createScheduleEntity>;
export type ScheduleItem = EntityItem<ScheduleEntity>;
