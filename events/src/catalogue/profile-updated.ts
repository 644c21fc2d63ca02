import { z } from "zod";
import { CompanyId, Part, RunId } from "../company";
import { defineEvent } from "../define";

export const ProfileUpdated = defineEvent({
  detailType: "Profile.Updated",
  version: 1,
  description: "A part was appended to profiles/{companyId}/latest.json while other parts are still missing.",
  schema: z.object({
    runId: RunId,
    companyId: CompanyId,
    partsIn: z.array(Part),
    partsMissing: z.array(Part),
    latestKey: z.string().min(1),
    batchId: RunId.optional(),
  }),
});
