import { createHash } from "node:crypto";
import type { BatchItem } from "./entities/batch";
import { BATCH_TALLY_SHARDS, type BatchTallyItem } from "./entities/batch-tally";
import type { TerminalRunStatus } from "./entities/run";
import { BatchNotFoundError } from "./errors";
import type { StoreService } from "./service";

export interface NewBatch {
  batchId: string;
  total: number;
  /** Epoch ms. */
  requestedAt: number;
  unchanged?: number;
}

/** What a run's terminal event contributes to its batch. */
export interface BatchOutcome {
  status: TerminalRunStatus;
  cached?: boolean;
  /** 0–100. */
  completeness?: number;
}

/** A batch with its counters summed over all tally shards. */
export interface BatchSummary extends BatchItem {
  completed: number;
  incomplete: number;
  failed: number;
  cached: number;
  completenessSum: number;
  /** completed + incomplete + failed. */
  done: number;
}

/** The batch ledger: counters that count every run once, and a completion claimed once. */
export interface BatchLedger {
  /** Creates the batch unless it exists; `created: false` means a redelivered request. */
  create(batch: NewBatch): Promise<{ created: boolean; batch: BatchSummary }>;
  get(batchId: string): Promise<BatchSummary | undefined>;
  /**
   * Counts a run's outcome once; a redelivery comes back as `duplicate: true` and changes nothing.
   * The summary returned has every count as of now, but its status may be older.
   */
  recordOutcome(
    batchId: string,
    runId: string,
    outcome: BatchOutcome,
  ): Promise<{ duplicate: boolean; batch: BatchSummary }>;
  /**
   * Marks the batch completed when every run is done; exactly one concurrent caller gets
   * `claimed: true`. `counted` is the summary `recordOutcome` read after this caller's own count,
   * which spares reading it again: whoever counted last reads every count.
   */
  claimCompletion(
    batchId: string,
    completedAt: number,
    counted?: BatchSummary,
  ): Promise<{ claimed: boolean; batch: BatchSummary }>;
}

/** Spreads run ids over shards so no tally item nears DynamoDB's 400 KB item limit. */
export function tallyShardOf(runId: string): number {
  return createHash("sha256").update(runId).digest().readUInt16BE(0) % BATCH_TALLY_SHARDS;
}

const COUNTERS = ["completed", "incomplete", "failed", "cached", "completenessSum"] as const;
type Counter = (typeof COUNTERS)[number];

export function createBatchLedger(service: StoreService): BatchLedger {
  const { batch, batchTally } = service.entities;

  // Only the counters: the run id sets add up to hundreds of KB in a large batch.
  const tallies = (batchId: string) =>
    batchTally.query.byBatch({ batchId }).go({ pages: "all", consistent: true, attributes: [...COUNTERS] });
  const get = async (batchId: string): Promise<BatchSummary | undefined> => {
    const [item, counted] = await Promise.all([
      batch.get({ batchId }).go({ consistent: true }),
      tallies(batchId),
    ]);
    if (item.data) remember(item.data);
    return item.data ? summarize(item.data, counted.data) : undefined;
  };
  // A batch's definition (its total above all) never changes once created, so counting a run
  // reads only the tallies once the batch is known here. Its status may be stale: the completion
  // claim is a conditional write on it, so a stale "running" only loses that race.
  const knownBatches = new Map<string, BatchItem>();
  const remember = (item: BatchItem) => {
    if (knownBatches.size >= 1_000) knownBatches.clear();
    knownBatches.set(item.batchId, item);
  };
  const countsOf = async (batchId: string): Promise<BatchSummary> => {
    const known = knownBatches.get(batchId);
    if (!known) return mustGet(batchId);
    return summarize(known, (await tallies(batchId)).data);
  };
  const mustGet = async (batchId: string) => {
    const summary = await get(batchId);
    if (!summary) throw new BatchNotFoundError(batchId);
    return summary;
  };

  return {
    async create(input) {
      const created = await batch
        .create({ ...input, status: "running" })
        .go({ returnOnConditionCheckFailure: true });
      return { created: !created.rejected, batch: await mustGet(input.batchId) };
    },

    get,

    async recordOutcome(batchId, runId, outcome) {
      const counters: Partial<Record<Counter, number>> = { [outcome.status]: 1 };
      if (outcome.cached) counters.cached = 1;
      if (outcome.completeness !== undefined) counters.completenessSum = outcome.completeness;
      // Set membership and counters change together, in one conditional write on one item.
      const result = await batchTally
        .update({ batchId, shard: tallyShardOf(runId) })
        .add({ ...counters, runIds: [runId] })
        .where(({ runIds }, { notContains }) => notContains(runIds, runId))
        .go({ response: "none", returnOnConditionCheckFailure: true });
      return { duplicate: result.rejected, batch: await countsOf(batchId) };
    },

    async claimCompletion(batchId, completedAt, counted) {
      const current = counted ?? (await mustGet(batchId));
      if (current.status !== "running" || current.done < current.total)
        return { claimed: false, batch: current };
      const result = await batch
        .patch({ batchId })
        .set({ status: "completed", completedAt })
        .where(({ status }, { eq }) => eq(status, "running"))
        .go({ response: "none", returnOnConditionCheckFailure: true });
      return { claimed: !result.rejected, batch: await mustGet(batchId) };
    },
  };
}

function summarize(item: BatchItem, tallies: Partial<BatchTallyItem>[]): BatchSummary {
  const sum = (field: Counter) => tallies.reduce((total, tally) => total + (tally[field] ?? 0), 0);
  const completed = sum("completed");
  const incomplete = sum("incomplete");
  const failed = sum("failed");
  return {
    ...item,
    completed,
    incomplete,
    failed,
    cached: sum("cached"),
    completenessSum: sum("completenessSum"),
    done: completed + incomplete + failed,
  };
}
