import { compilePattern } from "@dossier/local/eventbridge/pattern";
import { describe, expect, it } from "vitest";
import { benchEventMix, benchRulePatterns, measureBusThroughput } from "./bus-throughput";

function envelopeOf(entry: ReturnType<typeof benchEventMix>[number]) {
  return {
    version: "0",
    id: "1",
    "detail-type": entry.DetailType,
    source: entry.Source,
    account: "000000000000",
    time: "2026-01-01T00:00:00Z",
    region: "us-east-1",
    resources: [],
    detail: JSON.parse(entry.Detail ?? "{}") as unknown,
  };
}

describe("bus throughput scenario", () => {
  it("registers 20 valid rules with distinct names", () => {
    const rules = benchRulePatterns();
    expect(rules).toHaveLength(20);
    expect(new Set(rules.map((rule) => rule.name)).size).toBe(20);
    for (const rule of rules) expect(() => compilePattern(rule.eventPattern)).not.toThrow();
  });

  it("publishes traffic that every rule sees some of, so no rule is dead weight", () => {
    const events = benchEventMix(400).map(envelopeOf);
    for (const rule of benchRulePatterns()) {
      const pattern = compilePattern(rule.eventPattern);
      expect(
        events.some((event) => pattern.matches(event)),
        rule.name,
      ).toBe(true);
    }
  });

  it("delivers every match of every published event before it stops the clock", async () => {
    const events = benchEventMix(200).map(envelopeOf);
    const patterns = benchRulePatterns().map((rule) => compilePattern(rule.eventPattern));
    const expectedDeliveries = events.reduce(
      (sum, event) => sum + patterns.filter((pattern) => pattern.matches(event)).length,
      0,
    );

    const measurement = await measureBusThroughput({ events: 200, batchSize: 10 });

    expect(measurement.accepted).toBe(200);
    expect(measurement.rejected).toBe(0);
    expect(measurement.deliveries).toBe(expectedDeliveries);
    expect(measurement.eventsPerSecond).toBeGreaterThan(0);
  });
});
