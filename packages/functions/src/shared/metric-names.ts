/**
 * Metric names the handlers emit and the stacks' alarms read; defined once so they cannot drift.
 * A terminal outcome is counted under its detail-type without the dot (`Profile.Completed` → `ProfileCompleted`).
 */
export function terminalMetricName(detailType: string): string {
  return detailType.replace(".", "");
}
