import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { estimateCost, runUsage, TypicalColdRun } from "./pricing";

const costDoc = readFileSync(path.resolve(import.meta.dirname, "../../../../docs/cost.md"), "utf8");

/** The dollar figure of a row of docs/cost.md's table, by its first cell, and half its last printed digit. */
function documented(service: string): { usd: number; rounding: number } {
  const row = costDoc.split("\n").find((line) => line.startsWith(`| ${service} `));
  const amount = row?.match(/\$([\d.]+)\**\s*\|\s*$/)?.[1];
  if (!amount) throw new Error(`docs/cost.md has no row "${service}" ending in a dollar amount`);
  const decimals = amount.split(".")[1]?.length ?? 0;
  return { usd: Number(amount), rounding: 0.5 * 10 ** -decimals + 1e-12 };
}

describe("the cost model", () => {
  it("gives docs/cost.md's figures for the typical run, line by line and in total", () => {
    const cost = estimateCost(TypicalColdRun);
    // Each figure as the table prints it: rounded to its last digit.
    const rows = [
      ...cost.lines,
      { service: "**subtotal**", usd: cost.subtotalUsd },
      { service: "**total**", usd: cost.totalUsd },
    ];
    for (const row of rows) {
      const printed = documented(row.service);
      expect(Math.abs(row.usd - printed.usd), row.service).toBeLessThanOrEqual(printed.rounding);
    }
  });

  it("prices a run with its measured part durations and without the parts it did not ask for", () => {
    const secOnly = runUsage({ partsExpected: ["sec"], parts: { sec: { durationMs: 200 } } });
    expect(secOnly.lambda.secExtractor?.seconds).toBe(0.2);
    expect(secOnly.lambda.leadershipExtractor).toBeUndefined();
    expect(secOnly.events).toBe(TypicalColdRun.events - 1);
    expect(estimateCost(secOnly).totalUsd).toBeLessThan(estimateCost(TypicalColdRun).totalUsd);
  });
});
