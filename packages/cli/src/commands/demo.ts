import { parseArgs } from "node:util";
import { localOperations, localSources, startConsole } from "@dossier/console";
import type { CompanyRequest } from "@dossier/events";
import {
  demoEnvironment,
  demoRequests,
  describeDataset,
  generateDemoDataset,
  startDemoFixtureServer,
} from "@dossier/local/demo";
import type { LocalRuntime } from "@dossier/local/runtime";
import { CliError, ExitCode } from "../exit-codes";
import { paint, table } from "../render";
import { withRuntime } from "../session";
import { renderBatchReport, runLocalBatch } from "./batch";

export const demoUsage = `dossier demo [--concurrency N]

Runs the whole pipeline offline: starts a fixture server playing EDGAR and the websites of a
fictional data set, runs one batch through the embedded runtime, prints the summary and
checks that every company ended in exactly one terminal event. State goes to
$DOSSIER_HOME (default .dossier), so \`dossier profile list\` and \`profile show\` find the demo's
profiles afterwards; the demo companies' CIKs are far above EDGAR's, so they never collide with
real ones.`;

export async function demoCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { concurrency: { type: "string", default: "8" } } });
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new CliError("--concurrency must be a whole number from 1 to 64");
  }
  const dataset = generateDemoDataset();
  const server = await startDemoFixtureServer({ dataset });
  try {
    const cases = demoRequests(dataset, server.baseUrl);
    process.stderr.write(`${describeDataset(dataset)}\n\nfixture server ${server.baseUrl}\n`);
    const environment = demoEnvironment(server, process.env.DOSSIER_SEC_USER_AGENT);
    return await withRuntime("demo", { environment, extractorConcurrency: concurrency }, async (runtime) => {
      // Open it while the batch runs to watch it live: runs, the batch's progress, profiles filling in.
      const consoleServer = await startConsole({
        sources: localSources(runtime.environment, {
          target: "the demo",
          operations: localOperations(runtime),
        }),
      });
      process.stderr.write(
        `console ${consoleServer.url}  (live while the demo runs; \`npx dossier console\` after)\n`,
      );
      try {
        return await runDemoBatch(runtime, cases);
      } finally {
        await consoleServer.close();
      }
    });
  } finally {
    await server.close();
  }
}

/** The demo's one batch, its summary table, and the check that every company ended exactly once. */
async function runDemoBatch(runtime: LocalRuntime, cases: ReturnType<typeof demoRequests>): Promise<number> {
  const companies = cases.map((entry) => entry.request as CompanyRequest);
  const report = await runLocalBatch(runtime, companies, {
    parts: ["sec", "leadership"],
    force: false,
    progress: true,
    timeoutMs: 600_000,
  });
  process.stdout.write(`${renderBatchReport(report, companies, runtime.home)}\n\n`);
  const byRun = new Map<string, number>();
  for (const outcome of report.outcomes) byRun.set(outcome.runId, (byRun.get(outcome.runId) ?? 0) + 1);
  const duplicates = [...byRun.values()].filter((count) => count > 1).length;
  const accounted = byRun.size;
  const expected = { completed: 0, incomplete: 0, failed: 0 };
  for (const entry of cases) expected[entry.expect] += 1;
  process.stdout.write(
    `${table(
      ["", "completed", "incomplete", "failed", "total"],
      [
        ["expected", expected.completed, expected.incomplete, expected.failed, cases.length],
        [
          "got",
          Number(report.summary.completed),
          Number(report.summary.incomplete),
          Number(report.summary.failed),
          accounted,
        ],
      ],
    )}\n`,
  );
  if (accounted !== cases.length || duplicates > 0) {
    process.stdout.write(
      paint.red(
        `✗ ${cases.length - accounted} companies without a terminal event, ${duplicates} with more than one\n`,
      ),
    );
    return ExitCode.failed;
  }
  process.stdout.write(
    paint.green(`✓ all ${cases.length} companies accounted for, each with exactly one terminal event\n`),
  );
  return ExitCode.ok;
}
