import { z } from "zod";
import { InvalidCikError } from "./errors";

/** One row of SEC's company_tickers.json. */
export const CompanyTickerRow = z.looseObject({
  cik_str: z.union([
    z.number().int().nonnegative(),
    z
      .string()
      .regex(/^\d{1,10}$/)
      .transform(Number),
  ]),
  ticker: z.string().min(1),
  title: z.string(),
});

/** SEC's company_tickers.json: an object keyed "0", "1", … (an array is accepted too). */
export const CompanyTickersFile = z.union([
  z.record(z.string(), CompanyTickerRow),
  z.array(CompanyTickerRow),
]);

export interface TickerEntry {
  cik: number;
  ticker: string;
  title: string;
}

/** Lookup tables built once from company_tickers.json; rows keep the file's order (largest first). */
export interface TickerIndex {
  entries: readonly TickerEntry[];
  byTicker: ReadonlyMap<string, TickerEntry>;
  byCik: ReadonlyMap<number, TickerEntry[]>;
  byName: ReadonlyMap<string, TickerEntry[]>;
}

export interface CompanyQuery {
  ticker?: string | undefined;
  cik?: string | number | undefined;
  name?: string | undefined;
}

export type Resolution =
  | { kind: "resolved"; cik: number; ticker: string | null; title: string | null }
  | { kind: "ambiguous"; query: string; candidates: TickerEntry[] }
  | { kind: "not-found"; reason: string };

/** `padCik(320193)` → `"0000320193"`; throws InvalidCikError for anything but 1–10 digits. */
export function padCik(cik: string | number): string {
  const text = typeof cik === "number" ? String(cik) : cik.trim();
  if (!/^\d{1,10}$/.test(text) || (typeof cik === "number" && !Number.isSafeInteger(cik))) {
    throw new InvalidCikError(cik);
  }
  return text.padStart(10, "0");
}

/** Parses a CIK given as number or (padded) string; `undefined` when it is not a CIK. */
export function parseCik(cik: string | number): number | undefined {
  const text = typeof cik === "number" ? String(cik) : cik.trim().replace(/^CIK/i, "");
  return /^\d{1,10}$/.test(text) ? Number(text) : undefined;
}

/** The profile id of a registrant: `companyIdForCik(320193)` → `"cik-0000320193"`. */
export function companyIdForCik(cik: string | number): string {
  return `cik-${padCik(cik)}`;
}

// Corporate-form words carry no identity: "APPLE INC" and "Apple Inc." are the same company.
const CORPORATE_SUFFIXES = new Set([
  "inc",
  "incorporated",
  "corp",
  "corporation",
  "co",
  "company",
  "cos",
  "companies",
  "ltd",
  "limited",
  "holdings",
  "holding",
  "plc",
  "llc",
  "lp",
  "llp",
  "sa",
  "ag",
  "nv",
  "se",
  "bv",
  "ab",
  "asa",
  "spa",
  "the",
]);

/**
 * Normalizes a company name for matching: lower case, `&` → `and`, SEC state tags (`/DE/`)
 * and punctuation removed, trailing corporate-form words dropped.
 * @example normalizeCompanyName("APPLE INC /CA/") // "apple"
 */
