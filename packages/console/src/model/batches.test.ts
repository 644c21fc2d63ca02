import type { BatchSummary, RunItem } from "@dossier/core/store";
import { describe, expect, it } from "vitest";
import { batchStats, completenessHistogram, percentile } from "./batches";

describe("percentile", () => {
  it("takes the nearest rank, as Batch.Completed does", () => {
    const sorted = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000];
    expect(percentile(sorted, 0.5)).toBe(500);
    expect(percentile(sorted, 0.95)).toBe(1000);
    expect(percentile([], 0.5)).toBeUndefined();
  });
});

describe("completenessHistogram", () => {
  it("counts runs with a profile into ten buckets, 100 % in the last", () => {
    const histogram = completenessHistogram([
      { status: "completed", completeness: 100 },
      { status: "completed", completeness: 95 },
      { status: "incomplete", completeness: 42.5 },
      { status: "incomplete", completeness: 0 },
      { status: "failed", completeness: undefined },
      { status: "running", completeness: undefined },
    ]);
    expect(histogram).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 2]);
  });
});

describe("batchStats", () => {
  it("adds running count, p50/p95 of ended runs and the average completeness to the ledger's counters", () => {
    // Prepare
    const summary = {
      batchId: "batch_1",
      total: 4,
      requestedAt: 0,
      status: "running",
      completed: 2,
      incomplete: 1,
      failed: 0,
      cached: 0,
      completenessSum: 270,
      done: 3,
    } satisfies BatchSummary;
    const runs = [
      { status: "completed", completeness: 100, durationMs: 3000 },
      { status: "completed", completeness: 100, durationMs: 1000 },
      { status: "incomplete", completeness: 70, durationMs: 2000 },
      { status: "running" },
    ] as RunItem[];

    // Act
    const stats = batchStats(summary, runs);

    // Assess
    expect(stats).toMatchObject({ running: 1, p50Ms: 2000, p95Ms: 3000, averageCompleteness: 90 });
    expect(stats.histogram[9]).toBe(2);
    expect(stats.histogram[7]).toBe(1);
  });
});
