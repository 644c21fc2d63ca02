import { recordUnsuccessfulPart } from "@dossier/core/pipeline";
import { pipeline } from "./shared/clients";
import { terminalMetricName } from "./shared/metric-names";
import { logger, metrics } from "./shared/observability";

/** Counts a failed or skipped part so its run still ends; merges when it was the last part. */
export async function handler(event: {
  detail: { runId?: string; part?: string; status?: string; reason?: string };
}) {
  logger.warn("part did not succeed", { ...event.detail });
  metrics.addMetric(event.detail.status === "failed" ? "PartFailed" : "PartSkipped", "Count", 1);
  const outcome = await recordUnsuccessfulPart(pipeline, event);
  // The terminal outcome counts towards the same metrics the merge emits (alarms read them).
  if (outcome.terminal) metrics.addMetric(terminalMetricName(outcome.terminal), "Count", 1);
  metrics.publishStoredMetrics();
  return outcome;
}
