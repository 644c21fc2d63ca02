import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";

/**
 * One batch of runs. The outcome counters live in the batch-tally shards, not here, so that
 * counting a run and remembering that it was counted is one single-item conditional write.
 */
export const createBatchEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "batch", version: "1", service: "dossier" },
      attributes: {
        batchId: { type: "string", required: true, readOnly: true },
        total: { type: "number", required: true, readOnly: true },
        /** Companies of a watchlist refresh that needed no run (nothing filed, website part still cached). */
        unchanged: { type: "number", readOnly: true },
        /** Epoch ms. */
        requestedAt: { type: "number", required: true, readOnly: true },
        status: { type: ["running", "completed"] as const, required: true, default: "running" },
        completedAt: { type: "number" },
      },
      indexes: {
        byBatchId: {
          pk: { field: "pk", composite: ["batchId"] },
          sk: { field: "sk", composite: [] },
        },
      },
    },
    config,
  );

export type BatchEntity = ReturnType<typeof createBatchEntity>;
export type BatchItem = EntityItem<BatchEntity>;
