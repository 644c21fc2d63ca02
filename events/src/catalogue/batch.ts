import { z } from "zod";
import { CompanyRequest, Part, Percent, RunId, WatchlistName } from "../company";
import { defineEvent } from "../define";

export const BatchRequested = defineEvent({
  detailType: "Batch.Requested",
  version: 1,
  description:
    "Profile many companies: an inline list, the S3 key of a JSON list for large batches, or a watchlist to refresh.",
  schema: z
    .object({
      batchId: RunId,
      companies: z.array(CompanyRequest).min(1).max(500).optional(),
      companiesKey: z.string().min(1).optional(),
      parts: z.array(Part).min(1).default(["sec", "leadership"]),
      force: z.boolean().default(false),
      /** Refresh a watchlist: its companies, asking SEC only about those that filed since their profile. */
      watchlist: WatchlistName.optional(),
      scheduleName: z.string().optional(),
      requestedAt: z.iso.datetime(),
    })
    .refine(
      (detail) =>
        [detail.companies, detail.companiesKey, detail.watchlist].filter((given) => given !== undefined)
          .length === 1,
      {
        message:
          "give exactly one of companies (up to 500 inline), companiesKey (an S3 key) or watchlist (a list's name)",
      },
    ),
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
    /** A watchlist refresh's companies that needed no run: nothing filed since, website part still cached. */
    unchanged: z.number().int().nonnegative().optional(),
    averageCompleteness: Percent,
    p50DurationMs: z.number().nonnegative(),
    p95DurationMs: z.number().nonnegative(),
    completedAt: z.iso.datetime(),
  }),
});
