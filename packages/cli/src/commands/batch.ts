import { parseArgs } from "node:util";
import { batchRunIndex, newBatchId } from "@dossier/core/pipeline";
import { ProfileKeys } from "@dossier/core/profile";
import { type CompanyRequest, InvalidEventError, type Part } from "@dossier/events";
import {
  type BatchOutcome,
  BatchRejectedError,
  type BatchReport,
  BatchTimeoutError,
  describeLocalOutcomes,
  describeOutcomes,
  publishBatch,
  runBatch,
} from "@dossier/local/batch";
import { type LocalRuntime, profileObjectFile } from "@dossier/local/runtime";
import { type DeployedStage, deployedStage, pollUntil } from "../aws-target";
import { CliError, ExitCode } from "../exit-codes";
import { readCompanyList, validateCompanies } from "../inputs";
import { formatMs, ProgressBar, paint, printable, table } from "../render";
import { withRuntime } from "../session";

export const batchUsage = `dossier batch <companies.csv|companies.json> [--parts sec,leadership] [--force] [--concurrency N] [--skip-invalid] [--json] [--target local|aws [--stage S]]

Profiles every company of the list through the embedded runtime (Batch.Requested → BatchFanOut
→ one run per company), with a progress bar, and ends with a summary table in the list's order.
CSV columns: ticker, cik, name, website. --concurrency caps companies extracted at once (default 5).
Bad rows are reported with their line numbers; --skip-invalid runs the good ones. --json prints
the report (full reasons) instead of the table.
Exit: 0 every run completed, 3 some incomplete, 4 some failed, 2 bad input.`;

/** Runs a batch on a deployed stage, following it in the batch ledger. */
async function runDeployedBatch(
  stage: DeployedStage,
  companies: CompanyRequest[],
  options: { parts: ("sec" | "leadership")[]; force: boolean; timeoutMs: number },
): Promise<BatchReport> {
  const batchId = newBatchId(new Date());
  try {
    await publishBatch(stage, batchId, companies, options);
  } catch (error) {
    if (error instanceof InvalidEventError) throw new CliError(error.message);
    if (error instanceof BatchRejectedError) throw new CliError(error.message, ExitCode.internalError);
    throw error;
  }
  const bar = new ProgressBar(companies.length);
  await pollUntil(
    async () => {
      const batch = await stage.store.batches.get(batchId);
      if (batch)
        bar.update(
          batch.done,
          `${batch.completed} completed ${batch.incomplete} incomplete ${batch.failed} failed`,
        );
      return batch?.status === "completed" ? batch : undefined;
    },
    { intervalMs: 2000, timeoutMs: options.timeoutMs, what: `batch ${batchId}` },
  );
  const summary =
    (await stage.objects.getJson<Record<string, unknown>>(ProfileKeys.batchSummary(batchId)))?.value ?? {};
  const outcomes: BatchOutcome[] = (await stage.store.runs.ofBatch(batchId)).map((run) => ({
    companyId: run.companyId,
    runId: run.runId,
    type: run.terminalType ?? "running",
    completeness: run.completeness,
    durationMs: run.durationMs,
    reason: Object.values(run.parts ?? {}).find((outcome) => outcome?.reason)?.reason,
    cached: run.cached === true,
    cachedParts: [],
  }));
  await describeOutcomes(outcomes, batchId, stage);
  return { batchId, summary, outcomes };
}

/** Longest reason shown in the table; --json has the whole of it. */
const reasonWidth = 60;

