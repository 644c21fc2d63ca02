import { sweepStaleRuns } from "@dossier/core/pipeline";
import { ExtractionFailed, terminalMetricName } from "@dossier/events";
import { pipeline } from "./shared/clients";
import { logger, metrics } from "./shared/observability";

/**
 * Scheduled: reports the silent parts of runs past their deadline so the merge ends them, ends
 * those the merge did not, and publishes the terminal event of runs that ended without it going out.
 */
export async function handler() {
  const { timedOut, ended, republished } = await sweepStaleRuns(pipeline);
  if (timedOut > 0) logger.warn("reported silent parts of runs past their deadline", { timedOut });
  // The merge did not end these itself: worth a look, as is a publisher that died.
  if (ended > 0) logger.error("ended runs the merge did not end", { ended });
  if (republished > 0) logger.error("published terminal events that had not gone out", { republished });
  metrics.addMetric("StaleRunsEnded", "Count", timedOut + ended);
  metrics.addMetric("TerminalEventsRepublished", "Count", republished);
  if (ended > 0) metrics.addMetric(terminalMetricName(ExtractionFailed.detailType), "Count", ended);
  metrics.publishStoredMetrics();
  return { timedOut, ended, republished };
}
