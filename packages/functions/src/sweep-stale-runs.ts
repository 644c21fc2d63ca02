import { sweepStaleRuns } from "@dossier/core/pipeline";
import { ExtractionFailed } from "@dossier/events";
import { pipeline } from "./shared/clients";
import { terminalMetricName } from "./shared/metric-names";
import { logger, metrics } from "./shared/observability";

/** Scheduled: ends runs that waited past their deadline as Extraction.Failed. */
export async function handler() {
  const ended = await sweepStaleRuns(pipeline);
  if (ended > 0) logger.warn("ended stale runs", { ended });
  metrics.addMetric("StaleRunsEnded", "Count", ended);
  if (ended > 0) metrics.addMetric(terminalMetricName(ExtractionFailed.detailType), "Count", ended);
  metrics.publishStoredMetrics();
  return { ended };
}
