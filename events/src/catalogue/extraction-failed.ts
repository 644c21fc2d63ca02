import { z } from "zod";
import { CompanyId, Part, RunId } from "../company";
import { defineEvent } from "../define";

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
  }),
});
