import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { conformanceDir, describeOnSharedCorpus } from "../../../../../test/shared-corpus";
import { compilePattern } from "./index";

interface ConformanceCase {
  id: string;
  pattern: unknown;
  event: unknown;
  matches: boolean;
  eventbridge: boolean;
}

const casesFile = path.join(conformanceDir, "event-patterns.event-ruler.json");

function outcome(testCase: ConformanceCase): boolean | string {
  try {
    return compilePattern(testCase.pattern).matches(testCase.event);
  } catch (error) {
    return `threw ${(error as Error).message}`;
  }
}

describeOnSharedCorpus("event-ruler conformance", () => {
  it("agrees with event-ruler on at least 99% of the cases EventBridge documents", () => {
    // Prepare
    const { cases } = JSON.parse(readFileSync(casesFile, "utf8")) as { cases: ConformanceCase[] };
    const eventBridgeCases = cases.filter((testCase) => testCase.eventbridge);

    // Act
    const failures = eventBridgeCases.filter((testCase) => outcome(testCase) !== testCase.matches);

    // Assess
    const passRate = (eventBridgeCases.length - failures.length) / eventBridgeCases.length;
    console.log(
      `event-pattern conformance: ${eventBridgeCases.length - failures.length}/${eventBridgeCases.length} ` +
        `(${(passRate * 100).toFixed(1)}%)`,
    );
    for (const failure of failures) {
      console.log(`  failed ${failure.id}: expected ${failure.matches}, got ${outcome(failure)}`);
    }
    expect(eventBridgeCases.length).toBeGreaterThanOrEqual(1000);
    expect(passRate).toBeGreaterThanOrEqual(0.99);
  });
});
