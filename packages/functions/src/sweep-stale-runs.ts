import { sweepStaleRuns } from "@dossier/core/pipeline";
import { ExtractionFailed } from "@dossier/events";
import { pipeline } from "./shared/clients";
import { terminalMetricName } from "./shared/metric-names";
import { logger, metrics } from "./shared/observability";

/**
 * Scheduled: ends runs that waited past their deadline as Extraction.Failed, and publishes the
 * terminal event of runs that ended without it going out.
 */
export async function handler() {
  const { timedOut, republished } = await sweepStaleRuns(pipeline);
  if (timedOut > 0) logger.warn("ended stale runs", { timedOut });
  // Each one is a run whose publisher died between its claim and its event: worth a look.
  if (republished > 0) logger.error("published terminal events that had not gone out", { republished });
  metrics.addMetric("StaleRunsEnded", "Count", timedOut);
  metrics.addMetric("TerminalEventsRepublished", "Count", republished);
  if (timedOut > 0) metrics.addMetric(terminalMetricName(ExtractionFailed.detailType), "Count", timedOut);
  metrics.publishStoredMetrics();
  return { timedOut, republished };
}
