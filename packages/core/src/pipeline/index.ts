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
export { compareVersions, UnknownVersionError, type VersionComparison } from "./compare-versions";
export { type PipelineConfig, type PipelineContext, pipelineConfigFromEnv } from "./context";
export { failRun } from "./fail-run";
export { filingActivity } from "./filing-activity";
export { finalizeRun, type MergedProfileRef, type TerminalDecision } from "./finalize-run";
export { announceLeadershipFilings, summariseLeadershipChanges } from "./leadership-filings";
export { openRun } from "./open-run";
export { rejectRequest, runIdInUse } from "./reject-request";
export { retryPartLater } from "./retry-part";
export { type PartExtraction, type PartRunContext, partCacheKey, runPart } from "./run-part";
export { type SweepOutcome, sweepStaleRuns } from "./sweep";
export type { PartCompletedDetail, RequestedDetail } from "./types";
export {
  type FilersOn,
  type IndexedFiling,
  lastPublishedIndexDay,
  MaxIndexDays,
  planWatchlistRefresh,
  type RefreshPlan,
  type RefreshRequest,
} from "./watchlist-refresh";
