export {
  type BatchCounts,
  type BatchOutcome,
  BatchRejectedError,
  type BatchReport,
  BatchTimeoutError,
  describeOutcomes,
  publishBatch,
  type RunBatchOptions,
  runBatch,
} from "./run-batch";
