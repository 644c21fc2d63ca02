import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { MergedProfile } from "@dossier/core/profile";
import {
  CompanyRequest,
  ExtractionRequested,
  InvalidEventError,
  Part,
  Sources,
  toPutEventsEntry,
} from "@dossier/events";
import type { EventEnvelope } from "@dossier/local/eventbridge";
import { LocalResourceNames } from "@dossier/local/runtime";
import { CliError, ExitCode } from "../exit-codes";
import { dossierHome } from "../home";
import { resolveCompanyId } from "../identity";
import { formatMs, paint } from "../render";
import { withRuntime } from "../session";

export const extractUsage = `dossier extract (--ticker T | --cik C | --name N) [--website URL] [--parts sec,leadership] [--force] [--json]

Builds one company's profile through the embedded runtime: publishes Extraction.Requested,
shows each part as it comes in, and prints the merged profile (a summary, or JSON with --json).
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

function summarise(profile: MergedProfile): string {
  const identity = (profile.identity ?? {}) as Record<string, unknown>;
  const lines = [
    paint.bold(`${identity.name ?? profile.companyId}`) + paint.dim(`  (${profile.companyId})`),
    `status        ${profile.status}, completeness ${profile.completeness} %${profile.cached ? " (from cache)" : ""}`,
  ];
  if (identity.sicDescription) lines.push(`industry      ${identity.sicDescription}`);
  if (Array.isArray(identity.tickers) && identity.tickers.length)
    lines.push(`tickers       ${identity.tickers.join(", ")}`);
  const latest = profile.financials[0] as Record<string, { value?: number } | number | string> | undefined;
  if (latest) {
    const money = (key: string) => {
      const entry = latest[key] as { value?: number } | undefined;
      return typeof entry?.value === "number" ? `$${(entry.value / 1e9).toFixed(2)} B` : "n/a";
    };
    lines.push(
      `fiscal ${latest.fiscalYear}   revenue ${money("revenue")}, net income ${money("netIncome")}, assets ${money("totalAssets")}`,
    );
  }
  if (profile.executives.length) {
    lines.push("executives");
    for (const executive of profile.executives) {
      const mark = executive.confirmed ? paint.green("✓") : " ";
      lines.push(`  ${mark} ${executive.name.padEnd(28)} ${executive.title ?? executive.websiteTitle ?? ""}`);
    }
  }
  if (profile.missing.length) lines.push(paint.yellow(`missing       ${profile.missing.join(", ")}`));
  return lines.join("\n");
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
    },
    strict: true,
  });
  const company = CompanyRequest.safeParse({
    ...(values.ticker ? { ticker: values.ticker } : {}),
    ...(values.cik ? { cik: values.cik } : {}),
    ...(values.name ? { name: values.name } : {}),
    ...(values.website ? { website: values.website } : {}),
  });
  if (!company.success) {
    throw new CliError(`${company.error.issues.map((issue) => issue.message).join("; ")}\n\n${extractUsage}`);
  }
  const parts = parseParts(values.parts);
  const log = (line: string) => {
    if (!values.json) process.stderr.write(`${line}\n`);
  };
  const companyId = await resolveCompanyId(company.data, dossierHome(), parts.includes("sec"));
  const runId = `run_${randomUUID().replace(/-/g, "")}`;
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
    let entry: ReturnType<typeof toPutEventsEntry>;
    try {
      entry = toPutEventsEntry(
        ExtractionRequested,
        {
          runId,
          company: company.data,
          companyId,
          parts,
          force: values.force,
          requestedAt: new Date().toISOString(),
        },
        { source: Sources.requests, busName: LocalResourceNames.bus },
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
    const timeoutMs = Number(values.timeout) * 1000;
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
    if (event["detail-type"] === "Extraction.Failed") {
      if (values.json) process.stdout.write(`${JSON.stringify(event.detail, null, 2)}\n`);
      else log(paint.red(`failed: ${detail.reason}`));
      return ExitCode.failed;
    }
    const object = await new S3Client({}).send(
      new GetObjectCommand({ Bucket: LocalResourceNames.bucket, Key: detail.profileKey }),
    );
    const profile = JSON.parse((await object.Body?.transformToString()) ?? "{}") as MergedProfile;
    if (values.json) process.stdout.write(`${JSON.stringify(profile, null, 2)}\n`);
    else {
      process.stdout.write(`${summarise(profile)}\n`);
      log(paint.dim(`profile: ${runtime.home}/s3/${LocalResourceNames.bucket}/${detail.profileKey}`));
    }
    return exitByTerminal[event["detail-type"]] ?? ExitCode.internalError;
  });
}
