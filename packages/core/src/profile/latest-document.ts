import { DossierError, type Part } from "@dossier/events";
import type { MergedProfile, PartDocument } from "./merge";
import { type ObjectStore, ProfileKeys } from "./object-store";

/** profiles/{companyId}/latest.json: each part as soon as it is in, and the last merged profile. */
export interface LatestDocument {
  companyId: string;
  updatedAt: string;
  parts: Partial<Record<Part, PartDocument & { requestedAt: string }>>;
  profile?: MergedProfile & { requestedAt: string };
}

/** Thrown when latest.json kept changing under us; retryable, the next attempt will likely win. */
export class LatestDocumentContentionError extends DossierError {
  constructor(key: string, attempts: number) {
    super(`could not update ${key} after ${attempts} attempts: other writers kept changing it`, {
      retryable: true,
    });
  }
}

const maxAttempts = 12;

/**
 * Read-modify-write of latest.json with a conditional put, retried on conflict, so
 * concurrent writers never overwrite each other's parts. An older run never replaces what a
 * newer run already wrote.
 */
async function updateLatest(
  objects: ObjectStore,
  companyId: string,
  now: () => Date,
  change: (current: LatestDocument) => LatestDocument | undefined | Promise<LatestDocument | undefined>,
): Promise<LatestDocument> {
  const key = ProfileKeys.latest(companyId);
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const existing = await objects.getJson<LatestDocument>(key);
    const current = existing?.value ?? { companyId, updatedAt: now().toISOString(), parts: {} };
    const next = await change(structuredClone(current));
    if (!next) return current;
    next.updatedAt = now().toISOString();
    if (await objects.putJsonIfUnchanged(key, next, existing?.etag)) return next;
    // Lost the race: back off a little (jittered) and re-read.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
  }
  throw new LatestDocumentContentionError(key, maxAttempts);
}

/**
 * Appends a part, with its data, unless latest.json has a newer run's part or already refers to
 * the same document (a cache hit re-publishes the document an earlier run wrote, whose data is in
 * latest.json already, on its own or merged into the profile). `loadData` is called only when the
 * part goes in.
 */
export function appendPartToLatest(
  objects: ObjectStore,
  companyId: string,
  document: PartDocument & { requestedAt: string },
  loadData: () => Promise<unknown>,
  now: () => Date,
): Promise<LatestDocument> {
  let data: Promise<unknown> | undefined;
  return updateLatest(objects, companyId, now, async (current) => {
    const previous = current.parts[document.part];
    if (previous && previous.requestedAt > document.requestedAt) return undefined;
    if (previous && document.s3Key !== undefined && previous.s3Key === document.s3Key) return undefined;
    data ??= loadData();
    current.parts[document.part] = { ...document, data: await data };
    return current;
  });
}

/**
 * Writes the merged profile with the parts it was merged from. The last part of a run is
 * appended here rather than on its own, which saves the merge a read-modify-write of
 * latest.json; a newer run's parts or profile are never replaced.
 */
export function setProfileInLatest(
  objects: ObjectStore,
  companyId: string,
  profile: MergedProfile & { requestedAt: string },
  parts: (PartDocument & { requestedAt: string })[],
  now: () => Date,
): Promise<LatestDocument> {
  return updateLatest(objects, companyId, now, (current) => {
    let changed = false;
    for (const part of parts) {
      const previous = current.parts[part.part];
      if (previous && previous.requestedAt > part.requestedAt) continue;
      current.parts[part.part] = part;
      changed = true;
    }
    if (!current.profile || current.profile.requestedAt <= profile.requestedAt) {
      current.profile = profile;
      changed = true;
    }
    return changed ? current : undefined;
  });
}
