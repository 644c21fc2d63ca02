import {
  type DetailInput,
  ExtractionFailed,
  ExtractionPartCompleted,
  type ExtractionRequested,
  type Part,
  ProfileCompleted,
  ProfileIncomplete,
  ProfileUpdated,
  parseDetail,
  Sources,
} from "@dossier/events";
import type { z } from "zod";
import { appendPartToLatest, setProfileInLatest } from "../profile/latest-document";
import { type MergedProfile, mergeProfile, type PartDocument } from "../profile/merge";
import { ProfileKeys } from "../profile/object-store";
import type { RunItem } from "../store/entities/run";
import { RunNotFoundError } from "../store/errors";
import type { PipelineContext } from "./context";

type RequestedDetail = z.output<(typeof ExtractionRequested)["schema"]>;
type PartCompletedDetail = z.output<(typeof ExtractionPartCompleted)["schema"]>;

interface RunOpening {
  runId: string;
  companyId: string;
  company: RequestedDetail["company"];
  parts: Part[];
  force?: boolean;
  batchId?: string | undefined;
  requestedAt: string;
}

/**
 * Opens the run in the ledger, idempotently, with the deadline the sweep enforces. The ledger
 * handler opens it from the request; a part that reports first opens it from its own event.
 */
async function openRunLedger(context: PipelineContext, run: RunOpening) {
  const requestedAt = Date.parse(run.requestedAt);
  return context.store.runs.create({
    runId: run.runId,
    companyId: run.companyId,
    company: run.company,
    partsExpected: run.parts,
    force: run.force ?? false,
    ...(run.batchId ? { batchId: run.batchId } : {}),
    requestedAt,
    deadlineAt: requestedAt + context.config.runTimeoutMs,
  });
}

/** Opens the run of a request: the sweep can then end it even if no part ever reports. */
export function openRun(context: PipelineContext, detail: RequestedDetail, companyId: string) {
  return openRunLedger(context, { ...detail, companyId });
}

function everyPartIn(run: RunItem): boolean {
  return run.partsExpected.every((part) => run.parts[part] !== undefined);
}

async function recordOutcome(context: PipelineContext, detail: PartCompletedDetail) {
  const outcome = {
    status: detail.status,
    completeness: detail.completeness,
    cached: detail.cached,
    durationMs: detail.durationMs,
    ...(detail.s3Key ? { s3Key: detail.s3Key } : {}),
    ...(detail.reason ? { reason: detail.reason } : {}),
  };
  try {
    return await context.store.runs.recordPart(detail.runId, detail.part, outcome);
  } catch (error) {
    if (!(error instanceof RunNotFoundError)) throw error;
    // The part beat the ledger handler: open the run from this event, then record.
    await openRunLedger(context, { ...detail, parts: detail.partsExpected });
    return context.store.runs.recordPart(detail.runId, detail.part, outcome);
  }
}

/**
 * Step one of ProgressiveMerge: record a succeeded part in the ledger (one conditional update)
 * and append it to latest.json so the partial profile is readable at once.
 */
export async function appendPart(context: PipelineContext, event: { detail: unknown }) {
  const detail = parseDetail(ExtractionPartCompleted, event.detail);
  const { duplicate, run } = await recordOutcome(context, detail);
  if (run.status !== "running") return { ended: true, duplicate, allIn: true };
  // The last part goes into latest.json with the merged profile, in one write after the merge.
  if (everyPartIn(run)) return { ended: false, duplicate, allIn: true, run };
  const s3Key = detail.s3Key;
  await appendPartToLatest(
    context.objects,
    detail.companyId,
    {
      part: detail.part,
      runId: detail.runId,
      status: detail.status,
      completeness: detail.completeness,
      missing: detail.missing,
      cached: detail.cached,
      durationMs: detail.durationMs,
      ...(s3Key ? { s3Key } : {}),
      requestedAt: detail.requestedAt,
    },
    async () => (s3Key ? (await context.objects.getJson<{ data?: unknown }>(s3Key))?.value.data : undefined),
    context.now,
  );
  const partsIn = run.partsExpected.filter((part) => run.parts[part] !== undefined);
  const updated: DetailInput<typeof ProfileUpdated> = {
    runId: detail.runId,
    companyId: detail.companyId,
    partsIn,
    partsMissing: run.partsExpected.filter((part) => run.parts[part] === undefined),
    latestKey: ProfileKeys.latest(detail.companyId),
    ...(detail.batchId ? { batchId: detail.batchId } : {}),
  };
  return { ended: false, duplicate, allIn: false, updated: parseDetail(ProfileUpdated, updated) };
}

