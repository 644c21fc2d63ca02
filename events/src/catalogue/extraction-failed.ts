import { z } from "zod";
import { CompanyId, Part, RunId } from "../company";
import { defineEvent } from "../define";

/**
 * Why a run failed, for code that acts on it: a request that could never run (`invalid-request`,
 * `run-id-in-use`, `identifiers-disagree`) is fixed by the publisher; the others may succeed later.
 */
export const FailureCode = z.enum([
  "invalid-request",
  "run-id-in-use",
  "identifiers-disagree",
  "no-data",
  "merge-failed",
  "timed-out",
]);
export type FailureCode = z.infer<typeof FailureCode>;

export const ExtractionFailed = defineEvent({
  detailType: "Extraction.Failed",
  version: 1,
  description:
    "Terminal: the run produced no usable profile (every part failed, the merge failed, or the run timed out).",
  schema: z.object({
    runId: RunId,
    companyId: CompanyId.optional(),
    batchId: RunId.optional(),
    reason: z.string().min(1).max(4000),
    failedParts: z.array(Part).default([]),
    durationMs: z.number().int().nonnegative().optional(),
    code: FailureCode.optional(),
    /**
     * The EventBridge id of the Extraction.Requested this answers, for publishers whose request
     * had no usable runId (its run is then `evt-<id>`) or reused one.
     */
    requestEventId: z.string().min(1).max(128).optional(),
  }),
});
