/**
 * Runs one benchmark scenario in this process and prints its measurement as one
 * `BENCH_RESULT {...}` line on stdout. `bench/run.ts` starts one process per scenario, because
 * handlers bind their SDK clients to the first runtime a process starts.
 *
 * Usage: tsx bench/scenario.ts <overhead|fair-access|cache-hit|bus|pattern|matchers|console|watchlist> '<options as JSON>'
 */
import { RESULT_PREFIX } from "./child";
import { measureBusThroughput } from "./scenarios/bus-throughput";
import { measureCacheHits } from "./scenarios/cache-hit";
import { measureConsoleFirstRender } from "./scenarios/console-first-render";
import { measureFairAccess } from "./scenarios/fair-access";
import { measureMatcherComparison } from "./scenarios/matcher-comparison";
import { measureOverhead } from "./scenarios/overhead";
import { measurePatternEvaluations } from "./scenarios/pattern-evaluations";
import { measureWatchlistRefresh } from "./scenarios/watchlist-refresh";

const scenarios: Record<string, (options: never) => unknown> = {
  overhead: measureOverhead,
  "fair-access": measureFairAccess,
  "cache-hit": measureCacheHits,
  bus: measureBusThroughput,
  pattern: measurePatternEvaluations,
  matchers: measureMatcherComparison,
  console: measureConsoleFirstRender,
  watchlist: measureWatchlistRefresh,
};

async function main(): Promise<void> {
  const [name = "", json = "{}"] = process.argv.slice(2);
  const scenario = scenarios[name];
  if (!scenario) {
    throw new Error(`unknown scenario "${name}"; pick one of ${Object.keys(scenarios).join(", ")}`);
  }
  const measurement = await scenario(JSON.parse(json) as never);
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(measurement)}\n`);
}

main().then(
  // Handler modules keep sockets and timers; the measurement is out, so do not wait for them.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