async function loadDocuments(
  context: PipelineContext,
  run: RunItem,
): Promise<Partial<Record<Part, PartDocument>>> {
  const loaded = await Promise.all(
    run.partsExpected.map(async (part): Promise<[Part, PartDocument] | undefined> => {
      const outcome = run.parts[part];
      if (!outcome) return undefined;
      const stored = outcome.s3Key ? await context.objects.getJson<PartDocument>(outcome.s3Key) : undefined;
      return [
        part,
        {
          part,
          runId: run.runId,
          status: outcome.status,
          completeness: outcome.completeness ?? 0,
          missing: stored?.value.missing ?? [],
          cached: outcome.cached ?? false,
          durationMs: outcome.durationMs ?? 0,
          reason: outcome.reason,
          s3Key: outcome.s3Key,
          data: stored?.value.data,
        },
      ];
    }),
  );
  return Object.fromEntries(loaded.filter((entry) => entry !== undefined));
}

/** Where a finished run's merged profile is, for latest.json; a failed run has none. */
export interface MergedProfileRef {
  companyId: string;
  profileKey: string;
  /** ISO time of the request: an older run never replaces a newer one in latest.json. */
  requestedAt: string;
}

export type TerminalDecision =
  | { claimed: false }
  | {
      claimed: true;
      detailType: string;
      detail: Record<string, unknown>;
      /** The ledger entry to record the announcement against once the event is out. */
      ledger: { runId: string; deadlineAt: number };
      profile?: MergedProfileRef;
    };

/**
 * Merges every part of a run, writes profile.json, then claims the run's one terminal event.
 * Exactly one caller per run gets `claimed: true` and publishes it.
 */
export async function finalizeRun(
  context: PipelineContext,
  runId: string,
  knownRun?: RunItem,
): Promise<TerminalDecision> {
  // AppendPart hands over the run as its conditional update left it, which saves a read.
  const run = knownRun ?? (await context.store.runs.get(runId));
  if (run?.status !== "running") return { claimed: false };
  const now = context.now();
  const documents = await loadDocuments(context, run);
  const requestedAt = new Date(run.requestedAt);
  const profile = mergeProfile({
    companyId: run.companyId,
    runId,
    partsExpected: run.partsExpected,
    documents,
    threshold: context.config.completenessThreshold,
    requestedAt,
    now,
  });
  const durationMs = profile.timings.durationMs;
  const anySucceeded = run.partsExpected.some((part) => documents[part]?.status === "succeeded");
  if (!anySucceeded) {
    const reasons = run.partsExpected.map(
      (part) => `${part}: ${documents[part]?.reason ?? documents[part]?.status}`,
    );
    return claimFailure(context, run, `no part produced data (${reasons.join("; ")})`, durationMs);
  }
  const profileKey = ProfileKeys.profile(run.companyId, runId);
  const definition = profile.status === "completed" ? ProfileCompleted : ProfileIncomplete;
  const detail = parseDetail(definition, {
    runId,
    companyId: run.companyId,
    ...(run.batchId ? { batchId: run.batchId } : {}),
    completeness: profile.completeness,
    missing: profile.missing,
    cached: profile.cached,
    durationMs,
    profileKey,
    latestKey: ProfileKeys.latest(run.companyId),
    parts: Object.fromEntries(run.partsExpected.map((part) => [part, documents[part]?.status ?? "failed"])),
  });
  // profile.json is written before the claim: a failed write is retried while the run is still
  // claimable, and whoever reads the terminal event finds the profile it names.
  await context.objects.putJson(profileKey, profile, { runHistory: true });
  const claim = await context.store.runs.claimTerminal(
    runId,
    definition.detailType,
    {
      status: profile.status,
      completedAt: now.getTime(),
      durationMs,
      completeness: profile.completeness,
      cached: profile.cached,
      terminalDetail: JSON.stringify(detail),
    },
    run,
  );
  if (!claim.claimed) return { claimed: false };
  return {
    claimed: true,
    detailType: definition.detailType,
    detail,
    ledger: { runId, deadlineAt: run.deadlineAt },
    profile: { companyId: run.companyId, profileKey, requestedAt: requestedAt.toISOString() },
  };
}

async function claimFailure(
  context: PipelineContext,
  run: RunItem,
  reason: string,
  durationMs: number,
): Promise<TerminalDecision> {
  const failedParts = run.partsExpected.filter((part) => run.parts[part]?.status !== "succeeded");
  const detail = parseDetail(ExtractionFailed, {
    runId: run.runId,
    companyId: run.companyId,
    ...(run.batchId ? { batchId: run.batchId } : {}),
    reason,
    failedParts,
    durationMs,
  });
  const claim = await context.store.runs.claimTerminal(
    run.runId,
    ExtractionFailed.detailType,
    {
      status: "failed",
      completedAt: context.now().getTime(),
      durationMs,
      terminalDetail: JSON.stringify(detail),
    },
    run,
  );
  if (!claim.claimed) return { claimed: false };
  return {
    claimed: true,
    detailType: ExtractionFailed.detailType,
    detail,
    ledger: { runId: run.runId, deadlineAt: run.deadlineAt },
  };
}

