import { z } from "zod";
import { CompanyId, CompanyRequest, Part, Percent, RunId } from "../company";
import { defineEvent } from "../define";

export const PartStatus = z.enum(["succeeded", "failed", "skipped"]);
export type PartStatus = z.infer<typeof PartStatus>;

export const ExtractionPartCompleted = defineEvent({
  detailType: "Extraction.PartCompleted",
  version: 1,
  description:
    "One part of a run has an outcome. The data itself is in S3 at s3Key (claim check); the event carries what the merge needs to update the ledger.",
  schema: z
    .object({
      runId: RunId,
      companyId: CompanyId,
      company: CompanyRequest,
      part: Part,
      partsExpected: z.array(Part).min(1),
      status: PartStatus,
      completeness: Percent,
      missing: z.array(z.string()).default([]),
      cached: z.boolean(),
      s3Key: z.string().min(1).optional(),
      reason: z.string().max(2000).optional(),
      durationMs: z.number().int().nonnegative(),
      batchId: RunId.optional(),
      requestedAt: z.iso.datetime(),
    })
    .refine((detail) => detail.status !== "succeeded" || detail.s3Key, {
      message: "a succeeded part must carry the s3Key of its data",
      path: ["s3Key"],
    }),
});
