import type { ProfileChange } from "@dossier/events";
import { nameMatchScore } from "../leadership/name-match";
import type { MergedExecutive, MergedProfile } from "../profile/merge";
import { FINANCIAL_METRICS, type FiscalYearFinancials } from "../sec/companyfacts";

/** Two written names are one person at this score (the merge's own threshold). */
const SAME_PERSON = 0.75;

/** Text as a person reads it: case, spacing and punctuation at the ends do not make a difference. */
const normalise = (text: string | null | undefined): string =>
  (text ?? "")
    .normalize("NFKC")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase()
    .replace(/[.,;:]+$/, "");

/**
 * Pairs the people of two lists who are the same person (name variants included: "Timothy D. Cook"
 * and "Tim Cook"), best matches first; the rest joined or left.
 */
function matchPeople<T extends { name: string }>(before: T[], after: T[]) {
  const candidates: { from: number; to: number; score: number }[] = [];
  before.forEach((old, from) => {
    after.forEach((next, to) => {
      const score = nameMatchScore(old.name, next.name);
      if (score >= SAME_PERSON) candidates.push({ from, to, score });
    });
  });
  candidates.sort((a, b) => b.score - a.score);
  const pairs: [T, T][] = [];
  const usedBefore = new Set<number>();
  const usedAfter = new Set<number>();
  for (const candidate of candidates) {
    if (usedBefore.has(candidate.from) || usedAfter.has(candidate.to)) continue;
    usedBefore.add(candidate.from);
    usedAfter.add(candidate.to);
    pairs.push([before[candidate.from] as T, after[candidate.to] as T]);
  }
  return {
    pairs,
    left: before.filter((_, index) => !usedBefore.has(index)),
    joined: after.filter((_, index) => !usedAfter.has(index)),
  };
}

function executiveChanges(before: MergedExecutive[], after: MergedExecutive[]): ProfileChange[] {
  const { pairs, left, joined } = matchPeople(before, after);
  return [
    ...joined.map(
      (person): ProfileChange => ({
        kind: "executive-joined",
        name: person.name,
        title: person.title ?? null,
      }),
    ),
    ...left.map(
      (person): ProfileChange => ({ kind: "executive-left", name: person.name, title: person.title ?? null }),
    ),
    ...pairs
      .filter(([old, next]) => normalise(old.title) !== normalise(next.title))
      .map(
        ([old, next]): ProfileChange => ({
          kind: "executive-title-changed",
          name: next.name,
          from: old.title ?? null,
          to: next.title ?? null,
        }),
      ),
  ];
}

/** Board members are website people; only their names are compared (titles there are roles on the board). */
function boardChanges(before: unknown[], after: unknown[]): ProfileChange[] {
  const named = (list: unknown[]) =>
    list.flatMap((person) =>
      typeof person === "object" && person !== null && typeof (person as { name?: unknown }).name === "string"
        ? [{ name: (person as { name: string }).name }]
        : [],
    );
  const { left, joined } = matchPeople(named(before), named(after));
  return [
    ...joined.map((person): ProfileChange => ({ kind: "board-member-joined", name: person.name })),
    ...left.map((person): ProfileChange => ({ kind: "board-member-left", name: person.name })),
  ];
}

function financialChanges(before: unknown[], after: unknown[]): ProfileChange[] {
  const byYear = (list: unknown[]) =>
    new Map((list as FiscalYearFinancials[]).map((year) => [year.fiscalYear, year]));
  const old = byYear(before);
  const changes: ProfileChange[] = [];
  for (const [fiscalYear, year] of byYear(after)) {
    const previous = old.get(fiscalYear);
    if (!previous) {
      // Only a year newer than every year known before is "reported"; an older year appearing
      // (a longer history read this time) is not news.
      if (old.size > 0 && fiscalYear > Math.max(...old.keys())) {
        changes.push({
          kind: "fiscal-year-reported",
          fiscalYear,
          form: year.form,
          accessionNumber: year.accessionNumber,
        });
      }
      continue;
    }
    for (const metric of FINANCIAL_METRICS) {
      const from = previous[metric]?.value;
      const to = year[metric]?.value;
      if (from === undefined || to === undefined || from === to) continue;
      changes.push({
        kind: "value-restated",
        metric,
        fiscalYear,
        from,
        to,
        accessionNumber: year[metric]?.provenance.accessionNumber ?? year.accessionNumber,
      });
    }
  }
  return changes;
}

