import { z } from "zod";
import { CompanyId, Part, Percent, RunId } from "../company";
import { defineEvent } from "../define";
import { PartStatus } from "./extraction-part-completed";

const TerminalProfile = z.object({
  runId: RunId,
  companyId: CompanyId,
  batchId: RunId.optional(),
  completeness: Percent,
  missing: z.array(z.string()),
  cached: z.boolean(),
  durationMs: z.number().int().nonnegative(),
  profileKey: z.string().min(1),
  latestKey: z.string().min(1),
  parts: z.partialRecord(Part, PartStatus),
});

export const ProfileCompleted = defineEvent({
  detailType: "Profile.Completed",
  version: 1,
  description: "Terminal: every expected part is in and completeness reached the threshold.",
  schema: TerminalProfile,
});

export const ProfileIncomplete = defineEvent({
  detailType: "Profile.Incomplete",
  version: 1,
  description:
    "Terminal: the run ended with a profile below the completeness threshold (a part failed, was skipped or found little).",
  schema: TerminalProfile,
});
