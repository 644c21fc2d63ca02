import type { PipelineContext } from "./context";
import { claimFailure, type TerminalDecision } from "./finalize-run";

/** The Catch path of ProgressiveMerge: ends the run as Extraction.Failed (once). */
export async function failRun(
  context: PipelineContext,
  runId: string,
  error: { Error?: string; Cause?: string } | undefined,
): Promise<TerminalDecision> {
  const run = await context.store.runs.get(runId);
  if (run?.status !== "running") return { claimed: false };
  const cause = error?.Cause ?? error?.Error ?? "unknown error";
  return claimFailure(context, run, {
    reason: `merge failed: ${cause}`,
    code: "merge-failed",
    durationMs: context.now().getTime() - run.requestedAt,
  });
}
