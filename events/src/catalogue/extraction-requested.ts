import { z } from "zod";
import { CompanyId, CompanyRequest, Part, RunId } from "../company";
import { defineEvent } from "../define";

export const ExtractionRequested = defineEvent({
  detailType: "Extraction.Requested",
  version: 1,
  description: "Somebody wants a profile of one company. Starts exactly one run.",
  schema: z.object({
    runId: RunId,
    company: CompanyRequest,
    companyId: CompanyId.optional(),
    parts: z
      .array(Part)
      .min(1)
      .refine((parts) => new Set(parts).size === parts.length, "parts must not repeat")
      .default(["sec", "leadership"]),
    force: z.boolean().default(false),
    batchId: RunId.optional(),
    /**
     * Set by a watchlist refresh that read EDGAR's daily indexes: the company filed nothing from
     * this time until the request, so its stored SEC part, if extracted at or after this time, is
     * still what SEC says and is reused whatever the cache's age.
     */
    secUnchangedSince: z.iso.datetime().optional(),
    requestedAt: z.iso.datetime(),
  }),
});