/** Shortens a text to `width` characters, ending in "…" when it was cut. */
export function shorten(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/**
 * The summary table, one row per company in the order of the input list, with the company's name
 * and ticker as given beside its id; reasons are shortened (the full text is in --json).
 */
/**
 * A batch through the embedded runtime, as the CLI runs it: a progress bar on stderr, and the
 * runtime's errors said as one line with the exit code they mean.
 */
export async function runLocalBatch(
  runtime: LocalRuntime,
  companies: CompanyRequest[],
  options: { parts: Part[]; force: boolean; progress: boolean; timeoutMs: number },
): Promise<BatchReport> {
  const bar = options.progress ? new ProgressBar(companies.length) : undefined;
  try {
    const report = await runBatch(runtime, companies, {
      parts: options.parts,
      force: options.force,
      timeoutMs: options.timeoutMs,
      onProgress: (ended, counts) =>
        bar?.update(
          ended,
          `${paint.green(`${counts.completed} completed`)} ${paint.yellow(`${counts.incomplete} incomplete`)} ${paint.red(`${counts.failed} failed`)}`,
        ),
    });
    await describeLocalOutcomes(report);
    return report;
  } catch (error) {
    if (error instanceof BatchTimeoutError) throw new CliError(error.message, ExitCode.failed);
    if (error instanceof InvalidEventError) throw new CliError(error.message);
    if (error instanceof BatchRejectedError) throw new CliError(error.message, ExitCode.internalError);
    throw error;
  }
}

export function renderBatchReport(
  report: BatchReport,
  companies: CompanyRequest[],
  home: string | undefined,
): string {
  const position = (outcome: BatchOutcome) => batchRunIndex(outcome.runId) ?? Number.MAX_SAFE_INTEGER;
  const rows = [...report.outcomes]
    .sort((a, b) => position(a) - position(b) || a.companyId.localeCompare(b.companyId))
    .map((outcome) => {
      const company = companies[position(outcome)];
      return [
        printable(shorten(outcome.name ?? company?.name ?? company?.ticker ?? company?.cik ?? "-", 32)),
        printable(outcome.ticker ?? company?.ticker?.toUpperCase() ?? "-"),
        outcome.companyId,
        outcome.type.replace("Profile.", "").replace("Extraction.", ""),
        outcome.completeness === undefined ? "-" : `${outcome.completeness} %`,
        outcome.durationMs === undefined ? "-" : formatMs(outcome.durationMs),
        outcome.cachedParts.join("+"),
        printable(shorten(outcome.reason ?? "", reasonWidth)),
      ];
    });
  const s = report.summary;
  const cachedParts = report.outcomes.reduce((sum, outcome) => sum + outcome.cachedParts.length, 0);
  return [
    table(["company", "ticker", "id", "outcome", "complete", "duration", "cached", "reason"], rows),
    "",
    paint.bold(`batch ${report.batchId}`),
    `  total ${s.total}: ${s.completed} completed, ${s.incomplete} incomplete, ${s.failed} failed; ${cachedParts} parts from the cache`,
    `  average completeness ${s.averageCompleteness} %, duration p50 ${formatMs(Number(s.p50DurationMs))}, p95 ${formatMs(Number(s.p95DurationMs))}`,
    ...(home
      ? [
          `  profiles: ${profileObjectFile(home, ProfileKeys.latest("<companyId>"))}`,
          "  look at one: dossier profile show <ticker or id>; all of them: dossier profile list",
        ]
      : []),
  ].join("\n");
}

/** The report as --json prints it: every outcome with its full reason, in the input's order. */
export function batchReportJson(report: BatchReport, companies: CompanyRequest[]): string {
  const outcomes = report.outcomes
    .map((outcome) => ({ ...outcome, position: batchRunIndex(outcome.runId) }))
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
    .map(({ position, ...outcome }) => ({
      ...(position === undefined ? {} : { input: companies[position] }),
      ...outcome,
    }));
  return JSON.stringify({ batchId: report.batchId, summary: report.summary, outcomes }, null, 2);
}

export function batchExitCode(summary: Record<string, unknown>): number {
  if (Number(summary.failed) > 0) return ExitCode.failed;
  if (Number(summary.incomplete) > 0) return ExitCode.incomplete;
  return ExitCode.ok;
}

export async function batchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      parts: { type: "string", default: "sec,leadership" },
      force: { type: "boolean", default: false },
      concurrency: { type: "string", default: "5" },
      timeout: { type: "string", default: "3600" },
      target: { type: "string", default: "local" },
      stage: { type: "string" },
      "skip-invalid": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  if (values.target !== "local" && values.target !== "aws") throw new CliError("--target is local or aws");
  const file = positionals[0];
  if (!file) throw new CliError(batchUsage);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new CliError("--concurrency must be a whole number from 1 to 64");
  }
  const rows = await readCompanyList(file);
  if (rows.length === 0) throw new CliError(`${file} lists no companies`);
  const companies = validateCompanies(file, rows, { skipInvalid: values["skip-invalid"] }).map(
    (row) => row.company,
  );
  if (companies.length === 0) throw new CliError(`${file}: no valid company left to run`);
  const render = (report: BatchReport, home: string | undefined) =>
    values.json ? batchReportJson(report, companies) : renderBatchReport(report, companies, home);
  const parts = values.parts.split(",").map((part) => part.trim()) as ("sec" | "leadership")[];
  const timeoutMs = Number(values.timeout) * 1000;
  if (values.target === "aws") {
    const report = await runDeployedBatch(await deployedStage(values.stage), companies, {
      parts,
      force: values.force,
      timeoutMs,
    });
    process.stdout.write(`${render(report, undefined)}\n`);
    return batchExitCode(report.summary);
  }
  return withRuntime("batch", { extractorConcurrency: concurrency }, async (runtime) => {
    process.stderr.write(paint.dim(`batch of ${companies.length} companies, ${concurrency} at a time\n`));
    const report = await runLocalBatch(runtime, companies, {
      parts,
      force: values.force,
      progress: !values.json,
      timeoutMs,
    });
    process.stdout.write(`${render(report, runtime.home)}\n`);
    return batchExitCode(report.summary);
  });
}