type IdentityField = Extract<ProfileChange, { kind: "identity-changed" }>["field"];

const addressText = (address: unknown): string | null => {
  if (typeof address !== "object" || address === null) return null;
  const { street1, street2, city, stateOrCountry, zipCode } = address as Record<string, string | undefined>;
  const text = [street1, street2, city, stateOrCountry, zipCode].filter(Boolean).join(", ");
  return text === "" ? null : text;
};

function identityChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): ProfileChange[] {
  // A part that did not run (or failed) this time is not a change of identity.
  if (!before || !after) return [];
  const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);
  const tickers = (value: unknown) =>
    Array.isArray(value)
      ? [...new Set(value.map((ticker) => String(ticker).toUpperCase()))].sort().join(", ") || null
      : null;
  const fields = {
    name: [text(before.name), text(after.name)],
    tickers: [tickers(before.tickers), tickers(after.tickers)],
    sic: [text(before.sic), text(after.sic)],
    address: [
      addressText((before.addresses as { business?: unknown } | undefined)?.business),
      addressText((after.addresses as { business?: unknown } | undefined)?.business),
    ],
    website: [text(before.website), text(after.website)],
  } as const;
  return Object.entries(fields).flatMap(([field, [from, to]]): ProfileChange[] => {
    // Something that appeared where nothing was known before is completeness, not change.
    if (from === null || to === null || normalise(from) === normalise(to)) return [];
    return [{ kind: "identity-changed", field: field as IdentityField, from, to }];
  });
}

/** Executives one source lists and the other does not, when both sources were read. */
function divergence(profile: MergedProfile) {
  const read = (part: "sec" | "leadership") => profile.parts[part]?.status === "succeeded";
  if (!read("sec") || !read("leadership")) return undefined;
  const only = (source: "sec-10k" | "website") =>
    profile.executives
      .filter((person) => person.sources.length === 1 && person.sources[0] === source)
      .map((person) => person.name)
      .sort();
  return { websiteOnly: only("website"), filingOnly: only("sec-10k") };
}

function divergenceChanges(before: MergedProfile, after: MergedProfile): ProfileChange[] {
  const next = divergence(after);
  if (!next || (next.websiteOnly.length === 0 && next.filingOnly.length === 0)) return [];
  const previous = divergence(before);
  const same = (a: string[], b: string[]) =>
    a.length === b.length && a.every((name, index) => normalise(name) === normalise(b[index]));
  if (previous && same(previous.websiteOnly, next.websiteOnly) && same(previous.filingOnly, next.filingOnly))
    return [];
  return [{ kind: "website-team-diverges", ...next }];
}

/**
 * The meaningful differences between two versions of a company's profile: who joined or left
 * (matched as the same person across name variants), changed titles, board members, a newer
 * fiscal year, a value that changed for the same period (a restatement), identity fields, and the
 * website's team diverging from the 10-K. Order, whitespace and case, fetch times, confidence and
 * source URLs change nothing, so the same content read again yields no change.
 */
export function diffProfiles(before: MergedProfile, after: MergedProfile): ProfileChange[] {
  // A part that did not succeed this time says nothing about what changed in its half.
  const both = (part: "sec" | "leadership") =>
    before.parts[part]?.status === "succeeded" && after.parts[part]?.status === "succeeded";
  // Executives are compared as far as the sources both runs read: a website that failed this time
  // does not make its people "leave".
  const readBoth = new Set([...(both("sec") ? ["sec-10k"] : []), ...(both("leadership") ? ["website"] : [])]);
  const team = (profile: MergedProfile) =>
    profile.executives.filter((person) => person.sources.some((source) => readBoth.has(source)));
  return [
    ...executiveChanges(team(before), team(after)),
    ...(both("leadership") ? boardChanges(before.board, after.board) : []),
    ...(both("sec") ? financialChanges(before.financials, after.financials) : []),
    ...(both("sec") ? identityChanges(before.identity, after.identity) : []),
    ...divergenceChanges(before, after),
  ];
}

