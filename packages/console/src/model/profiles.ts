import { HeadObjectCommand, ListObjectsV2Command, NotFound, S3ServiceException } from "@aws-sdk/client-s3";
import {
  type LatestDocument,
  type MergedProfile,
  mergeProfile,
  type PartDocument,
  ProfileKeys,
} from "@dossier/core/profile";
import type { RunItem } from "@dossier/core/store";
import type { Part } from "@dossier/events";
import type { ConsoleSources } from "../sources";
import { companyTerms } from "./runs";

/**
 * Whether a path segment can be a company id (`cik-0000320193`, a registrable domain, `name-…`,
 * `ticker-…`: lower-case letters, digits, hyphens and single dots). Anything else never reaches
 * an S3 key: the local S3 keeps objects as files, and `..` has no business in a key.
 */
export function isCompanyId(value: string): boolean {
  return value.length <= 253 && /^[a-z0-9](?:[a-z0-9-]|\.(?=[a-z0-9]))*$/.test(value);
}

/** A company the console knows of, from the runs the ledger has for it. */
export interface CompanyEntry {
  companyId: string;
  name: string | undefined;
  ticker: string | undefined;
  cik: string | undefined;
  latestRun: RunItem;
  runs: number;
}

/**
 * The companies of the ledger's runs, newest run first. Profiles are keyed by company id, and
 * every profile in the bucket was written by a run in the ledger, so the runs are the index: a
 * search by name, ticker or CIK needs no read of the profiles themselves.
 */
export function companiesOf(runs: readonly RunItem[]): CompanyEntry[] {
  const byId = new Map<string, CompanyEntry>();
  for (const run of runs) {
    const known = byId.get(run.companyId);
    if (!known) {
      byId.set(run.companyId, {
        companyId: run.companyId,
        name: run.company.name,
        ticker: run.company.ticker,
        cik: run.company.cik,
        latestRun: run,
        runs: 1,
      });
      continue;
    }
    known.runs += 1;
    known.name ??= run.company.name;
    known.ticker ??= run.company.ticker;
    known.cik ??= run.company.cik;
    if (run.requestedAt > known.latestRun.requestedAt) known.latestRun = run;
  }
  return [...byId.values()].sort((a, b) => b.latestRun.requestedAt - a.latestRun.requestedAt);
}

/** Companies whose id, name, ticker or CIK contains the query (leading zeros of a CIK ignored). */
export function searchCompanies(companies: readonly CompanyEntry[], query: string): CompanyEntry[] {
  const needle = query
    .trim()
    .toLowerCase()
    .replace(/^0+(?=\d)/, "");
  if (!needle) return [...companies];
  return companies.filter((company) =>
    companyTerms({
      companyId: company.companyId,
      company: { name: company.name, ticker: company.ticker, cik: company.cik },
    }).some((term) => term.includes(needle)),
  );
}

export interface PartState {
  part: Part;
  status: string;
  completeness?: number | undefined;
  cached?: boolean | undefined;
  reason?: string | undefined;
  runId?: string | undefined;
}

/** What the company page shows. */
export interface ProfileView {
  companyId: string;
  /** The merged profile, or while a run is assembling one, a merge of the parts that are in. */
  profile: MergedProfile;
  /** True while the profile is merged from the parts in so far, before the run's own merge. */
  assembling: boolean;
  parts: PartState[];
  /** Parts the assembling run expects that have not reported yet. */
  waitingFor: Part[];
}

type LatestPart = PartDocument & { requestedAt: string };

/**
 * The company page's profile from latest.json. A part that still carries its data is newer than
 * the merged profile (the run's merge moves the data into the profile), so while a run is going
 * the page shows the parts merged as they are — the same merge the run will do — and which parts
 * are still awaited, from the run's ledger entry.
 */
