import type { BatchItem, BatchSummary, RunItem, Store } from "@dossier/core/store";

/** Nearest-rank percentile of ascending values (the definition Batch.Completed's p50/p95 use). */
export function percentile(sorted: readonly number[], fraction: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

/** Ten buckets of completeness (0–9 … 90–100 %) over the runs that produced a profile. */
export function completenessHistogram(runs: readonly Pick<RunItem, "status" | "completeness">[]): number[] {
  const buckets = Array.from({ length: 10 }, () => 0);
  for (const run of runs) {
    if (run.status !== "completed" && run.status !== "incomplete") continue;
    if (typeof run.completeness !== "number") continue;
    const bucket = Math.min(9, Math.max(0, Math.floor(run.completeness / 10)));
    buckets[bucket] = (buckets[bucket] ?? 0) + 1;
  }
  return buckets;
}

export const HistogramLabels = Array.from({ length: 10 }, (_, index) =>
  index === 9 ? "90–100 %" : `${index * 10}–${index * 10 + 9} %`,
);

/** What the batch page shows: the ledger's counters plus figures over the batch's runs. */
export interface BatchStats {
  summary: BatchSummary;
  running: number;
  p50Ms: number | undefined;
  p95Ms: number | undefined;
  averageCompleteness: number | undefined;
  histogram: number[];
}

export function batchStats(summary: BatchSummary, runs: readonly RunItem[]): BatchStats {
  const durations = runs
    .filter((run) => run.status !== "running" && typeof run.durationMs === "number")
    .map((run) => run.durationMs as number)
    .sort((a, b) => a - b);
  const withProfile = summary.completed + summary.incomplete;
  return {
    summary,
    running: Math.max(0, summary.total - summary.done),
    p50Ms: percentile(durations, 0.5),
    p95Ms: percentile(durations, 0.95),
    averageCompleteness: withProfile
      ? Math.round((summary.completenessSum / withProfile) * 10) / 10
      : undefined,
    histogram: completenessHistogram(runs),
  };
}

/** Every batch, newest first. Like runs, batches have no index of their own: a shared scan. */
export async function scanBatches(store: Store): Promise<BatchItem[]> {
  const { data } = await store.entities.batch.scan.go({ pages: "all" });
  return [...data].sort((a, b) => b.requestedAt - a.requestedAt || a.batchId.localeCompare(b.batchId));
}

/** A batch's counters and the figures over its runs, or undefined when there is no such batch. */
export async function readBatch(store: Store, batchId: string): Promise<BatchStats | undefined> {
  const [summary, runs] = await Promise.all([store.batches.get(batchId), store.runs.ofBatch(batchId)]);
  return summary ? batchStats(summary, runs) : undefined;
}
