import type { MachineDescription } from "./machine";

export interface Target {
  op: ">=" | "<=";
  value: number;
}

export interface ScenarioReport {
  id: string;
  name: string;
  metric: string;
  unit: string;
  target: Target;
  /** The headline number: the median of the runs' metric. */
  value: number;
  pass: boolean;
  /** The metric of every run the median is taken over. */
  samples: number[];
  config: Record<string, unknown>;
  /** Conditions that must hold besides the target (no 429s, one terminal event per company). */
  invariants: Record<string, boolean>;
  /** Further numbers worth reading next to the headline one (p50/p95, ceiling, 429s...). */
  extra: Record<string, unknown>;
  /** Every run's full measurement, as the scenario process printed it. */
  runs: unknown[];
}

export interface BenchResults {
  date: string;
  commit: string;
  machine: MachineDescription & { loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  durationMs: number;
  scenarios: ScenarioReport[];
}

/** Whether a measured value meets its target. NaN (nothing measured) never does. */
export function meets(value: number, target: Target): boolean {
  if (Number.isNaN(value)) return false;
  return target.op === ">=" ? value >= target.value : value <= target.value;
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "n/a";
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString("en-US");
  return String(Math.round(value * 100) / 100);
}

/** Fixed-width text table of the scenarios' headline numbers. */
export function renderTable(scenarios: readonly ScenarioReport[]): string {
  const rows = scenarios.map((scenario) => [
    `(${scenario.id}) ${scenario.name}`,
    `${formatNumber(scenario.value)} ${scenario.unit}`,
    `${scenario.target.op} ${formatNumber(scenario.target.value)}`,
    scenario.pass
      ? "PASS"
      : `FAIL${Object.entries(scenario.invariants)
          .filter(([, holds]) => !holds)
          .map(([name]) => ` (${name} broken)`)
          .join("")}`,
    Object.entries(scenario.extra)
      .filter(([, value]) => typeof value === "number" || typeof value === "string")
      .map(([key, value]) => `${key} ${typeof value === "number" ? formatNumber(value) : value}`)
      .join(", "),
  ]);
  const header = ["scenario", "median", "target", "result", "details"];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join("  ");
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}
