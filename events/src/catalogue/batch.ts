import { z } from "zod";
import { CompanyRequest, Part, Percent, RunId } from "../company";
import { defineEvent } from "../define";

export const BatchRequested = defineEvent({
  detailType: "Batch.Requested",
  version: 1,
  description: "Profile many companies: an inline list, or the S3 key of a JSON list for large batches.",
  schema: z
    .object({
      batchId: RunId,
      companies: z.array(CompanyRequest).min(1).max(500).optional(),
      companiesKey: z.string().min(1).optional(),
      parts: z.array(Part).min(1).default(["sec", "leadership"]),
      force: z.boolean().default(false),
      scheduleName: z.string().optional(),
      requestedAt: z.iso.datetime(),
    })
    .refine((detail) => Boolean(detail.companies) !== Boolean(detail.companiesKey), {
      message: "give either companies (up to 500 inline) or companiesKey (an S3 key), not both",
    }),
});

export const BatchCompleted = defineEvent({
  detailType: "Batch.Completed",
  version: 1,
  description: "Every run of a batch has ended; the summary of their outcomes.",
  schema: z.object({
    batchId: RunId,
    total: z.number().int().nonnegative(),
    completed: z.number().int().nonnegative(),
    incomplete: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    cached: z.number().int().nonnegative(),
    averageCompleteness: Percent,
    p50DurationMs: z.number().nonnegative(),
    p95DurationMs: z.number().nonnegative(),
    completedAt: z.iso.datetime(),
  }),
});
