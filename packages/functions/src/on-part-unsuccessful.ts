import { recordUnsuccessfulPart } from "@dossier/core/pipeline";
import { pipeline } from "./shared/clients";
import { logger, metrics } from "./shared/observability";

/** Counts a failed or skipped part so its run still ends; merges when it was the last part. */
export async function handler(event: {
  detail: { runId?: string; part?: string; status?: string; reason?: string };
}) {
  logger.warn("part did not succeed", { ...event.detail });
  metrics.addMetric(event.detail.status === "failed" ? "PartFailed" : "PartSkipped", "Count", 1);
  metrics.publishStoredMetrics();
  return recordUnsuccessfulPart(pipeline, event);
}
