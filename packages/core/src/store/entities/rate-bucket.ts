import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";

/**
 * Shared GCRA state per upstream: the theoretical arrival time of the next request. Each
 * acquisition advances it by one emission interval with an atomic update.
 */
export const createRateBucketEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "rateBucket", version: "1", service: "dossier" },
      attributes: {
        upstream: { type: "string", required: true, readOnly: true },
        /** Epoch ms at which the slot after the last reserved one starts. */
        tat: { type: "number", required: true },
      },
      indexes: {
        byUpstream: {
          pk: { field: "pk", composite: ["upstream"] },
          sk: { field: "sk", composite: [] },
        },
      },
    },
    config,
  );

export type RateBucketEntity = ReturnType<typeof createRateBucketEntity>;
export type RateBucketItem = EntityItem<RateBucketEntity>;