export function normalizeCompanyName(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s*\/.*$/, "")
    .replace(/&/g, " and ")
    .replace(/['’.]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  while (words.length > 1 && CORPORATE_SUFFIXES.has(words[words.length - 1] ?? "")) words.pop();
  if (words.length > 1 && words[0] === "the") words.shift();
  return words.join(" ");
}

export function normalizeTicker(ticker: string): string {
  // SEC writes share classes with a dash (BRK-B); people often type a dot (BRK.B).
  return ticker.trim().toUpperCase().replace(/[./]/g, "-");
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the lookup index from the parsed or raw company_tickers.json body. */
export function buildTickerIndex(json: unknown): TickerIndex {
  const parsed = CompanyTickersFile.parse(json);
  const rows = Array.isArray(parsed)
    ? parsed
    : Object.entries(parsed)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([, row]) => row);
  const entries: TickerEntry[] = rows.map((row) => ({
    cik: row.cik_str,
    ticker: row.ticker,
    title: row.title,
  }));
  const byTicker = new Map<string, TickerEntry>();
  const byCik = new Map<number, TickerEntry[]>();
  const byName = new Map<string, TickerEntry[]>();
  for (const entry of entries) {
    const ticker = normalizeTicker(entry.ticker);
    if (!byTicker.has(ticker)) byTicker.set(ticker, entry);
    push(byCik, entry.cik, entry);
    push(byName, normalizeCompanyName(entry.title), entry);
  }
  return { entries, byTicker, byCik, byName };
}

/** One entry per CIK (share classes of one company collapse), in index order. */
function distinctCompanies(entries: readonly TickerEntry[]): TickerEntry[] {
  const seen = new Set<number>();
  const distinct: TickerEntry[] = [];
  for (const entry of entries) {
    if (seen.has(entry.cik)) continue;
    seen.add(entry.cik);
    distinct.push(entry);
  }
  return distinct;
}

function resolved(entry: TickerEntry): Resolution {
  return { kind: "resolved", cik: entry.cik, ticker: entry.ticker, title: entry.title };
}

/**
 * Resolves a ticker, CIK or company name to one SEC registrant. Order: ticker, then CIK, then
 * name. Names match after normalization; an exact normalized title wins, otherwise a
 * word-boundary prefix must single out one company. Several matches → `ambiguous` (never a guess).
 * A well-formed CIK that is missing from the ticker file still resolves (with null ticker/title):
 * plenty of registrants have no listed ticker.
 * @example resolveCompany(index, { name: "APPLE INC" }) // { kind: "resolved", cik: 320193, ... }
 */
export function resolveCompany(index: TickerIndex, query: CompanyQuery): Resolution {
  if (query.ticker !== undefined && query.ticker.trim() !== "") {
    const entry = index.byTicker.get(normalizeTicker(query.ticker));
    return entry
      ? resolved(entry)
      : {
          kind: "not-found",
          reason: `no SEC registration found for ticker ${query.ticker.trim().toUpperCase()}`,
        };
  }
  if (query.cik !== undefined && String(query.cik).trim() !== "") {
    const cik = parseCik(query.cik);
    if (cik === undefined)
      return { kind: "not-found", reason: `malformed CIK "${String(query.cik)}" (1 to 10 digits)` };
    const entry = index.byCik.get(cik)?.[0];
    return entry ? resolved(entry) : { kind: "resolved", cik, ticker: null, title: null };
  }
  if (query.name !== undefined && query.name.trim() !== "") {
    const wanted = normalizeCompanyName(query.name);
    if (wanted === "")
      return { kind: "not-found", reason: `company name "${query.name}" has no searchable words` };
    const exact = distinctCompanies(index.byName.get(wanted) ?? []);
    if (exact.length === 1 && exact[0]) return resolved(exact[0]);
    if (exact.length > 1) return { kind: "ambiguous", query: query.name, candidates: exact };
    const prefixed = distinctCompanies(
      [...index.byName].filter(([name]) => name.startsWith(`${wanted} `)).flatMap(([, list]) => list),
    );
    if (prefixed.length === 1 && prefixed[0]) return resolved(prefixed[0]);
    if (prefixed.length > 1) return { kind: "ambiguous", query: query.name, candidates: prefixed };
    return { kind: "not-found", reason: `no SEC registration found for company name "${query.name.trim()}"` };
  }
  return { kind: "not-found", reason: "no ticker, CIK or name given" };
}

/** Edit distance between two short strings (insertions, deletions, substitutions, transpositions). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    const row = rows[i] as number[];
    const above = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (above[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row[j] = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * Listed tickers close to one SEC does not list ("APPL" → AAPL): one edit away (a typo, two
 * letters swapped), or the same letters with a class suffix (BRK → BRK-B). Closest first, then in
 * the file's order, which puts the largest companies first.
 */
export function suggestTickers(index: TickerIndex, ticker: string, limit = 5): TickerEntry[] {
  const wanted = normalizeTicker(ticker);
  if (wanted === "") return [];
  const scored: { entry: TickerEntry; distance: number; order: number }[] = [];
  index.entries.forEach((entry, order) => {
    const candidate = entry.ticker;
    if (Math.abs(candidate.length - wanted.length) > 2) return;
    const classOf = candidate.startsWith(`${wanted}-`) || wanted.startsWith(`${candidate}-`);
    const distance = classOf ? 1 : editDistance(wanted, candidate);
    if (distance <= 1) scored.push({ entry, distance, order });
  });
  const seen = new Set<string>();
  return scored
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .map((scoredEntry) => scoredEntry.entry)
    .filter((entry) => !seen.has(entry.ticker) && seen.add(entry.ticker))
    .slice(0, limit);
}
