import { ExtractionPartCompleted, type Part, parseDetail, Sources } from "@dossier/events";
import { ProfileKeys } from "../profile/object-store";
import type { RunItem } from "../store/entities/run";
import { announce } from "./announce";
import type { PipelineContext } from "./context";
import { claimFailure, type TerminalDecision } from "./finalize-run";

export interface SweepOutcome {
  /** Runs past their deadline whose silent parts were reported as timed out, for the merge to end. */
  timedOut: number;
  /** Runs the merge did not end within the grace after that, ended here as Extraction.Failed. */
  ended: number;
  /** Ended runs whose terminal event had not gone out, published now. */
  republished: number;
}

/**
 * The part events that let ProgressiveMerge end a run that outlived its deadline: a failed
 * outcome for each part that never reported; when every part is in (the merge died before it
 * ended the run), one recorded part again, which the merge treats as a redelivery and ends.
 */
function partEventsToEnd(run: RunItem, now: number) {
  const silent = run.partsExpected.filter((part) => run.parts[part] === undefined);
  const waited = Math.round((now - run.requestedAt) / 1000);
  const base = {
    runId: run.runId,
    companyId: run.companyId,
    company: run.company,
    partsExpected: run.partsExpected,
    ...(run.batchId ? { batchId: run.batchId } : {}),
    requestedAt: new Date(run.requestedAt).toISOString(),
  };
  const failed = (part: Part) => ({
    ...base,
    part,
    status: "failed" as const,
    completeness: 0,
    cached: false,
    reason: `timed out after ${waited} s waiting for ${part}`,
    durationMs: Math.max(0, now - run.requestedAt),
  });
  const recorded = (part: Part) => {
    const outcome = run.parts[part];
    return {
      ...base,
      part,
      status: outcome?.status ?? "failed",
      completeness: outcome?.completeness ?? 0,
      cached: outcome?.cached ?? false,
      durationMs: outcome?.durationMs ?? 0,
      ...(outcome?.s3Key ? { s3Key: outcome.s3Key } : {}),
      ...(outcome?.reason ? { reason: outcome.reason } : {}),
    };
  };
  const details = silent.length > 0 ? silent.map(failed) : run.partsExpected.slice(-1).map(recorded);
  return details.map((detail) => parseDetail(ExtractionPartCompleted, detail));
}

/** The decision a run's claim kept in the ledger, to publish it when its publisher never did. */
function keptDecision(run: RunItem): TerminalDecision | undefined {
  if (!run.terminalType || !run.terminalDetail) return undefined;
  const detail = JSON.parse(run.terminalDetail) as Record<string, unknown>;
  const profileKey = typeof detail.profileKey === "string" ? detail.profileKey : undefined;
  return {
    claimed: true,
    detailType: run.terminalType,
    detail,
    ledger: { runId: run.runId, deadlineAt: run.deadlineAt },
    ...(profileKey && profileKey === ProfileKeys.profile(run.companyId, run.runId)
      ? {
          profile: {
            companyId: run.companyId,
            profileKey,
            requestedAt: new Date(run.requestedAt).toISOString(),
          },
        }
      : {}),
  };
}

/**
 * The ledger's sweep over runs past their deadline whose end is not settled. A run still
 * waiting reaches its end the way every run does, through ProgressiveMerge: the sweep reports
 * its silent parts as failed (timed out), so the merge ends it with what it has. Should the merge
 * not end it within the announce grace, the sweep ends it itself as Extraction.Failed. A run that
 * ended (longer ago than the grace) without its terminal event recorded as out gets that event
 * published, from the detail kept at the claim. A run can thus never end silently, at the price
 * of a rare duplicate when a publisher died after publishing but before recording it.
 */
export async function sweepStaleRuns(context: PipelineContext): Promise<SweepOutcome> {
  const now = context.now().getTime();
  const due = await context.store.runs.dueForSweep(now);
  const outcome: SweepOutcome = { timedOut: 0, ended: 0, republished: 0 };
  for (const run of due) {
    if (run.status === "running") {
      if (run.deadlineAt + context.config.announceGraceMs > now) {
        const entries = partEventsToEnd(run, now).map((detail) => ({
          EventBusName: context.busName,
          Source: Sources.ledger,
          DetailType: ExtractionPartCompleted.detailType,
          Detail: JSON.stringify(detail),
        }));
        await context.publish(entries);
        outcome.timedOut += 1;
        continue;
      }
      const silent = run.partsExpected.filter((part) => run.parts[part] === undefined);
      const decision = await claimFailure(context, run, {
        reason: `timed out after ${Math.round((now - run.requestedAt) / 1000)} s waiting for ${silent.join(", ") || "the merge"}`,
        code: "timed-out",
        durationMs: now - run.requestedAt,
      });
      await announce(context, decision, Sources.ledger);
      if (decision.claimed) outcome.ended += 1;
      continue;
    }
    // Ended: leave it to whoever claimed it for the grace period, as they may be publishing now.
    if ((run.completedAt ?? 0) > now - context.config.announceGraceMs) continue;
    const kept = keptDecision(run);
    if (kept) {
      await announce(context, kept, Sources.ledger);
      outcome.republished += 1;
    } else await context.store.runs.markAnnounced(run.runId, run.deadlineAt);
  }
  return outcome;
}
