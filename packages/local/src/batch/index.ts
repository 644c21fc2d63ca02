export {
  type BatchCounts,
  type BatchOutcome,
  BatchRejectedError,
  type BatchReport,
  BatchTimeoutError,
  describeLocalOutcomes,
  describeOutcomes,
  publishBatch,
  type RunBatchOptions,
  runBatch,
} from "./run-batch";
