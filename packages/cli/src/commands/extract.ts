import { parseArgs } from "node:util";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { newRunId } from "@dossier/core/pipeline";
import { type MergedProfile, ProfileKeys } from "@dossier/core/profile";
import {
  CompanyRequest,
  ExtractionRequested,
  InvalidEventError,
  Part,
  Sources,
  toPutEventsEntry,
} from "@dossier/events";
import type { EventEnvelope } from "@dossier/local/eventbridge";
import { LocalResourceNames, profileObjectFile } from "@dossier/local/runtime";
import { deployedStage, pollUntil } from "../aws-target";
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
  "Profile.Completed": ExitCode.ok,
  "Profile.Incomplete": ExitCode.incomplete,
  "Extraction.Failed": ExitCode.failed,
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
  const company = CompanyRequest.safeParse({
    ...(values.ticker ? { ticker: values.ticker } : {}),
    ...(values.cik ? { cik: values.cik } : {}),
    ...(values.name ? { name: values.name } : {}),
    ...(values.website ? { website: values.website } : {}),
  });
  if (!company.success) {
    // Each problem names the flag it came from: "--website: "acme.com" has no scheme; …".
    const problems = company.error.issues.map((issue) =>
      issue.path.length ? `--${String(issue.path[0])}: ${issue.message}` : issue.message,
    );
    throw new CliError(`${problems.join("; ")}\n\n${extractUsage}`);
  }
  const parts = parseParts(values.parts);
  const log = (line: string) => {
    if (!values.json) process.stderr.write(`${line}\n`);
  };
  const secUserAgent = process.env.DOSSIER_SEC_USER_AGENT?.trim();
  if (values.target === "local" && parts.includes("sec") && !secUserAgent) {
    throw new CliError(
      'the SEC part needs DOSSIER_SEC_USER_AGENT, a User-Agent with a contact as SEC fair access asks (e.g. "Jane Doe jane@example.com")',
    );
  }
  const companyId = await resolveCompanyId(
    company.data,
    dossierHome(),
    parts.includes("sec") && Boolean(secUserAgent),
  );
  const runId = newRunId();
  const timeoutMs = Number(values.timeout) * 1000;
  const request = (busName: string) => {
    try {
      return toPutEventsEntry(
        ExtractionRequested,
        {
          runId,
          company: company.data,
          companyId,
          parts,
          force: values.force,
          requestedAt: new Date().toISOString(),
        },
        { source: Sources.requests, busName },
      );
    } catch (error) {
      if (error instanceof InvalidEventError) throw new CliError(error.message);
      throw error;
    }
  };
  const publish = async (entry: ReturnType<typeof request>) => {
    const published = await new EventBridgeClient({}).send(new PutEventsCommand({ Entries: [entry] }));
    if (published.FailedEntryCount) {
      throw new CliError(
        `the bus rejected the request: ${published.Entries?.[0]?.ErrorMessage}`,
        ExitCode.internalError,
      );
    }
  };
  const finish = (
    profile: MergedProfile | undefined,
    terminal: string,
    reason: string | undefined,
    where: string | undefined,
  ) => {
    if (!profile) {
      if (values.json)
        process.stdout.write(`${JSON.stringify({ runId, companyId, terminal, reason }, null, 2)}\n`);
      else log(paint.red(`failed: ${reason}`));
      return ExitCode.failed;
    }
    if (values.json) process.stdout.write(`${JSON.stringify(profile, null, 2)}\n`);
    else {
      process.stdout.write(`${summariseProfile(profile)}\n`);
      if (where) log(paint.dim(`profile: ${where}`));
    }
    return exitByTerminal[terminal] ?? ExitCode.internalError;
  };

  if (values.target === "aws") {
    // A deployed stage: publish to its bus and follow the run in its ledger.
    const stage = await deployedStage(values.stage);
    log(paint.dim(`run ${runId} for ${companyId} on stage ${stage.stage}: ${parts.join(" + ")}`));
    await publish(request(stage.busName));
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
      { intervalMs: 1000, timeoutMs, what: `run ${runId}` },
    );
    const terminal = run.terminalType ?? "Extraction.Failed";
    const profileKey = ProfileKeys.profile(run.companyId, runId);
    const profile =
      terminal === "Extraction.Failed"
        ? undefined
        : (await stage.objects.getJson<MergedProfile>(profileKey))?.value;
    const reasons = Object.entries(run.parts ?? {}).map(
      ([part, outcome]) => `${part}: ${outcome?.reason ?? outcome?.status}`,
    );
    return finish(profile, terminal, reasons.join("; "), `s3://${stage.bucketName}/${profileKey}`);
  }

  return withRuntime("extract", {}, async (runtime) => {
    const started = Date.now();
    const terminal = new Promise<EventEnvelope>((resolve) => {
      runtime.onEvent((event) => {
        const detail = event.detail as {
          runId?: string;
          part?: string;
          status?: string;
          completeness?: number;
          durationMs?: number;
          cached?: boolean;
          reason?: string;
        };
        if (detail.runId !== runId) return;
        const at = paint.dim(`+${formatMs(Date.now() - started)}`);
        if (event["detail-type"] === "Extraction.PartCompleted") {
          const mark = detail.status === "succeeded" ? paint.green("✓") : paint.yellow("!");
          const why = detail.reason && detail.status !== "succeeded" ? ` — ${detail.reason}` : "";
          log(
            `${mark} ${detail.part} part ${detail.status}${detail.cached ? " (cached)" : ""}, ${detail.completeness} % ${at}${why}`,
          );
        } else if (event["detail-type"] === "Profile.Updated") {
          log(`  partial profile written ${at}`);
        } else if (event["detail-type"] in exitByTerminal) {
          log(
            `${event["detail-type"] === "Extraction.Failed" ? paint.red("✗") : paint.green("●")} ${event["detail-type"]} ${at}`,
          );
          resolve(event);
        }
      });
    });
    log(paint.dim(`run ${runId} for ${companyId}: ${parts.join(" + ")}`));
    await publish(request(LocalResourceNames.bus));
    const event = await Promise.race([
      terminal,
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new CliError(`no terminal event within ${values.timeout} s`, ExitCode.failed)),
          timeoutMs,
        ).unref(),
      ),
    ]);
    const detail = event.detail as { profileKey?: string; reason?: string };
    const profile =
      event["detail-type"] === "Extraction.Failed"
        ? undefined
        : JSON.parse(
            (await (
              await new S3Client({}).send(
                new GetObjectCommand({ Bucket: LocalResourceNames.bucket, Key: detail.profileKey }),
              )
            ).Body?.transformToString()) ?? "{}",
          );
    return finish(
      profile,
      event["detail-type"],
      detail.reason,
      runtime.home && detail.profileKey ? profileObjectFile(runtime.home, detail.profileKey) : undefined,
    );
  });
}