export async function readProfile(
  sources: ConsoleSources,
  companyId: string,
): Promise<ProfileView | undefined> {
  const latest = await sources.objects.getJson<LatestDocument>(ProfileKeys.latest(companyId));
  if (!latest) return undefined;
  const document = latest.value;
  const allParts = Object.values(document.parts).filter((part): part is LatestPart => part !== undefined);
  const fresh = allParts.filter((part) => part.data !== undefined);
  const newest = [...fresh].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))[0];
  const parts: PartState[] = allParts.map((part) => ({
    part: part.part,
    status: part.status,
    completeness: part.completeness,
    cached: part.cached,
    reason: part.reason,
    runId: part.runId,
  }));
  if (document.profile && (!newest || newest.requestedAt <= document.profile.requestedAt)) {
    return { companyId, profile: document.profile, assembling: false, parts, waitingFor: [] };
  }
  if (!newest) return undefined;
  const run = await sources.store.runs.get(newest.runId);
  const ofRun = fresh.filter((part) => part.runId === newest.runId);
  const partsExpected = run?.partsExpected ?? ofRun.map((part) => part.part);
  const documents = Object.fromEntries(ofRun.map((part) => [part.part, part])) as Partial<
    Record<Part, PartDocument>
  >;
  const requestedAt = new Date(newest.requestedAt);
  const profile = mergeProfile({
    companyId,
    runId: newest.runId,
    partsExpected,
    documents,
    // A profile being assembled has no verdict yet; only its content is shown.
    threshold: 100,
    requestedAt,
    now: new Date(),
  });
  const reported = new Set([
    ...ofRun.map((part) => part.part),
    ...Object.keys(run?.parts ?? {}).filter((part) => run?.parts[part as Part] !== undefined),
  ]);
  const waitingFor = partsExpected.filter((part) => !reported.has(part));
  // A part on its way is shown as awaited, not as missing.
  profile.missing = profile.missing.filter(
    (field) => !waitingFor.some((part) => field === `${part}: no outcome`),
  );
  return { companyId, profile, assembling: true, parts, waitingFor };
}

/**
 * A cheap fingerprint of a company's latest.json (its ETag): the live stream of a company page
 * pushes an update when it changes, without reading the document.
 */
export async function profileVersion(sources: ConsoleSources, companyId: string): Promise<string> {
  try {
    const head = await sources.objects.s3.send(
      new HeadObjectCommand({ Bucket: sources.objects.bucket, Key: ProfileKeys.latest(companyId) }),
    );
    return head.ETag ?? String(head.LastModified?.getTime() ?? "");
  } catch (error) {
    if (error instanceof NotFound) return "absent";
    if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return "absent";
    throw error;
  }
}

/** One run that wrote documents of a company's profile. */
export interface HistoryEntry {
  runId: string;
  /** The documents it left: sec, leadership, profile. */
  documents: string[];
  /** When its newest document was written. */
  writtenAt: Date | undefined;
}

/**
 * The runs that wrote a company's documents, newest first: one listing of its run history in the
 * bucket (`profiles/<companyId>/runs/<runId>/…`), whose dates order the runs.
 */
export async function profileHistory(
  sources: ConsoleSources,
  companyId: string,
  limit = 20,
): Promise<HistoryEntry[]> {
  const prefix = ProfileKeys.runHistory(companyId);
  const listing = await sources.objects.s3.send(
    new ListObjectsV2Command({ Bucket: sources.objects.bucket, Prefix: prefix, MaxKeys: 1000 }),
  );
  const byRun = new Map<string, HistoryEntry>();
  for (const object of listing.Contents ?? []) {
    const [runId, file] = (object.Key ?? "").slice(prefix.length).split("/");
    if (!runId || !file?.endsWith(".json")) continue;
    const entry = byRun.get(runId) ?? { runId, documents: [], writtenAt: undefined };
    entry.documents.push(file.slice(0, -".json".length));
    if (object.LastModified && (!entry.writtenAt || object.LastModified > entry.writtenAt)) {
      entry.writtenAt = object.LastModified;
    }
    byRun.set(runId, entry);
  }
  return [...byRun.values()]
    .sort((a, b) => (b.writtenAt?.getTime() ?? 0) - (a.writtenAt?.getTime() ?? 0))
    .slice(0, limit);
}
