import type { Part } from "@dossier/events";
import { z } from "zod";
import { CONFIDENCE_THRESHOLD } from "../leadership/completeness";
import { sameperson } from "../leadership/name-match";
import { normalizeText } from "../leadership/normalize";
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
      section: z.string().optional(),
      method: z.string().optional(),
      confidence: z.number().optional(),
      document: z
        .looseObject({ form: z.string(), accessionNumber: z.string(), filed: z.string(), url: z.string() })
        .optional(),
      note: z.string().optional(),
    })
    .optional(),
  notes: z.array(z.string()).default([]),
  retrievedAt: z.string().optional(),
});

const LeadershipPartView = z.looseObject({
  website: z.string().optional(),
  pagesVisited: z.array(z.string()).default([]),
  retrievedAt: z.string().optional(),
  people: z
    .array(
      z.looseObject({
        name: z.string(),
        title: z.string().optional(),
        category: z.string().optional(),
        sourceUrl: z.string().optional(),
        confidence: z.number().optional(),
        method: z.string().optional(),
        section: z.string().optional(),
      }),
    )
    .default([]),
});

/** Where one value of a profile came from: the filing or the web page, and how it was read. */
export type ValueSource =
  | {
      kind: "sec";
      /** "EDGAR submissions", or the form of the filing the value was read from. */
      document: string;
      accessionNumber?: string | undefined;
      filed?: string | undefined;
      url?: string | undefined;
      section?: string | undefined;
      method?: string | undefined;
    }
  | {
      kind: "website";
      url: string;
      section?: string | undefined;
      /** json-ld, microdata (structured data), structure or inline (markup and text layout), bedrock (the model). */
      method: string;
    };

export { CONFIDENCE_THRESHOLD };

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
  /** Which source the shown `title` is from, and why when the sources disagree. */
  titleSource: "sec-10k" | "website";
  titleNote?: string | undefined;
  /** The highest confidence of the methods that found the person. */
  confidence: number;
  provenance: ValueSource[];
}

