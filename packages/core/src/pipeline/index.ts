export {
  batchRunId,
  loadBatchPage,
  newBatchId,
  prepareBatch,
  recordRunEnded,
} from "./batch";
export { type PipelineConfig, type PipelineContext, pipelineConfigFromEnv } from "./context";
export {
  appendPart,
  failRun,
  finalizeRun,
  openRun,
  publishLatest,
  recordAnnounced,
  recordUnsuccessfulPart,
  sweepStaleRuns,
  type TerminalDecision,
} from "./run-lifecycle";
export { type PartExtraction, type PartRunContext, runPart } from "./run-part";
