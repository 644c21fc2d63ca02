import { z } from "zod";

export const PersonCategory = z.enum(["executive", "board", "subsidiary"]);
export type PersonCategory = z.infer<typeof PersonCategory>;

export const ExtractionMethod = z.enum([
  "json-ld",
  "microdata",
  "structure",
  "inline",
  "image-alt",
  "bedrock",
]);
export type ExtractionMethod = z.infer<typeof ExtractionMethod>;

/** One person found on a company website, classified by what the page says they lead. */
export const LeadershipPerson = z.object({
  name: z.string().min(1),
  title: z.string(),
  /** Canonical roles from the title lexicon (CEO, CFO, EVP, Director…). */
  roles: z.array(z.string()),
  category: PersonCategory,
  /** The brand or subsidiary a `subsidiary` person leads, when the page names it. */
  organization: z.string().optional(),
  /** The section heading the person was listed under. */
  section: z.string().optional(),
  sourceUrl: z.string(),
  confidence: z.number().min(0).max(1),
  method: ExtractionMethod,
});
export type LeadershipPerson = z.infer<typeof LeadershipPerson>;

/** The leadership part of a company profile, as stored in S3 and merged into the profile. */
export const LeadershipPart = z.object({
  website: z.string(),
  pagesVisited: z.array(z.string()),
  /** When the pages were read (ISO time), for the profile's `sources.fetchedAt`. */
  retrievedAt: z.iso.datetime().optional(),
  people: z.array(LeadershipPerson),
});
export type LeadershipPart = z.infer<typeof LeadershipPart>;
