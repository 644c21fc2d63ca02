import type { Part } from "@dossier/events";
import type { PipelineContext } from "./context";
import type { RequestedDetail } from "./types";

/** What opening a run needs: the request, from the request itself or from a part's event. */
export interface RunOpening {
  runId: string;
  companyId: string;
  company: RequestedDetail["company"];
  parts: Part[];
  force?: boolean;
  batchId?: string | undefined;
  requestEventId?: string | undefined;
  requestedAt: string;
}

/**
 * Opens the run in the ledger, idempotently, with the deadline the sweep enforces. The ledger
 * handler opens it from the request; a part that reports first opens it from its own event;
 * whichever comes first owns the run id, and the ledger refuses a later request that reuses it
 * for another company.
 */
export function openRun(context: PipelineContext, run: RunOpening) {
  const requestedAt = Date.parse(run.requestedAt);
  return context.store.runs.create({
    runId: run.runId,
    companyId: run.companyId,
    company: run.company,
    partsExpected: run.parts,
    force: run.force ?? false,
    ...(run.batchId ? { batchId: run.batchId } : {}),
    ...(run.requestEventId ? { requestEventId: run.requestEventId } : {}),
    requestedAt,
    deadlineAt: requestedAt + context.config.runTimeoutMs,
  });
}
