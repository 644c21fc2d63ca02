export {
  type BatchCounts,
  type BatchInput,
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
