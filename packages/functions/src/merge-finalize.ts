import { finalizeRun } from "@dossier/core/pipeline";
import { pipeline } from "./shared/clients";
import { terminalMetricName } from "./shared/metric-names";
import { metrics } from "./shared/observability";

/** ProgressiveMerge task: merge every part and claim the run's terminal event. */
export async function handler(input: { runId: string }) {
  const decision = await finalizeRun(pipeline, input.runId);
  if (decision.claimed) {
    metrics.addMetric(terminalMetricName(decision.detailType), "Count", 1);
    const completeness = decision.detail.completeness;
    if (typeof completeness === "number") metrics.addMetric("ProfileCompleteness", "Percent", completeness);
    metrics.publishStoredMetrics();
  }
  return decision;
}
