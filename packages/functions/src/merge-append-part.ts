import { appendPart } from "@dossier/core/pipeline";
import { ExtractionPartCompleted } from "@dossier/events";
import { onTaskEvent } from "./shared/boundary";
import { pipeline } from "./shared/clients";
import { logger, metrics } from "./shared/observability";

/** ProgressiveMerge task: record the part in the ledger (and latest.json when it succeeded). */
export const handler = onTaskEvent([ExtractionPartCompleted], async ({ detail }) => {
  const append = await appendPart(pipeline, detail);
  if (append.refused) {
    logger.error("part refused", { reason: append.reason });
    metrics.addMetric("PartsRefused", "Count", 1);
    metrics.publishStoredMetrics();
  } else if (append.status !== "succeeded" && !append.duplicate) {
    metrics.addMetric(append.status === "failed" ? "PartFailed" : "PartSkipped", "Count", 1);
    metrics.publishStoredMetrics();
  }
  return append;
});
