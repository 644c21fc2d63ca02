import { failRun } from "@dossier/core/pipeline";
import { ExtractionFailed, terminalMetricName } from "@dossier/events";
import { pipeline } from "./shared/clients";
import { logger, metrics } from "./shared/observability";

/** ProgressiveMerge Catch: end the run as Extraction.Failed, once. */
export async function handler(input: { runId: string; error?: { Error?: string; Cause?: string } }) {
  logger.error("merge failed", { runId: input.runId, error: input.error });
  const decision = await failRun(pipeline, input.runId, input.error);
  if (decision.claimed) {
    metrics.addMetric(terminalMetricName(ExtractionFailed.detailType), "Count", 1);
    metrics.publishStoredMetrics();
  }
  return decision;
}
