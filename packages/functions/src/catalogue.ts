import type { FunctionName } from "@dossier/core/topology";

/** A linkable resource of the stacks, by its `Resource.X` name. */
export type LinkedResource = "Table" | "Bucket" | "Bus";

export interface FunctionSpec {
  /** Module under packages/functions/src (without .ts) whose `handler` export runs. */
  module: string;
  description: string;
  /** MB; sized to the work: parsing a 2–4 MB companyfacts or 10-K document needs headroom. */
  memory: number;
  /** Seconds; every handler finishes in well under a minute or is retried. */
  timeout: number;
  /** Exactly the resources the handler uses; the stacks grant nothing else. */
  links: LinkedResource[];
  /**
   * Reserved concurrency. The SEC extractor's keeps the number of workers contending for SEC's
   * 10 requests/s small: about four requests per company at ~150 ms each, so five workers
   * already saturate the shared limit and more would only wait on the token bucket.
   */
  reservedConcurrency?: number;
}

/**
 * Every handler, once: the stacks create one function per entry and the local runtime loads
 * the same modules in-process.
 */
export const FunctionCatalogue: Record<FunctionName, FunctionSpec> = {
  secExtractor: {
    module: "on-extraction-requested.sec",
    description: "Extracts the SEC part (EDGAR identity, financials, 10-K executive officers)",
    memory: 1024,
    timeout: 60,
    links: ["Table", "Bucket", "Bus"],
    reservedConcurrency: 5,
  },
  leadershipExtractor: {
    module: "on-extraction-requested.leadership",
    description: "Extracts the leadership part from the company website",
    memory: 512,
    timeout: 60,
    links: ["Table", "Bucket", "Bus"],
  },
  runLedger: {
    module: "on-extraction-requested.ledger",
    description: "Opens the run in the ledger with its deadline",
    memory: 256,
    timeout: 10,
    // The bucket holds the stage's copy of SEC's ticker list, read to check identifiers.
    links: ["Table", "Bucket"],
  },
  batchLedger: {
    module: "on-run-ended.batch",
    description: "Counts terminal events per batch and publishes Batch.Completed",
    memory: 256,
    timeout: 30,
    links: ["Table", "Bucket", "Bus"],
  },
  mergeAppendPart: {
    module: "merge-append-part",
    description: "ProgressiveMerge: records a part in the ledger and appends it to latest.json",
    memory: 512,
    timeout: 20,
    links: ["Table", "Bucket"],
  },
  mergeFinalize: {
    module: "merge-finalize",
    description: "ProgressiveMerge: merges a run and claims its terminal event",
    memory: 512,
    timeout: 30,
    links: ["Table", "Bucket"],
  },
  mergeFailRun: {
    module: "merge-fail-run",
    description: "ProgressiveMerge: ends a run whose merge failed",
    memory: 256,
    timeout: 10,
    links: ["Table"],
  },
  mergeRecordAnnounced: {
    module: "merge-record-announced",
    description: "ProgressiveMerge: records that a run's terminal event went out",
    memory: 256,
    timeout: 10,
    links: ["Table"],
  },
  mergeUpdateLatest: {
    module: "merge-update-latest",
    description:
      "ProgressiveMerge: writes a finished run's profile into latest.json, indexes the version, publishes Profile.Changed",
    memory: 512,
    timeout: 20,
    links: ["Table", "Bucket", "Bus"],
  },
  batchPrepare: {
    module: "batch-prepare",
    description: "BatchFanOut: opens the batch and pages its requests into S3",
    memory: 512,
    timeout: 60,
    links: ["Table", "Bucket"],
  },
  batchLoadPage: {
    module: "batch-load-page",
    description: "BatchFanOut: loads one page of requests",
    memory: 256,
    timeout: 10,
    links: ["Bucket"],
  },
  staleRunSweep: {
    module: "sweep-stale-runs",
    description: "Ends runs that waited past their deadline",
    memory: 256,
    timeout: 60,
    links: ["Table", "Bus"],
  },
};
