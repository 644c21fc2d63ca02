import { type DetailInput, ProfileUpdated, parseDetail } from "@dossier/events";
import { appendPartToLatest } from "../profile/latest-document";
import { ProfileKeys } from "../profile/object-store";
import type { RunItem } from "../store/entities/run";
import type { PipelineContext } from "./context";
import { everyPartIn, recordPart } from "./record-part";
import type { PartCompletedDetail } from "./types";

/** What ProgressiveMerge's Choice states read after AppendPart; the ASL's paths are checked against it. */
export type AppendPartOutput =
  | { refused: true; reason: string }
  | {
      refused: false;
      /** The run had ended already: nothing more to do. */
      ended: boolean;
      duplicate: boolean;
      /** Every expected part has an outcome: the run is ready to be merged. */
      allIn: boolean;
      /** The run as the ledger write left it, handed to Finalize to save a read. */
      run?: RunItem;
      /** Present when a succeeded part went into latest.json while others are missing. */
      updated?: ReturnType<typeof parseDetail<typeof ProfileUpdated>>;
      status: PartCompletedDetail["status"];
    };

/**
 * Step one of ProgressiveMerge, for every part outcome: record it in the ledger (one
 * conditional update); while other parts are missing, append a succeeded part to latest.json so
 * the partial profile is readable at once. The last part goes into latest.json with the merged
 * profile, in one write after the merge.
 */
export async function appendPart(
  context: PipelineContext,
  detail: PartCompletedDetail,
): Promise<AppendPartOutput> {
  const recorded = await recordPart(context, detail);
  if (recorded.refused) return recorded;
  const { duplicate, run } = recorded;
  const base = { refused: false as const, duplicate, status: detail.status };
  if (run.status !== "running") return { ...base, ended: true, allIn: true };
  if (everyPartIn(run)) return { ...base, ended: false, allIn: true, run };
  if (detail.status !== "succeeded") return { ...base, ended: false, allIn: false };
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
  const updated: DetailInput<typeof ProfileUpdated> = {
    runId: detail.runId,
    companyId: detail.companyId,
    partsIn: run.partsExpected.filter((part) => run.parts[part] !== undefined),
    partsMissing: run.partsExpected.filter((part) => run.parts[part] === undefined),
    latestKey: ProfileKeys.latest(detail.companyId),
    ...(detail.batchId ? { batchId: detail.batchId } : {}),
  };
  return { ...base, ended: false, allIn: false, updated: parseDetail(ProfileUpdated, updated) };
}
