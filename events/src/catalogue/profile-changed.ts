import { z } from "zod";
import { CompanyId, RunId } from "../company";
import { defineEvent } from "../define";

const Name = z.string().min(1).max(300);
const Title = z.string().max(500).nullable();

/** One meaningful difference between two versions of a company's profile. */
export const ProfileChange = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("executive-joined"), name: Name, title: Title }),
  z.object({ kind: z.literal("executive-left"), name: Name, title: Title }),
  z.object({ kind: z.literal("executive-title-changed"), name: Name, from: Title, to: Title }),
  z.object({ kind: z.literal("board-member-joined"), name: Name }),
  z.object({ kind: z.literal("board-member-left"), name: Name }),
  z.object({
    kind: z.literal("fiscal-year-reported"),
    fiscalYear: z.number().int(),
    form: z.string().max(20),
    accessionNumber: z.string().max(40),
  }),
  z.object({
    kind: z.literal("value-restated"),
    metric: z.string().max(60),
    fiscalYear: z.number().int(),
    from: z.number(),
    to: z.number(),
    /** The report the new value comes from. */
    accessionNumber: z.string().max(40),
  }),
  z.object({
    kind: z.literal("identity-changed"),
    field: z.enum(["name", "tickers", "sic", "address", "website"]),
    from: z.string().max(1000).nullable(),
    to: z.string().max(1000).nullable(),
  }),
  z.object({
    kind: z.literal("website-team-diverges"),
    /** Executives the website lists and the 10-K does not, and the reverse. */
    websiteOnly: z.array(Name).max(100),
    filingOnly: z.array(Name).max(100),
  }),
]);
export type ProfileChange = z.infer<typeof ProfileChange>;

export const ProfileChanged = defineEvent({
  detailType: "Profile.Changed",
  version: 1,
  description:
    "A run's profile differs meaningfully from the company's previous version: who joined or left, titles, new fiscal years, restated values, identity.",
  schema: z.object({
    companyId: CompanyId,
    /** The run whose profile is the new version. */
    runId: RunId,
    /** The run whose profile was the previous version. */
    previousRunId: RunId,
    changes: z.array(ProfileChange).min(1).max(500),
    /** One line for people: "2 executives joined, 1 left; fiscal year 2025 reported". */
    summary: z.string().min(1).max(1000),
  }),
});
