import { ProfileKeys } from "../profile/object-store";
import type { RunItem } from "../store/entities/run";
import { ForeignPartError, RunNotFoundError, UnexpectedPartError } from "../store/errors";
import type { PipelineContext } from "./context";
import { openRun } from "./open-run";
import type { PartCompletedDetail } from "./types";

export type RecordedPart =
  | { refused: false; duplicate: boolean; run: RunItem }
  /** The part is not the run's own: nothing was recorded, the run goes on as if it never came. */
  | { refused: true; reason: string };

export function everyPartIn(run: RunItem): boolean {
  return run.partsExpected.every((part) => run.parts[part] !== undefined);
}

/**
 * Records a part's outcome in the ledger with one conditional update, opening the run from the
 * part's event when the part beat the ledger handler; a second delivery comes back as a
 * duplicate. A part that is not the run's own is refused: one for another company's run (a
 * forged event, or a run id two requests used), one expected by no one, or one whose document
 * lies outside its company's run history. Its data must never reach the company's profile.
 */
export async function recordPart(
  context: PipelineContext,
  detail: PartCompletedDetail,
): Promise<RecordedPart> {
  const ownDocuments = ProfileKeys.runHistory(detail.companyId);
  if (detail.s3Key && !detail.s3Key.startsWith(ownDocuments)) {
    return {
      refused: true,
      reason: `part ${detail.part} of run ${detail.runId} points at ${detail.s3Key}, outside ${ownDocuments}`,
    };
  }
  const outcome = {
    status: detail.status,
    completeness: detail.completeness,
    cached: detail.cached,
    durationMs: detail.durationMs,
    ...(detail.s3Key ? { s3Key: detail.s3Key } : {}),
    ...(detail.reason ? { reason: detail.reason } : {}),
  };
  const record = async () => ({
    refused: false as const,
    ...(await context.store.runs.recordPart(detail.runId, detail.part, outcome, detail.companyId)),
  });
  try {
    try {
      return await record();
    } catch (error) {
      if (!(error instanceof RunNotFoundError)) throw error;
      // The part beat the ledger handler: open the run from this event, then record.
      await openRun(context, { ...detail, parts: detail.partsExpected });
      return await record();
    }
  } catch (error) {
    if (error instanceof ForeignPartError || error instanceof UnexpectedPartError)
      return { refused: true, reason: error.message };
    throw error;
  }
}