/** The Catch path of ProgressiveMerge: ends the run as Extraction.Failed (once). */
export async function failRun(
  context: PipelineContext,
  runId: string,
  error: { Error?: string; Cause?: string } | undefined,
): Promise<TerminalDecision> {
  const run = await context.store.runs.get(runId);
  if (run?.status !== "running") return { claimed: false };
  const cause = error?.Cause ?? error?.Error ?? "unknown error";
  return claimFailure(
    context,
    run,
    `merge failed: ${cause}`.slice(0, 4000),
    context.now().getTime() - run.requestedAt,
  );
}

/**
 * Records that a claimed terminal event went out, so the sweep never publishes it again. Until
 * then the ledger keeps the event: a claim whose publisher died is published by the sweep.
 */
export async function recordAnnounced(context: PipelineContext, decision: TerminalDecision): Promise<void> {
  if (decision.claimed)
    await context.store.runs.markAnnounced(decision.ledger.runId, decision.ledger.deadlineAt);
}

async function publishDecision(context: PipelineContext, decision: TerminalDecision, source: string) {
  if (!decision.claimed) return;
  await context.publish([
    {
      EventBusName: context.busName,
      Source: source,
      DetailType: decision.detailType,
      Detail: JSON.stringify(decision.detail),
    },
  ]);
  await recordAnnounced(context, decision);
}

/**
 * A part failed or was skipped: count it so the run still ends. When it was the last part
 * outstanding, merge what there is and publish the terminal event.
 */
export async function recordUnsuccessfulPart(context: PipelineContext, event: { detail: unknown }) {
  const detail = parseDetail(ExtractionPartCompleted, event.detail);
  const { run } = await recordOutcome(context, detail);
  if (run.status !== "running" || !everyPartIn(run)) return { ended: run.status !== "running" };
  const decision = await finalizeRun(context, detail.runId);
  await publishDecision(context, decision, Sources.ledger);
  if (decision.claimed && decision.profile) await publishLatest(context, decision.profile);
  return { ended: true, terminal: decision.claimed ? decision.detailType : undefined };
}

/**
 * Writes a finished run's merged profile into latest.json, with each part's outcome (its data is
 * in the profile now). It runs after the terminal event is out (the event names profile.json,
 * written before), so the read-modify-write of latest.json, which parts of other runs may contend
 * for, is off the path to the run's end. A newer run's parts or profile are never replaced.
 */
export async function publishLatest(context: PipelineContext, ref: MergedProfileRef): Promise<void> {
  const stored = await context.objects.getJson<MergedProfile>(ref.profileKey);
  if (!stored) return;
  const profile = { ...stored.value, requestedAt: ref.requestedAt };
  const parts = Object.entries(profile.parts).map(([part, outcome]) => ({
    part: part as Part,
    runId: profile.runId,
    ...outcome,
    requestedAt: ref.requestedAt,
  }));
  await setProfileInLatest(context.objects, ref.companyId, profile, parts, context.now);
}

export interface SweepOutcome {
  /** Runs still waiting for a part, ended as Extraction.Failed. */
  timedOut: number;
  /** Ended runs whose terminal event had not gone out, published now. */
  republished: number;
}

/**
 * The ledger's sweep over runs past their deadline whose end is not settled: a run still
 * waiting for a part is ended as Extraction.Failed; a run that ended (longer ago than the
 * announce grace) without its terminal event recorded as out gets that event published, from
 * the detail kept at the claim. A run can thus never end silently, at the price of a rare
 * duplicate when a publisher died after publishing but before recording it.
 */
export async function sweepStaleRuns(context: PipelineContext): Promise<SweepOutcome> {
  const now = context.now().getTime();
  const due = await context.store.runs.dueForSweep(now);
  const outcome: SweepOutcome = { timedOut: 0, republished: 0 };
  for (const run of due) {
    if (run.status === "running") {
      const silent = run.partsExpected.filter((part) => run.parts[part] === undefined);
      const waited = Math.round((now - run.requestedAt) / 1000);
      const decision = await claimFailure(
        context,
        run,
        `timed out after ${waited} s waiting for ${silent.join(", ") || "the merge"}`,
        now - run.requestedAt,
      );
      await publishDecision(context, decision, Sources.ledger);
      if (decision.claimed) outcome.timedOut += 1;
      continue;
    }
    // Ended: leave it to whoever claimed it for the grace period, as they may be publishing now.
    if ((run.completedAt ?? 0) > now - context.config.announceGraceMs) continue;
    if (run.terminalType && run.terminalDetail) {
      await context.publish([
        {
          EventBusName: context.busName,
          Source: Sources.ledger,
          DetailType: run.terminalType,
          Detail: run.terminalDetail,
        },
      ]);
      outcome.republished += 1;
    }
    await context.store.runs.markAnnounced(run.runId, run.deadlineAt);
  }
  return outcome;
}
