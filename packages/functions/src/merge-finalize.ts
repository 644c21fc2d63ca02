import { finalizeRun } from "@dossier/core/pipeline";
import type { RunItem } from "@dossier/core/store";
import { terminalMetricName } from "@dossier/events";
import { pipeline } from "./shared/clients";
import { metrics } from "./shared/observability";

/** ProgressiveMerge task: merge every part and claim the run's terminal event. */
export async function handler(input: { runId: string; append?: { run?: RunItem } }) {
  const decision = await finalizeRun(pipeline, input.runId, input.append?.run);
  if (decision.claimed) {
    metrics.addMetric(terminalMetricName(decision.detailType), "Count", 1);
    const completeness = decision.detail.completeness;
    if (typeof completeness === "number") metrics.addMetric("ProfileCompleteness", "Percent", completeness);
    metrics.publishStoredMetrics();
  }
  return decision;
}
