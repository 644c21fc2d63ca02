import { parseArgs } from "node:util";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { newRunId } from "@dossier/core/pipeline";
import { type MergedProfile, ProfileKeys } from "@dossier/core/profile";
import {
  CompanyRequest,
  type DetailOf,
  ExtractionFailed,
  ExtractionPartCompleted,
  ExtractionRequested,
  InvalidEventError,
  Part,
  ProfileCompleted,
  ProfileIncomplete,
  ProfileUpdated,
  Sources,
  toPutEventsEntry,
} from "@dossier/events";
import type { EventEnvelope } from "@dossier/local/eventbridge";
import { LocalResourceNames, type LocalRuntime, profileObjectFile } from "@dossier/local/runtime";
import { type DeployedStage, deployedStage, pollUntil } from "../aws-target";
import { CliError, ExitCode } from "../exit-codes";
import { dossierHome } from "../home";
import { resolveCompanyId } from "../identity";
import { summariseProfile } from "../profile-summary";
import { formatMs, paint } from "../render";
import { withRuntime } from "../session";

export const extractUsage = `dossier extract (--ticker T | --cik C | --name N) [--website URL] [--parts sec,leadership] [--force] [--json] [--target local|aws [--stage S]]

Builds one company's profile through the embedded runtime (or a deployed stage with --target aws):
publishes Extraction.Requested, shows each part as it comes in, and prints the merged profile
(a summary, or JSON with --json).
Exit: 0 completed, 3 incomplete, 4 failed, 2 bad input.`;

const exitByTerminal: Record<string, number> = {
  [ProfileCompleted.detailType]: ExitCode.ok,
  [ProfileIncomplete.detailType]: ExitCode.incomplete,
  [ExtractionFailed.detailType]: ExitCode.failed,
};

function parseParts(value: string | undefined): Part[] {
  if (!value) return ["sec", "leadership"];
  const parts = value.split(",").map((part) => part.trim());
  for (const part of parts) {
    if (!Part.safeParse(part).success)
      throw new CliError(`--parts takes sec and/or leadership, got "${part}"`);
  }
  return [...new Set(parts)] as Part[];
}

/** The company the flags name, each problem naming the flag it came from ("--website: …"). */
function companyFromFlags(values: {
  ticker?: string;
  cik?: string;
  name?: string;
  website?: string;
}): CompanyRequest {
  const company = CompanyRequest.safeParse({
    ...(values.ticker ? { ticker: values.ticker } : {}),
    ...(values.cik ? { cik: values.cik } : {}),
    ...(values.name ? { name: values.name } : {}),
    ...(values.website ? { website: values.website } : {}),
  });
  if (company.success) return company.data;
  const problems = company.error.issues.map((issue) =>
    issue.path.length ? `--${String(issue.path[0])}: ${issue.message}` : issue.message,
  );
  throw new CliError(`${problems.join("; ")}\n\n${extractUsage}`);
}

/** One request, ready to publish: who, what, and how the command reports on it. */
interface Extraction {
  runId: string;
  companyId: string;
  company: CompanyRequest;
  parts: Part[];
  force: boolean;
  timeoutMs: number;
  json: boolean;
  /** Progress lines on stderr (none with --json). */
  log: (line: string) => void;
}

/** How a run ended, as the command prints it. */
interface Ending {
  terminal: string;
  profile: MergedProfile | undefined;
  reason: string | undefined;
  /** Where a person finds the profile (a file or an s3:// URI), when there is one. */
  where: string | undefined;
}

/** Publishes the extraction's Extraction.Requested to a bus. */
async function publishRequest(extraction: Extraction, busName: string): Promise<void> {
  let entry: ReturnType<typeof toPutEventsEntry>;
  try {
    entry = toPutEventsEntry(
      ExtractionRequested,
      {
        runId: extraction.runId,
        company: extraction.company,
        companyId: extraction.companyId,
        parts: extraction.parts,
        force: extraction.force,
        requestedAt: new Date().toISOString(),
      },
      { source: Sources.requests, busName },
    );
  } catch (error) {
    if (error instanceof InvalidEventError) throw new CliError(error.message);
    throw error;
  }
  const published = await new EventBridgeClient({}).send(new PutEventsCommand({ Entries: [entry] }));
  if (published.FailedEntryCount) {
    throw new CliError(
      `the bus rejected the request: ${published.Entries?.[0]?.ErrorMessage}`,
      ExitCode.internalError,
    );
  }
}

/** Prints how the run ended (a summary, or JSON with --json) and returns the exit code it means. */
function report(extraction: Extraction, ending: Ending): number {
  const { runId, companyId } = extraction;
  if (!ending.profile) {
    if (extraction.json) {
      const { terminal, reason } = ending;
      process.stdout.write(`${JSON.stringify({ runId, companyId, terminal, reason }, null, 2)}\n`);
    } else extraction.log(paint.red(`failed: ${ending.reason}`));
    return ExitCode.failed;
  }
  if (extraction.json) process.stdout.write(`${JSON.stringify(ending.profile, null, 2)}\n`);
  else {
    process.stdout.write(`${summariseProfile(ending.profile)}\n`);
    if (ending.where) extraction.log(paint.dim(`profile: ${ending.where}`));
  }
  return exitByTerminal[ending.terminal] ?? ExitCode.internalError;
}

