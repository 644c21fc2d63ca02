import type { Part } from "@dossier/events";
import { AsyncInvocationPolicy } from "../topology";
import type { PipelineContext } from "./context";
import { openRun } from "./open-run";
import type { RequestedDetail } from "./types";

/**
 * Whether a part that failed with a retryable error (a timeout, a network error, an open
 * circuit) should be retried by another delivery rather than end as failed. Lambda retries an
 * asynchronous invocation {@link AsyncInvocationPolicy.maximumRetryAttempts} times; the ledger
 * counts the failed deliveries of the part, so the last one ends the part with its reason instead
 * of sending the event to the on-failure destination, and none is retried past the run's deadline
 * (the sweep ends the run then).
 */
export async function retryPartLater(
  context: PipelineContext,
  request: RequestedDetail,
  companyId: string,
  part: Part,
): Promise<boolean> {
  const deadline = Date.parse(request.requestedAt) + context.config.runTimeoutMs;
  if (context.now().getTime() >= deadline) return false;
  await openRun(context, { ...request, companyId, parts: request.parts });
  const failures = await context.store.runs.countRetryableFailure(request.runId, part);
  return failures <= AsyncInvocationPolicy.maximumRetryAttempts;
}
