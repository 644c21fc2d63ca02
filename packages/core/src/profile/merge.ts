import type { Part } from "@dossier/events";
import { z } from "zod";
import { sameperson } from "../leadership/name-match";
import { SEC_COMPLETENESS_WEIGHTS } from "../sec/completeness";

/**
 * What the merge reads of each part. The parts own their full schemas; the merge only needs
 * these fields, so a part can grow without touching the merge.
 */
const SecPartView = z.looseObject({
  identity: z.looseObject({ name: z.string().optional(), cik: z.union([z.string(), z.number()]).optional() }),
  financials: z.array(z.looseObject({ fiscalYear: z.number() })).default([]),
  executives: z
    .looseObject({
      officers: z.array(
        z.looseObject({ name: z.string(), title: z.string().optional(), age: z.number().optional() }),
      ),
    })
    .optional(),
});

const LeadershipPartView = z.looseObject({
  website: z.string().optional(),
  people: z
    .array(
      z.looseObject({
        name: z.string(),
        title: z.string().optional(),
        category: z.string().optional(),
        sourceUrl: z.string().optional(),
        confidence: z.number().optional(),
      }),
    )
    .default([]),
});

export interface PartDocument {
  part: Part;
  runId: string;
  status: "succeeded" | "failed" | "skipped";
  completeness: number;
  missing: string[];
  cached: boolean;
  durationMs: number;
  reason?: string | undefined;
  /** Where the part's own document is (its claim check), when it produced one. */
  s3Key?: string | undefined;
  data?: unknown;
}

export interface MergedExecutive {
  name: string;
  title: string | undefined;
  age: number | undefined;
  sources: ("sec-10k" | "website")[];
  /** True when the 10-K and the company website both list this person. */
  confirmed: boolean;
  websiteTitle?: string | undefined;
  sourceUrl?: string | undefined;
}

export interface MergedProfile {
  companyId: string;
  runId: string;
  status: "completed" | "incomplete";
  completeness: number;
  missing: string[];
  identity: Record<string, unknown> | null;
  financials: unknown[];
  executives: MergedExecutive[];
  board: unknown[];
  parts: Partial<
    Record<
      Part,
      {
        status: PartDocument["status"];
        completeness: number;
        missing: string[];
        cached: boolean;
        durationMs: number;
        reason?: string;
        s3Key?: string;
      }
    >
  >;
  cached: boolean;
  timings: { requestedAt: string; mergedAt: string; durationMs: number };
}

/**
 * How much each part counts towards the profile's completeness. The SEC part carries the
 * identity and financials, which every consumer needs; the website adds the team as the
 * company presents it. Only the parts a run asked for are weighed.
 */
export const PartWeights: Record<Part, number> = { sec: 0.6, leadership: 0.4 };

/** Completeness of a run in percent: the weighted average of its expected parts (failed parts count 0). */
export function profileCompleteness(
  partsExpected: readonly Part[],
  documents: Partial<Record<Part, Pick<PartDocument, "status" | "completeness" | "missing">>>,
): { completeness: number; missing: string[] } {
  const totalWeight = partsExpected.reduce((sum, part) => sum + PartWeights[part], 0);
  let score = 0;
  const missing: string[] = [];
  for (const part of partsExpected) {
    const document = documents[part];
    if (document?.status !== "succeeded") {
      missing.push(`${part}: ${document ? document.status : "no outcome"}`);
      continue;
    }
    score += (document.completeness * PartWeights[part]) / totalWeight;
    missing.push(...document.missing.map((field) => `${part}.${field}`));
  }
  return { completeness: Math.round(score * 10) / 10, missing };
}