/** On a deployed stage: publish to its bus and follow the run in its ledger. */
async function extractOnStage(extraction: Extraction, stage: DeployedStage): Promise<Ending> {
  const { runId, log } = extraction;
  log(
    paint.dim(
      `run ${runId} for ${extraction.companyId} on stage ${stage.stage}: ${extraction.parts.join(" + ")}`,
    ),
  );
  await publishRequest(extraction, stage.busName);
  const seen = new Set<string>();
  const run = await pollUntil(
    async () => {
      const current = await stage.store.runs.get(runId);
      for (const [part, outcome] of Object.entries(current?.parts ?? {})) {
        if (!outcome || seen.has(part)) continue;
        seen.add(part);
        log(
          `${outcome.status === "succeeded" ? paint.green("✓") : paint.yellow("!")} ${part} part ${outcome.status}${outcome.cached ? " (cached)" : ""}`,
        );
      }
      return current && current.status !== "running" ? current : undefined;
    },
    { intervalMs: 1000, timeoutMs: extraction.timeoutMs, what: `run ${runId}` },
  );
  const terminal = run.terminalType ?? ExtractionFailed.detailType;
  const profileKey = ProfileKeys.profile(run.companyId, runId);
  const profile =
    terminal === ExtractionFailed.detailType
      ? undefined
      : (await stage.objects.getJson<MergedProfile>(profileKey))?.value;
  const reasons = Object.entries(run.parts ?? {}).map(
    ([part, outcome]) => `${part}: ${outcome?.reason ?? outcome?.status}`,
  );
  return { terminal, profile, reason: reasons.join("; "), where: `s3://${stage.bucketName}/${profileKey}` };
}

/** Prints the run's events as they come; resolves with its terminal event. */
function followRun(runtime: LocalRuntime, extraction: Extraction): Promise<EventEnvelope> {
  const started = Date.now();
  return new Promise<EventEnvelope>((resolve) => {
    const stop = runtime.onEvent((event) => {
      const detail = event.detail as { runId?: string };
      if (detail.runId !== extraction.runId) return;
      const at = paint.dim(`+${formatMs(Date.now() - started)}`);
      const type = event["detail-type"];
      if (type === ExtractionPartCompleted.detailType) {
        const part = event.detail as DetailOf<typeof ExtractionPartCompleted>;
        const mark = part.status === "succeeded" ? paint.green("✓") : paint.yellow("!");
        const why = part.reason && part.status !== "succeeded" ? ` — ${part.reason}` : "";
        extraction.log(
          `${mark} ${part.part} part ${part.status}${part.cached ? " (cached)" : ""}, ${part.completeness} % ${at}${why}`,
        );
      } else if (type === ProfileUpdated.detailType) {
        extraction.log(`  partial profile written ${at}`);
      } else if (type in exitByTerminal) {
        extraction.log(
          `${type === ExtractionFailed.detailType ? paint.red("✗") : paint.green("●")} ${type} ${at}`,
        );
        stop();
        resolve(event);
      }
    });
  });
}

/** Through the embedded runtime: publish, follow the run's events, read the merged profile. */
async function extractLocally(extraction: Extraction, runtime: LocalRuntime): Promise<Ending> {
  const terminal = followRun(runtime, extraction);
  extraction.log(
    paint.dim(`run ${extraction.runId} for ${extraction.companyId}: ${extraction.parts.join(" + ")}`),
  );
  await publishRequest(extraction, LocalResourceNames.bus);
  let timer: NodeJS.Timeout | undefined;
  const event = await Promise.race([
    terminal,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new CliError(`no terminal event within ${extraction.timeoutMs / 1000} s`, ExitCode.failed)),
        extraction.timeoutMs,
      );
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
  const type = event["detail-type"];
  if (type === ExtractionFailed.detailType) {
    const failed = event.detail as DetailOf<typeof ExtractionFailed>;
    return { terminal: type, profile: undefined, reason: failed.reason, where: undefined };
  }
  const ended = event.detail as DetailOf<typeof ProfileCompleted>;
  const object = await new S3Client({}).send(
    new GetObjectCommand({ Bucket: LocalResourceNames.bucket, Key: ended.profileKey }),
  );
  const profile = JSON.parse((await object.Body?.transformToString()) ?? "{}") as MergedProfile;
  const where = runtime.home ? profileObjectFile(runtime.home, ended.profileKey) : undefined;
  return { terminal: type, profile, reason: undefined, where };
}

export async function extractCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ticker: { type: "string" },
      cik: { type: "string" },
      name: { type: "string" },
      website: { type: "string" },
      parts: { type: "string" },
      force: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      timeout: { type: "string", default: "300" },
      target: { type: "string", default: "local" },
      stage: { type: "string" },
    },
    strict: true,
  });
  if (values.target !== "local" && values.target !== "aws") throw new CliError("--target is local or aws");
  const company = companyFromFlags(values);
  const parts = parseParts(values.parts);
  const secUserAgent = process.env.DOSSIER_SEC_USER_AGENT?.trim();
  if (values.target === "local" && parts.includes("sec") && !secUserAgent) {
    throw new CliError(
      'the SEC part needs DOSSIER_SEC_USER_AGENT, a User-Agent with a contact as SEC fair access asks (e.g. "Jane Doe jane@example.com")',
    );
  }
  const extraction: Extraction = {
    runId: newRunId(),
    companyId: await resolveCompanyId(company, dossierHome(), parts.includes("sec") && Boolean(secUserAgent)),
    company,
    parts,
    force: values.force,
    timeoutMs: Number(values.timeout) * 1000,
    json: values.json,
    log: (line) => {
      if (!values.json) process.stderr.write(`${line}\n`);
    },
  };
  if (values.target === "aws")
    return report(extraction, await extractOnStage(extraction, await deployedStage(values.stage)));
  return withRuntime("extract", {}, async (runtime) =>
    report(extraction, await extractLocally(extraction, runtime)),
  );
}
