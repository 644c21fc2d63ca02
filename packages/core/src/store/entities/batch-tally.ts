import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";

/** How many tally shards a batch spreads its run ids over; keeps each shard far below 400 KB at 10 000 runs. */
export const BATCH_TALLY_SHARDS = 16;

/**
 * A shard of a batch's outcome counters plus the set of run ids it has counted. The set and
 * the counters change in the same conditional UpdateItem, so a redelivered outcome can never
 * be counted twice and a crash can never leave a run "seen but not counted".
 */
export const createBatchTallyEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "batchTally", version: "1", service: "dossier" },
      attributes: {
        batchId: { type: "string", required: true, readOnly: true },
        shard: { type: "number", required: true, readOnly: true, padding: { length: 2, char: "0" } },
        runIds: { type: "set", items: "string" },
        completed: { type: "number", default: 0 },
        incomplete: { type: "number", default: 0 },
        failed: { type: "number", default: 0 },
        cached: { type: "number", default: 0 },
        completenessSum: { type: "number", default: 0 },
      },
      indexes: {
        byBatch: {
          pk: { field: "pk", composite: ["batchId"] },
          sk: { field: "sk", composite: ["shard"] },
        },
      },
    },
    config,
  );

export type BatchTallyEntity = ReturnType<typeof createBatchTallyEntity>;
export type BatchTallyItem = EntityItem<BatchTallyEntity>;