function mergeExecutives(
  sec: z.infer<typeof SecPartView> | undefined,
  website: z.infer<typeof LeadershipPartView> | undefined,
) {
  const executives: MergedExecutive[] = (sec?.executives?.officers ?? []).map((officer) => ({
    name: officer.name,
    title: officer.title,
    age: officer.age,
    sources: ["sec-10k"],
    confirmed: false,
  }));
  const board: unknown[] = [];
  for (const person of website?.people ?? []) {
    if (person.category && person.category !== "executive") {
      board.push(person);
      continue;
    }
    const match = executives.find((executive) => sameperson(executive.name, person.name));
    if (match) {
      match.sources.push("website");
      match.confirmed = true;
      match.websiteTitle = person.title;
      match.sourceUrl = person.sourceUrl;
    } else {
      executives.push({
        name: person.name,
        title: person.title,
        age: undefined,
        sources: ["website"],
        confirmed: false,
        sourceUrl: person.sourceUrl,
      });
    }
  }
  return { executives, board };
}

/**
 * The SEC part misses its officers when the 10-K defers them to a proxy statement or is not an
 * annual report with an officers section (20-F); the profile still has an executive team when the
 * website lists one, so the SEC part's officer weight is credited from the website then.
 */
function creditOfficersFromWebsite(
  documents: Partial<Record<Part, PartDocument>>,
  website: z.infer<typeof LeadershipPartView> | undefined,
): Partial<Record<Part, PartDocument>> {
  const sec = documents.sec;
  const websiteExecutives = (website?.people ?? []).filter((person) => person.category === "executive");
  if (sec?.status !== "succeeded" || !sec.missing.includes("executives") || websiteExecutives.length === 0) {
    return documents;
  }
  return {
    ...documents,
    sec: {
      ...sec,
      completeness: Math.min(100, sec.completeness + SEC_COMPLETENESS_WEIGHTS.executives),
      missing: sec.missing.filter((field) => field !== "executives"),
    },
  };
}

/**
 * Merges the parts of a run into one profile: SEC identity and financials, the executive team
 * with 10-K officers and website people matched by name (`confirmed` when both list them),
 * completeness with the missing fields, and per-part provenance and timings.
 */
export function mergeProfile(input: {
  companyId: string;
  runId: string;
  partsExpected: readonly Part[];
  documents: Partial<Record<Part, PartDocument>>;
  threshold: number;
  requestedAt: Date;
  now: Date;
}): MergedProfile {
  const secDocument = input.documents.sec;
  const leadershipDocument = input.documents.leadership;
  const sec = secDocument?.status === "succeeded" ? SecPartView.parse(secDocument.data) : undefined;
  const website =
    leadershipDocument?.status === "succeeded"
      ? LeadershipPartView.parse(leadershipDocument.data)
      : undefined;
  const { completeness, missing } = profileCompleteness(
    input.partsExpected,
    creditOfficersFromWebsite(input.documents, website),
  );
  const { executives, board } = mergeExecutives(sec, website);
  const parts: MergedProfile["parts"] = {};
  for (const part of input.partsExpected) {
    const document = input.documents[part];
    if (!document) continue;
    parts[part] = {
      status: document.status,
      completeness: document.completeness,
      missing: document.missing,
      cached: document.cached,
      durationMs: document.durationMs,
      ...(document.reason ? { reason: document.reason } : {}),
      ...(document.s3Key ? { s3Key: document.s3Key } : {}),
    };
  }
  const cached = input.partsExpected.every((part) => input.documents[part]?.cached === true);
  return {
    companyId: input.companyId,
    runId: input.runId,
    status: completeness >= input.threshold ? "completed" : "incomplete",
    completeness,
    missing,
    identity: sec ? { ...sec.identity, ...(website?.website ? { website: website.website } : {}) } : null,
    financials: sec?.financials ?? [],
    executives,
    board,
    parts,
    cached,
    timings: {
      requestedAt: input.requestedAt.toISOString(),
      mergedAt: input.now.toISOString(),
      durationMs: Math.max(0, input.now.getTime() - input.requestedAt.getTime()),
    },
  };
}
