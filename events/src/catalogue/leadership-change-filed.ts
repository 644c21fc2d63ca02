import { z } from "zod";
import { CompanyId } from "../company";
import { defineEvent } from "../define";

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a day is YYYY-MM-DD");

/** One change an 8-K's Item 5.02 reports. */
export const LeadershipChange = z.object({
  person: z.string().min(1).max(300),
  change: z.enum(["departed", "appointed", "elected", "role changed"]),
  role: z.string().max(500).optional(),
  effectiveDate: IsoDay.optional(),
  /** The sentence of the filing it was read from. */
  evidence: z.string().max(1000),
  /**
   * How it was read: by dossier's sentence patterns, or by the Bedrock fallback for wording they
   * do not cover (its person and evidence sentence checked against the filing's text).
   */
  method: z.enum(["filing-text", "bedrock"]).optional(),
});
export type LeadershipChange = z.infer<typeof LeadershipChange>;

export const LeadershipChangeFiled = defineEvent({
  detailType: "Leadership.ChangeFiled",
  version: 1,
  description:
    "A watched company filed an 8-K with Item 5.02 (departure or appointment of directors or officers): the changes it reports, before its profile is refreshed.",
  schema: z.object({
    companyId: CompanyId,
    cik: z.string().regex(/^\d{10}$/),
    companyName: z.string().max(300).optional(),
    form: z.string().min(1).max(20),
    accessionNumber: z.string().regex(/^\d{10}-\d{2}-\d{6}$/),
    filingDate: IsoDay,
    items: z.array(z.string().max(10)).max(50),
    /** The filing on sec.gov. */
    filingUrl: z.url(),
    /** Empty when the item's text could not be read with confidence; `notes` say why. */
    changes: z.array(LeadershipChange).max(100),
    notes: z.array(z.string().max(500)).max(20).default([]),
    /** One line for people: "Jane Doe appointed Chief Financial Officer; John Roe departed". */
    summary: z.string().min(1).max(1000),
    /** The watchlist whose refresh found it, and the batch that refreshes the company. */
    watchlist: z.string().max(64).optional(),
    batchId: z.string().max(64).optional(),
  }),
});
