import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { TerminalDetailTypes } from "@dossier/events";
import { describe, expect, it } from "vitest";
import { deadLetterAlarmSpec, pipelineAlarmSpecs, terminalMetricName } from "../../stacks/alarm-specs";
import { MetricsNamespace, serviceName } from "../../stacks/config";

const functionsDir = path.resolve(import.meta.dirname, "../../packages/functions/src");

/** Metric names the handlers emit as literals: `metrics.addMetric("Name", …)`. */
function emittedMetricNames(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
        const source = readFileSync(full, "utf8");
        for (const match of source.matchAll(/addMetric\(\s*"([A-Za-z]+)"/g)) {
          if (match[1]) names.add(match[1]);
        }
        // `terminalMetricName(ExtractionFailed.detailType)`: the event constant is named like its metric.
        for (const match of source.matchAll(/terminalMetricName\(([A-Za-z]+)\.detailType\)/g)) {
          if (match[1]) names.add(match[1]);
        }
      }
    }
  };
  walk(functionsDir);
  return names;
}

describe("pipeline alarms", () => {
  const specs = pipelineAlarmSpecs(serviceName("prod"));
  const emitted = emittedMetricNames();
  // merge-finalize names its counter after the terminal detail-type it claimed.
  const terminal = new Set(TerminalDetailTypes.map(terminalMetricName));

  it("watch only metrics the handlers emit, in their namespace and stage", () => {
    const metrics = Object.values(specs).flatMap((spec) =>
      spec.metricQueries
        ? spec.metricQueries.flatMap((query) => (query.metric ? [query.metric] : []))
        : [{ namespace: spec.namespace, metricName: spec.metricName, dimensions: spec.dimensions }],
    );
    expect(metrics.length).toBeGreaterThanOrEqual(5);
    for (const metric of metrics) {
      expect(metric.namespace).toBe(MetricsNamespace);
      expect(metric.dimensions).toEqual({ service: "dossier-prod" });
      const name = String(metric.metricName);
      expect(emitted.has(name) || terminal.has(name), `${name} is emitted by no handler`).toBe(true);
    }
    expect(emitted.has("ExtractionFailed")).toBe(true);
    expect(emitted.has("ProfileCompleteness")).toBe(true);
    expect(emitted.has("CircuitOpened")).toBe(true);
  });

  it("alarm on a failed-run rate computed over every terminal outcome", () => {
    const queries = specs.failedRunRate.metricQueries ?? [];
    const expression = queries.find((query) => query.returnData)?.expression ?? "";
    for (const query of queries.filter((q) => q.metric)) expect(expression).toContain(query.id);
    expect(
      queries
        .filter((q) => q.metric)
        .map((q) => q.metric?.metricName)
        .sort(),
    ).toEqual(["ExtractionFailed", "ProfileCompleted", "ProfileIncomplete"].sort());
  });

  it("alarm when average completeness drops below 80 and on any opened circuit", () => {
    expect(specs.completenessDrop).toMatchObject({
      metricName: "ProfileCompleteness",
      statistic: "Average",
      comparisonOperator: "LessThanThreshold",
      threshold: 80,
    });
    expect(specs.circuitOpened).toMatchObject({
      metricName: "CircuitOpened",
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 1,
    });
    expect(specs.terminalEventsRepublished).toMatchObject({
      metricName: "TerminalEventsRepublished",
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 1,
    });
  });

  it("alarm on the first message in a dead-letter queue", () => {
    expect(deadLetterAlarmSpec("q", "The batchFanOut rule")).toMatchObject({
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: "q" },
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
    });
  });
});
