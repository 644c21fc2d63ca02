import { describe, expect, it } from "vitest";
import { meets, renderTable, type ScenarioReport } from "./report";

function scenario(overrides: Partial<ScenarioReport>): ScenarioReport {
  return {
    id: "a",
    name: "overhead",
    metric: "companies per second",
    unit: "companies/s",
    target: { op: ">=", value: 20 },
    value: 25,
    pass: true,
    samples: [25],
    config: {},
    invariants: {},
    extra: {},
    runs: [],
    ...overrides,
  };
}

describe("meets", () => {
  it("compares against at-least and at-most targets, bounds included", () => {
    expect(meets(20, { op: ">=", value: 20 })).toBe(true);
    expect(meets(19.9, { op: ">=", value: 20 })).toBe(false);
    expect(meets(50, { op: "<=", value: 50 })).toBe(true);
    expect(meets(50.1, { op: "<=", value: 50 })).toBe(false);
  });

  it("never passes a value that was not measured", () => {
    expect(meets(Number.NaN, { op: "<=", value: 50 })).toBe(false);
  });
});

describe("renderTable", () => {
  it("shows one row per scenario with its median, target, verdict and details", () => {
    const table = renderTable([
      scenario({ extra: { concurrency: 16, p50: "800 ms" } }),
      scenario({
        id: "c",
        name: "cache-hit",
        unit: "ms",
        target: { op: "<=", value: 50 },
        value: 120,
        pass: false,
      }),
    ]);
    const lines = table.split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/\(a\) overhead\s+25 companies\/s\s+>= 20\s+PASS\s+concurrency 16, p50 800 ms/);
    expect(lines[3]).toMatch(/\(c\) cache-hit\s+120 ms\s+<= 50\s+FAIL/);
  });

  it("names the invariant that failed a scenario", () => {
    const table = renderTable([scenario({ pass: false, invariants: { "no 429": false, "ran 30 s": true } })]);
    expect(table).toContain("FAIL (no 429 broken)");
    expect(table).not.toContain("ran 30 s broken");
  });
});
