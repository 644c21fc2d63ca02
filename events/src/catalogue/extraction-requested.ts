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
    requestedAt: z.iso.datetime(),
  }),
});
