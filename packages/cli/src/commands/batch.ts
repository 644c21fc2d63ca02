import { parseArgs } from "node:util";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { batchRunIndex, newBatchId } from "@dossier/core/pipeline";
import { ObjectStore, ProfileKeys, readStoredProfiles } from "@dossier/core/profile";
import { createStore } from "@dossier/core/store";
import {
  BatchRequested,
  type CompanyRequest,
  InvalidEventError,
  type Part,
  Sources,
  toPutEventsEntry,
} from "@dossier/events";
import type { EventEnvelope } from "@dossier/local/eventbridge";
import { LocalResourceNames, type LocalRuntime, profileObjectFile } from "@dossier/local/runtime";
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

export interface BatchOutcome {
  companyId: string;
  runId: string;
  type: string;
  completeness: number | undefined;
  durationMs: number | undefined;
  reason: string | undefined;
  cached: boolean;
  /** The parts of the run served from the cache. */
  cachedParts: Part[];
  /** The company's name and first ticker from its stored profile, when it has one. */
  name?: string | undefined;
  ticker?: string | undefined;
}

export interface BatchReport {
  batchId: string;
  summary: Record<string, unknown>;
  outcomes: BatchOutcome[];
}

/** Reports larger than this are not given names: reading every profile would take longer than the batch is worth waiting for. */
const namedReportLimit = 2_000;

/**
 * Completes a batch's outcomes with what the table shows beside each id: which parts came from the
 * cache (from the run ledger) and the company's name and ticker (from its stored profile).
 */
async function describeOutcomes(
  outcomes: BatchOutcome[],
  batchId: string,
  sources: { store: ReturnType<typeof createStore>; objects: ObjectStore },
): Promise<void> {
  const cachedParts = await cachedPartsOf(sources.store, batchId);
  const profiles =
    outcomes.length > namedReportLimit
      ? []
      : await readStoredProfiles(sources.objects, [...new Set(outcomes.map((outcome) => outcome.companyId))]);
  const byCompany = new Map(profiles.map((profile) => [profile.companyId, profile]));
  for (const outcome of outcomes) {
    outcome.cachedParts = cachedParts.get(outcome.runId) ?? [];
    const profile = byCompany.get(outcome.companyId);
    outcome.name = profile?.name;
    outcome.ticker = profile?.tickers[0];
  }
}

/** Which parts of each run of a batch were served from the cache, by run id, from the run ledger. */
async function cachedPartsOf(
  store: ReturnType<typeof createStore>,
  batchId: string,
): Promise<Map<string, Part[]>> {
  const runs = await store.runs.ofBatch(batchId);
  return new Map(
    runs.map((run) => [
      run.runId,
      Object.entries(run.parts ?? {}).flatMap(([part, outcome]) => (outcome?.cached ? [part as Part] : [])),
    ]),
  );
}

/** Publishes Batch.Requested; lists over 500 go to S3 first (an event is capped at 256 KB). */
async function publishBatch(
  target: { busName: string; bucketName: string },
  batchId: string,
  companies: CompanyRequest[],
  options: { parts: ("sec" | "leadership")[]; force: boolean },
): Promise<void> {
  const requestedAt = new Date().toISOString();
  let detail: Record<string, unknown> = { batchId, parts: options.parts, force: options.force, requestedAt };
  if (companies.length <= 500) detail = { ...detail, companies };
  else {
    const companiesKey = `batches/${batchId}/input.json`;
    await new S3Client({}).send(
      new PutObjectCommand({ Bucket: target.bucketName, Key: companiesKey, Body: JSON.stringify(companies) }),
    );
    detail = { ...detail, companiesKey };
  }
  let entry: ReturnType<typeof toPutEventsEntry>;
  try {
    entry = toPutEventsEntry(BatchRequested, detail as never, {
      source: Sources.requests,
      busName: target.busName,
    });
  } catch (error) {
    if (error instanceof InvalidEventError) throw new CliError(error.message);
    throw error;
  }
  const published = await new EventBridgeClient({}).send(new PutEventsCommand({ Entries: [entry] }));
  if (published.FailedEntryCount) {
    throw new CliError(
      `the bus rejected the batch: ${published.Entries?.[0]?.ErrorMessage}`,
      ExitCode.internalError,
    );
  }
}

/** Runs a batch on a deployed stage, following it in the batch ledger. */
async function runDeployedBatch(
  stage: DeployedStage,
  companies: CompanyRequest[],
  options: { parts: ("sec" | "leadership")[]; force: boolean; timeoutMs: number },
): Promise<BatchReport> {
  const batchId = newBatchId(new Date());
  await publishBatch(stage, batchId, companies, options);
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

/** Publishes a batch into a running runtime and resolves with its Batch.Completed summary. */
export async function runBatch(
  runtime: LocalRuntime,
  companies: CompanyRequest[],
  options: { parts: ("sec" | "leadership")[]; force: boolean; progress: boolean; timeoutMs: number },
): Promise<BatchReport> {
  const batchId = newBatchId(new Date());
  const outcomes: BatchOutcome[] = [];
  const bar = options.progress ? new ProgressBar(companies.length) : undefined;
  const counts = { completed: 0, incomplete: 0, failed: 0 };
  const done = new Promise<Record<string, unknown>>((resolve) => {
    runtime.onEvent((event: EventEnvelope) => {
      const detail = event.detail as Record<string, unknown>;
      if (detail.batchId !== batchId) return;
      const type = event["detail-type"];
      if (type === "Profile.Completed" || type === "Profile.Incomplete" || type === "Extraction.Failed") {
        outcomes.push({
          companyId: String(detail.companyId ?? "?"),
          runId: String(detail.runId),
          type,
          completeness: detail.completeness as number | undefined,
          durationMs: detail.durationMs as number | undefined,
          reason: detail.reason as string | undefined,
          cached: detail.cached === true,
          cachedParts: [],
        });
        if (type === "Profile.Completed") counts.completed += 1;
        else if (type === "Profile.Incomplete") counts.incomplete += 1;
        else counts.failed += 1;
        bar?.update(
          outcomes.length,
          `${paint.green(`${counts.completed} completed`)} ${paint.yellow(`${counts.incomplete} incomplete`)} ${paint.red(`${counts.failed} failed`)}`,
        );
      }
      if (type === "Batch.Completed") resolve(detail);
    });
  });
  await publishBatch(
    { busName: LocalResourceNames.bus, bucketName: LocalResourceNames.bucket },
    batchId,
    companies,
    options,
  );
  const summary = await Promise.race([
    done,
    new Promise<never>((_, reject) =>
      setTimeout(
        () =>
          reject(
            new CliError(
              `batch ${batchId} did not complete within ${formatMs(options.timeoutMs)}`,
              ExitCode.failed,
            ),
          ),
        options.timeoutMs,
      ).unref(),
    ),
  ]);
  await describeOutcomes(outcomes, batchId, {
    store: createStore({ client: new DynamoDBClient({}), table: LocalResourceNames.table }),
    objects: new ObjectStore(new S3Client({}), LocalResourceNames.bucket),
  });
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
    const report = await runBatch(runtime, companies, {
      parts,
      force: values.force,
      progress: !values.json,
      timeoutMs,
    });
    process.stdout.write(`${render(report, runtime.home)}\n`);
    return batchExitCode(report.summary);
  });
}
