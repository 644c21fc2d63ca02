export {
  type Admission,
  admitRequest,
  correlationRunId,
  identifierConflict,
  identifiersRejection,
  type Rejection,
} from "./admit-request";
export { announce, profileVersions, publishLatest, recordAnnounced } from "./announce";
export { announceChanges } from "./announce-changes";
export { type AppendPartOutput, appendPart } from "./append-part";
export {
  batchRunId,
  batchRunIndex,
  loadBatchPage,
  newBatchId,
  newRunId,
  prepareBatch,
  recordRunEnded,
} from "./batch";
export { type PipelineConfig, type PipelineContext, pipelineConfigFromEnv } from "./context";
export { failRun } from "./fail-run";
export { finalizeRun, type MergedProfileRef, type TerminalDecision } from "./finalize-run";
export { openRun } from "./open-run";
export { rejectRequest, runIdInUse } from "./reject-request";
export { retryPartLater } from "./retry-part";
export { type PartExtraction, type PartRunContext, runPart } from "./run-part";
export { type SweepOutcome, sweepStaleRuns } from "./sweep";
export type { PartCompletedDetail, RequestedDetail } from "./types";