/** One line for people: "2 executives joined, 1 left; fiscal year 2026 reported". */
export function summariseChanges(changes: ProfileChange[]): string {
  const count = (kind: ProfileChange["kind"]) => changes.filter((change) => change.kind === kind).length;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const phrases = [
    count("executive-joined") && `${plural(count("executive-joined"), "executive", "executives")} joined`,
    count("executive-left") && `${plural(count("executive-left"), "executive", "executives")} left`,
    count("executive-title-changed") &&
      `${plural(count("executive-title-changed"), "title", "titles")} changed`,
    count("board-member-joined") &&
      `${plural(count("board-member-joined"), "board member", "board members")} joined`,
    count("board-member-left") &&
      `${plural(count("board-member-left"), "board member", "board members")} left`,
    ...changes.flatMap((change) =>
      change.kind === "fiscal-year-reported" ? [`fiscal year ${change.fiscalYear} reported`] : [],
    ),
    count("value-restated") && `${plural(count("value-restated"), "value", "values")} restated`,
    ...changes.flatMap((change) => (change.kind === "identity-changed" ? [`${change.field} changed`] : [])),
    count("website-team-diverges") && "the website's team differs from the 10-K",
  ].filter((phrase): phrase is string => typeof phrase === "string" && phrase !== "");
  return phrases.join("; ");
}

/** One change on one line, for people: `executive joined: Jane Doe (Chief Financial Officer)`. */
export function describeChange(change: ProfileChange): string {
  const titled = (title: string | null) => (title ? ` (${title})` : "");
  switch (change.kind) {
    case "executive-joined":
      return `executive joined: ${change.name}${titled(change.title)}`;
    case "executive-left":
      return `executive left: ${change.name}${titled(change.title)}`;
    case "executive-title-changed":
      return `title changed: ${change.name}: ${change.from ?? "none"} → ${change.to ?? "none"}`;
    case "board-member-joined":
      return `board member joined: ${change.name}`;
    case "board-member-left":
      return `board member left: ${change.name}`;
    case "fiscal-year-reported":
      return `fiscal year ${change.fiscalYear} reported (${change.form} ${change.accessionNumber})`;
    case "value-restated":
      return `restated: ${change.metric} for fiscal ${change.fiscalYear}: ${change.from} → ${change.to} (${change.accessionNumber})`;
    case "identity-changed":
      return `${change.field} changed: ${change.from ?? "none"} → ${change.to ?? "none"}`;
    case "website-team-diverges":
      return `website team differs from the 10-K: website only ${change.websiteOnly.join(", ") || "none"}; 10-K only ${change.filingOnly.join(", ") || "none"}`;
  }
}

/**
 * What of a profile the diff compares, in a canonical form: two profiles with the same view have
 * no change between them, so a version whose view is its predecessor's needs no diff (nor its
 * documents read). Different views may still differ only cosmetically; the diff decides then.
 */
export function meaningfulView(profile: MergedProfile): string {
  const identity = (profile.identity ?? {}) as Record<string, unknown>;
  return JSON.stringify({
    parts: Object.entries(profile.parts)
      .map(([part, outcome]) => `${part}:${outcome?.status}`)
      .sort(),
    executives: profile.executives
      .map((person) =>
        [normalise(person.name), normalise(person.title), [...person.sources].sort().join("+")].join("|"),
      )
      .sort(),
    board: profile.board
      .flatMap((person) =>
        typeof person === "object" &&
        person !== null &&
        typeof (person as { name?: unknown }).name === "string"
          ? [normalise((person as { name: string }).name)]
          : [],
      )
      .sort(),
    financials: (profile.financials as FiscalYearFinancials[])
      .map((year) => [year.fiscalYear, ...FINANCIAL_METRICS.map((metric) => year[metric]?.value ?? null)])
      .sort((a, b) => Number(a[0]) - Number(b[0])),
    identity: [
      identity.name,
      identity.tickers,
      identity.sic,
      addressText((identity.addresses as { business?: unknown } | undefined)?.business),
      identity.website,
    ].map((value) =>
      normalise(
        Array.isArray(value) ? value.map(String).sort().join(",") : typeof value === "string" ? value : "",
      ),
    ),
  });
}
