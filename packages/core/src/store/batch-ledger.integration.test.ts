import { startLocalStore } from "@dossier/local/dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { BATCH_TALLY_SHARDS } from "./entities/batch-tally";
import { BatchNotFoundError } from "./errors";

const { table, store } = await startLocalStore();
afterAll(() => table.close());

let sequence = 0;
const nextBatchId = () => `batch-${++sequence}-${Date.now()}`;

describe("batch ledger", () => {
  it("counts each run once even when its outcome is delivered three times", async () => {
    const batchId = nextBatchId();
    await store.batches.create({ batchId, total: 3, requestedAt: 1 });

    const deliveries = await Promise.all([
      ...Array.from({ length: 3 }, () =>
        store.batches.recordOutcome(batchId, "run-a", {
          status: "completed",
          completeness: 90,
          cached: true,
        }),
      ),
      store.batches.recordOutcome(batchId, "run-b", { status: "incomplete", completeness: 40 }),
      store.batches.recordOutcome(batchId, "run-b", { status: "incomplete", completeness: 40 }),
    ]);

    expect(deliveries.filter((delivery) => !delivery.duplicate)).toHaveLength(2);
    const batch = await store.batches.get(batchId);
    expect(batch).toMatchObject({
      total: 3,
      completed: 1,
      incomplete: 1,
      failed: 0,
      cached: 1,
      completenessSum: 130,
      done: 2,
      status: "running",
    });
  });

  it("sums counters over every tally shard", async () => {
    const batchId = nextBatchId();
    const total = BATCH_TALLY_SHARDS * 3;
    await store.batches.create({ batchId, total, requestedAt: 1 });

    await Promise.all(
      Array.from({ length: total }, (_, index) =>
        store.batches.recordOutcome(batchId, `run-${index}`, { status: index % 3 ? "completed" : "failed" }),
      ),
    );

    const batch = await store.batches.get(batchId);
    expect(batch).toMatchObject({ done: total, completed: 32, failed: 16 });
  });

  it("does not complete a batch before every run is done", async () => {
    const batchId = nextBatchId();
    await store.batches.create({ batchId, total: 2, requestedAt: 1 });
    await store.batches.recordOutcome(batchId, "run-a", { status: "completed" });

    const claim = await store.batches.claimCompletion(batchId, 5);

    expect(claim.claimed).toBe(false);
    expect(claim.batch.status).toBe("running");
  });

  it("gives the completion to exactly one of 10 concurrent callers once all runs are done", async () => {
    const batchId = nextBatchId();
    await store.batches.create({ batchId, total: 2, requestedAt: 1 });
    await store.batches.recordOutcome(batchId, "run-a", { status: "completed" });
    await store.batches.recordOutcome(batchId, "run-b", { status: "failed" });

    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, index) => store.batches.claimCompletion(batchId, 100 + index)),
    );

    expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
    const batch = await store.batches.get(batchId);
    expect(batch?.status).toBe("completed");
    expect(batch?.completedAt).toBeGreaterThanOrEqual(100);
  });

  it("completes exactly once when every run claims with the summary it counted with", async () => {
    const batchId = nextBatchId();
    const total = 24;
    await store.batches.create({ batchId, total, requestedAt: 1 });

    const claims = await Promise.all(
      Array.from({ length: total }, async (_, index) => {
        const counted = await store.batches.recordOutcome(batchId, `run-${index}`, { status: "completed" });
        return store.batches.claimCompletion(batchId, 100 + index, counted.batch);
      }),
    );

    expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
    expect((await store.batches.get(batchId))?.status).toBe("completed");
  });

  it("does not complete a batch twice when a run's outcome is redelivered after the completion", async () => {
    const batchId = nextBatchId();
    await store.batches.create({ batchId, total: 1, requestedAt: 1 });
    const counted = await store.batches.recordOutcome(batchId, "run-a", { status: "completed" });
    expect((await store.batches.claimCompletion(batchId, 10, counted.batch)).claimed).toBe(true);

    const again = await store.batches.recordOutcome(batchId, "run-a", { status: "completed" });
    const claim = await store.batches.claimCompletion(batchId, 20, again.batch);

    expect(again.duplicate).toBe(true);
    expect(claim).toMatchObject({ claimed: false, batch: { status: "completed", completedAt: 10, done: 1 } });
  });

  it("keeps the first definition of a batch when its request is redelivered", async () => {
    const batchId = nextBatchId();

    const first = await store.batches.create({ batchId, total: 4, requestedAt: 1 });
    const again = await store.batches.create({ batchId, total: 9, requestedAt: 2 });

    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, batch: { total: 4 } });
  });

  it("refuses to claim completion of a batch that does not exist", async () => {
    await expect(store.batches.claimCompletion("batch-missing", 1)).rejects.toBeInstanceOf(
      BatchNotFoundError,
    );
  });
});
