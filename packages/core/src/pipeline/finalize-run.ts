import {
  ExtractionFailed,
  type FailureCode,
  type Part,
  ProfileCompleted,
  ProfileIncomplete,
  parseDetail,
} from "@dossier/events";
import { mergeProfile, type PartDocument } from "../profile/merge";
import { ProfileKeys } from "../profile/object-store";
import type { RunItem } from "../store/entities/run";
import type { TerminalSummary } from "../store/run-ledger";
import type { PipelineContext } from "./context";

/** Where a finished run's merged profile is, for latest.json; a failed run has none. */
export interface MergedProfileRef {
  companyId: string;
  profileKey: string;
  /** ISO time of the request: an older run never replaces a newer one in latest.json. */
  requestedAt: string;
}

/** The outcome of trying to end a run; exactly one caller per run ever gets `claimed: true`. */
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

/** Claims the run's end as Extraction.Failed with the reason; exactly one caller wins. */
export async function claimFailure(
  context: PipelineContext,
  run: RunItem,
  failure: { reason: string; code: FailureCode; durationMs: number; requestEventId?: string },
): Promise<TerminalDecision> {
  const failedParts = run.partsExpected.filter((part) => run.parts[part]?.status !== "succeeded");
  const detail = parseDetail(ExtractionFailed, {
    runId: run.runId,
    ...(run.companyId ? { companyId: run.companyId } : {}),
    ...(run.batchId ? { batchId: run.batchId } : {}),
    reason: failure.reason.slice(0, 4000),
    failedParts,
    durationMs: Math.max(0, Math.round(failure.durationMs)),
    code: failure.code,
    ...(failure.requestEventId ? { requestEventId: failure.requestEventId } : {}),
  });
  return claimEnd(context, run, ExtractionFailed.detailType, detail, {
    status: "failed",
    completedAt: context.now().getTime(),
    durationMs: detail.durationMs ?? 0,
  });
}

/**
 * Claims the run's end with its terminal event, which the ledger keeps until it is announced;
 * exactly one concurrent caller gets the decision to publish it.
 */
async function claimEnd(
  context: PipelineContext,
  run: RunItem,
  detailType: string,
  detail: Record<string, unknown>,
  summary: Omit<TerminalSummary, "terminalDetail">,
  profile?: MergedProfileRef,
): Promise<TerminalDecision> {
  const claim = await context.store.runs.claimTerminal(
    run.runId,
    detailType,
    { ...summary, terminalDetail: JSON.stringify(detail) },
    run,
  );
  if (!claim.claimed) return { claimed: false };
  return {
    claimed: true,
    detailType,
    detail,
    ledger: { runId: run.runId, deadlineAt: run.deadlineAt },
    ...(profile ? { profile } : {}),
  };
}

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
    return claimFailure(context, run, {
      reason: `no part produced data (${reasons.join("; ")})`,
      code: "no-data",
      durationMs,
    });
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
  return claimEnd(
    context,
    run,
    definition.detailType,
    detail,
    {
      status: profile.status,
      completedAt: now.getTime(),
      durationMs,
      completeness: profile.completeness,
      cached: profile.cached,
    },
    { companyId: run.companyId, profileKey, requestedAt: requestedAt.toISOString() },
  );
}
