import type { CompanyRequest, Part } from "@dossier/events";
import type { LatestDocument } from "../profile/latest-document";
import { ProfileKeys } from "../profile/object-store";
import type { WatchedCompany } from "../store/watchlists";
import type { PipelineContext } from "./context";

/** One company of a refresh and what it needs: its request's fields beyond the company. */
export interface RefreshRequest {
  company: CompanyRequest;
  companyId: string;
  /** True when the company filed since its profile: every part is extracted afresh. */
  force: boolean;
  /** When set, SEC has nothing new from the company since then and its stored SEC part is reused. */
  secUnchangedSince?: string;
  /** What the company filed in its window, when it filed (an 8-K among them is read for Item 5.02). */
  newFilings?: IndexedFiling[];
}

/** One row of EDGAR's daily form index. */
export interface IndexedFiling {
  day: string;
  form: string;
  /** `edgar/data/<cik>/<accession>.txt`: the full submission. */
  fileName: string;
}

export interface RefreshPlan {
  /** The companies that need a run; the others are counted in `unchanged`. */
  requests: RefreshRequest[];
  /** The daily indexes read (YYYY-MM-DD), oldest first. */
  indexDays: string[];
  /** Companies that filed something in their window: re-extracted in full. */
  filed: number;
  /** Companies with a stored SEC part and no filing since it, whose run reuses that part. */
  reused: number;
  /** Companies that need no run at all: SEC unchanged and (when asked for) the website part still cached. */
  unchanged: number;
  /** Companies with no stored SEC part yet, no CIK, or a window longer than the indexes read. */
  extracted: number;
}

/** What the refresh needs to know about filings: who filed what on the given days, by CIK (10 digits). */
export type FilersOn = (days: readonly string[]) => Promise<ReadonlyMap<string, readonly IndexedFiling[]>>;

/**
 * How far back a refresh reads daily indexes: six weeks of business days. A company whose SEC
 * part is older is simply extracted again, which costs fewer requests than reading more indexes.
 */
export const MaxIndexDays = 30;

const dayMs = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The last business day before `day` (YYYY-MM-DD). */
function previousBusinessDay(day: string): string {
  let at = Date.parse(`${day}T00:00:00Z`) - dayMs;
  while ([0, 6].includes(new Date(at).getUTCDay())) at -= dayMs;
  return isoDay(at);
}

/** Monday to Friday from `from` through `through` (YYYY-MM-DD, both inclusive). */
function businessDays(from: string, through: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${through}T00:00:00Z`); at += dayMs) {
    const weekday = new Date(at).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(isoDay(at));
  }
  return days;
}

/**
 * The last day whose daily index is surely out: EDGAR publishes a day's index late that evening
 * (Eastern time), so a day counts once 30 hours have passed since it began. Filings of later days
 * are seen by the next refresh.
 */
export function lastPublishedIndexDay(now: Date): string {
  return isoDay(now.getTime() - 30 * 3_600_000);
}

/** The time the stored SEC part was requested, when latest.json holds a succeeded one. */
async function storedSecPartAt(
  context: Pick<PipelineContext, "objects">,
  companyId: string,
): Promise<string | undefined> {
  const latest = await context.objects.getJson<LatestDocument>(ProfileKeys.latest(companyId));
  const sec = latest?.value.parts.sec;
  return sec?.status === "succeeded" && sec.s3Key ? sec.requestedAt : undefined;
}

async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++)
      results[index] = await work(items[index] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Plans a watchlist refresh that asks SEC only about what changed. Each company's window starts
 * the business day before its stored SEC part was requested (a filing later that day, or one the
 * part was read too early to see, is inside it) and
 * ends with the last published daily index; one read of each business day's index serves every
 * company. A company whose CIK appears in its window is re-extracted in full (`force`); one with
 * no filing reuses its stored SEC part (`secUnchangedSince`); the website part follows its own
 * cache TTL either way.
 */
export async function planWatchlistRefresh(
  context: Pick<PipelineContext, "objects">,
  members: readonly WatchedCompany[],
  /** Absent without SEC settings: then every company is simply extracted. */
  filersOn: FilersOn | undefined,
  /** When the refresh was requested (a schedule's firing time): the indexes out by then are read. */
  asOf: Date,
  /** The parts the refresh asks for, and whether a company's website part is still in the cache. */
  options: {
    parts: readonly Part[];
    websitePartCached: (member: WatchedCompany) => Promise<boolean>;
  },
): Promise<RefreshPlan> {
  const wantsSec = options.parts.includes("sec");
  const wantsWebsite = options.parts.includes("leadership");
  const through = lastPublishedIndexDay(asOf);
  const oldestDay = businessDays(isoDay(Date.parse(`${through}T00:00:00Z`) - 60 * dayMs), through).slice(
    -MaxIndexDays,
  )[0];
  const windows = await mapWithConcurrency(members, 16, async (member) => {
    const cik = /^cik-(\d{10})$/.exec(member.companyId)?.[1];
    const storedAt = cik && filersOn ? await storedSecPartAt(context, member.companyId) : undefined;
    if (!cik || !storedAt || !filersOn) return undefined;
    const from = previousBusinessDay(isoDay(Date.parse(storedAt)));
    return oldestDay !== undefined && from >= oldestDay
      ? { cik, from, since: `${from}T00:00:00.000Z` }
      : undefined;
  });
  const firstDay = windows.reduce<string | undefined>(
    (earliest, window) => (window && (!earliest || window.from < earliest) ? window.from : earliest),
    undefined,
  );
  const indexDays = firstDay ? businessDays(firstDay, through) : [];
  const filers =
    filersOn && indexDays.length ? await filersOn(indexDays) : new Map<string, readonly IndexedFiling[]>();
  const plan: RefreshPlan = { requests: [], indexDays, filed: 0, reused: 0, unchanged: 0, extracted: 0 };
  const websiteCached = await mapWithConcurrency(members, 16, (member) =>
    wantsWebsite ? options.websitePartCached(member) : Promise.resolve(true),
  );
  members.forEach((member, index) => {
    const window = windows[index];
    const base = { company: member.company, companyId: member.companyId };
    if (!window || !wantsSec) {
      plan.extracted += 1;
      plan.requests.push({ ...base, force: false });
      return;
    }
    const newFilings = (filers.get(window.cik) ?? []).filter((filing) => filing.day >= window.from);
    if (newFilings.length > 0) {
      plan.filed += 1;
      plan.requests.push({ ...base, force: true, newFilings });
    } else if (websiteCached[index]) {
      // A run would read the same SEC part and the same cached website part: the same profile.
      plan.unchanged += 1;
    } else {
      plan.reused += 1;
      plan.requests.push({ ...base, force: false, secUnchangedSince: window.since });
    }
  });
  return plan;
}
