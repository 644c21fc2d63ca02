import { compilePattern } from "@dossier/local/eventbridge/pattern";
import { describe, expect, it } from "vitest";
import { measurePatternEvaluations, patternEventMix, threeFieldPattern } from "./pattern-evaluations";

describe("pattern evaluation scenario", () => {
  it("evaluates a mix in which exactly half the events match", () => {
    const pattern = compilePattern(threeFieldPattern);
    const matching = patternEventMix.filter((event) => pattern.matches(event));
    expect(matching).toHaveLength(patternEventMix.length / 2);
  });

  it("reports whole passes over the mix and the matches they found", () => {
    const measurement = measurePatternEvaluations({ minDurationMs: 5 });
    expect(measurement.evaluations % patternEventMix.length).toBe(0);
    expect(measurement.matched).toBe(measurement.evaluations / 2);
    expect(measurement.elapsedMs).toBeGreaterThanOrEqual(5);
  });
});