/** A person found with too little confidence to be shown as part of the team. */
export interface UncertainPerson {
  name: string;
  title: string | undefined;
  confidence: number;
  reason: string;
  source: ValueSource;
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
  /** People found below {@link CONFIDENCE_THRESHOLD}: "not found, because …" rather than a guess. */
  uncertain: UncertainPerson[];
  /** Why a part of the profile is empty, e.g. `{ executives: "…defers to the proxy…; website: …" }`. */
  notFound: Record<string, string>;
  sources: {
    identity: ValueSource | null;
    /**
     * When each source document was read, by the name values cite it with ("EDGAR submissions",
     * "EDGAR companyfacts", a filing's URL). Kept apart from the values so that the same content
     * read at another time is the same profile.
     */
    fetchedAt: Record<string, string>;
  };
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

function secOfficerSource(sec: z.infer<typeof SecPartView>): ValueSource {
  const executives = sec.executives;
  return {
    kind: "sec",
    document: executives?.document?.form ?? "annual report",
    accessionNumber: executives?.document?.accessionNumber,
    filed: executives?.document?.filed,
    url: executives?.document?.url,
    section: executives?.section,
    method: executives?.method,
  };
}

function websiteSource(person: z.infer<typeof LeadershipPartView>["people"][number]): ValueSource {
  return {
    kind: "website",
    url: person.sourceUrl ?? "",
    section: person.section,
    method: person.method ?? "structure",
  };
}

function mergeExecutives(
  sec: z.infer<typeof SecPartView> | undefined,
  website: z.infer<typeof LeadershipPartView> | undefined,
) {
  const secSource = sec ? secOfficerSource(sec) : undefined;
  const secConfidence = sec?.executives?.confidence ?? 0.9;
  const executives: MergedExecutive[] = (sec?.executives?.officers ?? []).map((officer) => ({
    name: officer.name,
    title: officer.title,
    age: officer.age,
    sources: ["sec-10k"],
    confirmed: false,
    titleSource: "sec-10k",
    confidence: secConfidence,
    provenance: secSource ? [secSource] : [],
  }));
  const board: unknown[] = [];
  const uncertain: UncertainPerson[] = [];
  for (const person of website?.people ?? []) {
    if (person.category && person.category !== "executive") {
      board.push(person);
      continue;
    }
    const confidence = person.confidence ?? CONFIDENCE_THRESHOLD;
    const match = executives.find((executive) => sameperson(executive.name, person.name));
    if (match) {
      match.sources.push("website");
      match.confirmed = true;
      match.websiteTitle = person.title;
      match.sourceUrl = person.sourceUrl;
      match.provenance.push(websiteSource(person));
      match.confidence = Math.max(match.confidence, confidence);
      if (person.title && match.title && normalizeText(person.title) !== normalizeText(match.title)) {
        match.titleNote = `The website says "${person.title}"; the filing's title is shown because it is the officer's position as filed with the SEC.`;
      }
    } else if (confidence < CONFIDENCE_THRESHOLD) {
      uncertain.push({
        name: person.name,
        title: person.title,
        confidence,
        reason: `found only by ${person.method ?? "an unknown method"} with confidence ${confidence}, below ${CONFIDENCE_THRESHOLD}`,
        source: websiteSource(person),
      });
    } else {
      executives.push({
        name: person.name,
        title: person.title,
        age: undefined,
        sources: ["website"],
        confirmed: false,
        sourceUrl: person.sourceUrl,
        titleSource: "website",
        confidence,
        provenance: [websiteSource(person)],
      });
    }
  }
  return { executives, board, uncertain };
}

/** When each document the profile's values cite was read: SEC's APIs and filing, and each web page. */
function fetchedAt(
  sec: z.infer<typeof SecPartView> | undefined,
  website: z.infer<typeof LeadershipPartView> | undefined,
): Record<string, string> {
  const times: Record<string, string> = {};
  if (sec?.retrievedAt) {
    times["EDGAR submissions"] = sec.retrievedAt;
    times["EDGAR companyfacts"] = sec.retrievedAt;
    const url = sec.executives?.document?.url;
    if (url) times[url] = sec.retrievedAt;
  }
  if (website?.retrievedAt) for (const page of website.pagesVisited) times[page] = website.retrievedAt;
  return times;
}

/** Why no executive could be shown: what each source said, so the profile says why rather than nothing. */
function executivesNotFound(
  sec: z.infer<typeof SecPartView> | undefined,
  secDocument: PartDocument | undefined,
  website: z.infer<typeof LeadershipPartView> | undefined,
  leadershipDocument: PartDocument | undefined,
  uncertain: readonly UncertainPerson[],
): string {
  const reasons: string[] = [];
  if (sec) {
    const note =
      sec.executives?.note ??
      sec.notes.find((n) => /executive officers|annual report/i.test(n)) ??
      "no executive officers in the annual report";
    reasons.push(`SEC: ${note}`);
  } else if (secDocument) {
    reasons.push(`SEC: part ${secDocument.status}${secDocument.reason ? ` (${secDocument.reason})` : ""}`);
  }
  if (website) {
    reasons.push(
      uncertain.length > 0
        ? `website: ${uncertain.length} people found only with low confidence`
        : `website: no executives found on ${website.website ?? "the site"}`,
    );
  } else if (leadershipDocument) {
    reasons.push(
      `website: part ${leadershipDocument.status}${leadershipDocument.reason ? ` (${leadershipDocument.reason})` : ""}`,
    );
  }
  return reasons.join("; ") || "no source was asked for the executive team";
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
  // Only people found with confidence count towards completeness.
  const websiteExecutives = (website?.people ?? []).filter(
    (person) =>
      person.category === "executive" && (person.confidence ?? CONFIDENCE_THRESHOLD) >= CONFIDENCE_THRESHOLD,
  );
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
 * completeness with the missing fields, and per-part provenance and timings. Every value says
 * where it came from: financial values carry their XBRL fact, each executive the filing section
 * and the web pages that list them (with the title shown, and why when they disagree), the
 * identity the EDGAR submissions; `sources.fetchedAt` says when each document was read. People below {@link CONFIDENCE_THRESHOLD}
 * go to `uncertain`, and an empty team is explained in `notFound.executives`.
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
  const { executives, board, uncertain } = mergeExecutives(sec, website);
  const notFound: Record<string, string> = {};
  if (executives.length === 0) {
    notFound.executives = executivesNotFound(sec, secDocument, website, leadershipDocument, uncertain);
  }
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
    uncertain,
    notFound,
    sources: {
      identity: sec ? { kind: "sec", document: "EDGAR submissions" } : null,
      fetchedAt: fetchedAt(sec, website),
    },
    parts,
    cached,
    timings: {
      requestedAt: input.requestedAt.toISOString(),
      mergedAt: input.now.toISOString(),
      durationMs: Math.max(0, input.now.getTime() - input.requestedAt.getTime()),
    },
  };
}
