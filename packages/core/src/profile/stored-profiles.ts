import type { LatestDocument } from "./latest-document";
import { type ObjectStore, ProfileKeys } from "./object-store";

/** One stored profile, as `dossier profile list` shows it. */
export interface StoredProfile {
  companyId: string;
  name: string | undefined;
  tickers: string[];
  /** The last merged profile's status, or "merging" while its first run has not ended. */
  status: "completed" | "incomplete" | "merging";
  completeness: number | undefined;
  updatedAt: string;
}

/** How many latest.json documents are read at once. */
const readConcurrency = 16;

const companyIdOfFolder = (folder: string) => folder.slice("profiles/".length, -1);

function summarise(document: LatestDocument): StoredProfile {
  const identity = (document.profile?.identity ?? {}) as { name?: unknown; tickers?: unknown };
  return {
    companyId: document.companyId,
    name: typeof identity.name === "string" ? identity.name : undefined,
    tickers: Array.isArray(identity.tickers)
      ? identity.tickers.filter((t): t is string => typeof t === "string")
      : [],
    status: document.profile?.status ?? "merging",
    completeness: document.profile?.completeness,
    updatedAt: document.updatedAt,
  };
}

/** Every company with a latest.json in the bucket, most recently updated first. */
export async function listStoredProfiles(objects: ObjectStore): Promise<StoredProfile[]> {
  const companyIds = (await objects.listFolders("profiles/")).map(companyIdOfFolder);
  const profiles = await readStoredProfiles(objects, companyIds);
  return profiles.sort(
    (a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.companyId.localeCompare(b.companyId),
  );
}

/** The stored profiles of the given companies (those that have one), in the order given. */
export async function readStoredProfiles(
  objects: ObjectStore,
  companyIds: string[],
): Promise<StoredProfile[]> {
  const profiles: StoredProfile[] = [];
  for (let start = 0; start < companyIds.length; start += readConcurrency) {
    const documents = await Promise.all(
      companyIds
        .slice(start, start + readConcurrency)
        .map((companyId) => objects.getJson<LatestDocument>(ProfileKeys.latest(companyId))),
    );
    for (const document of documents) if (document) profiles.push(summarise(document.value));
  }
  return profiles.sort(
    (a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.companyId.localeCompare(b.companyId),
  );
}

/**
 * The stored companies a ticker names (case-insensitive), from their merged profiles' identities:
 * a lookup that needs no network and finds what this store holds, demo companies included.
 */
export function storedCompaniesWithTicker(profiles: StoredProfile[], ticker: string): StoredProfile[] {
  const wanted = ticker.toUpperCase();
  return profiles.filter((profile) =>
    profile.tickers.some((candidate) => candidate.toUpperCase() === wanted),
  );
}
