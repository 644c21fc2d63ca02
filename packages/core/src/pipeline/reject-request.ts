import { DossierError, Sources } from "@dossier/events";
import type { RunItem } from "../store/entities/run";
import type { Rejection } from "./admit-request";
import { eventRunId } from "./admit-request";
import { announce } from "./announce";
import type { PipelineContext } from "./context";
import { claimFailure, type TerminalDecision } from "./finalize-run";
import { openRun } from "./open-run";

/** The company id of a rejected request whose own could not be worked out. */
const UnknownCompanyId = "unknown";

/** Whether an existing run is the one this request opened (a redelivery), not another request's. */
function openedBy(run: RunItem, rejection: Rejection): boolean {
  if (run.requestEventId) return run.requestEventId === rejection.requestEventId;
  // Opened by a part of the same request, which carries no event id.
  return rejection.companyId !== undefined && run.companyId === rejection.companyId;
}

/**
 * Ends a request that cannot run with exactly one `Extraction.Failed`. The rejection takes a run
 * in the ledger like any request, so a redelivery is recognised and the claim is exactly-once;
 * when its run id already belongs to another request, it is answered under `evt-<event id>`
 * instead (never absorbed into that run, never ending it).
 */
export async function rejectRequest(
  context: PipelineContext,
  rejection: Rejection,
): Promise<TerminalDecision> {
  const now = context.now();
  const requestedAt = rejection.requestedAt ?? now.toISOString();
  const runIds = [...new Set([rejection.runId, eventRunId(rejection.requestEventId)])];
  for (const runId of runIds) {
    const { run } = await openRun(context, {
      runId,
      companyId: rejection.companyId ?? UnknownCompanyId,
      company: {},
      parts: rejection.parts,
      batchId: rejection.batchId,
      requestEventId: rejection.requestEventId,
      requestedAt,
    });
    if (!openedBy(run, rejection)) continue;
    const decision = await claimFailure(context, run, {
      reason: rejection.reason,
      code: rejection.code,
      durationMs: now.getTime() - Date.parse(requestedAt),
      requestEventId: rejection.requestEventId,
    });
    await announce(context, decision, Sources.ledger);
    return decision;
  }
  throw new DossierError(`run ids ${runIds.join(", ")} are all taken by other requests`, {
    retryable: false,
  });
}

/**
 * A request whose run id another request (for another company) already holds: answered under
 * its own `evt-<event id>` run, with the reason.
 */
export function runIdInUse(
  request: {
    runId: string;
    companyId: string;
    batchId?: string | undefined;
    parts: Rejection["parts"];
    requestedAt: string;
  },
  heldBy: string,
  requestEventId: string,
): Rejection {
  return {
    code: "run-id-in-use",
    reason: `runId ${request.runId} is already used by a request for ${heldBy}; send this request for ${request.companyId} with a new runId`,
    runId: eventRunId(requestEventId),
    requestEventId,
    companyId: request.companyId,
    parts: request.parts,
    requestedAt: request.requestedAt,
    ...(request.batchId ? { batchId: request.batchId } : {}),
  };
}
