import { DossierError, type ProfileChange } from "@dossier/events";
import { diffProfiles } from "../changes/profile-diff";
import type { MergedProfile } from "../profile/merge";
import type { ProfileVersionItem } from "../store";
import { profileVersions } from "./announce";
import type { PipelineContext } from "./context";

/** A version named by the user that the company does not have. */
export class UnknownVersionError extends DossierError {
  constructor(selector: string, count: number) {
    super(
      `no version "${selector}": the profile has ${count} version${count === 1 ? "" : "s"} (v1…v${count}, or a run id)`,
      { retryable: false },
    );
  }
}

export interface VersionComparison {
  from: { version: number; runId: string; requestedAt: number };
  to: { version: number; runId: string; requestedAt: number };
  changes: ProfileChange[];
}

/** `v3`, `3` or a run id; versions count from 1, oldest first, as `profile history` prints them. */
function versionIndex(versions: readonly ProfileVersionItem[], selector: string): number {
  const numbered = /^v?(\d+)$/i.exec(selector);
  const index = numbered
    ? Number(numbered[1]) - 1
    : versions.findIndex((version) => version.runId === selector);
  if (index < 0 || index >= versions.length) throw new UnknownVersionError(selector, versions.length);
  return index;
}

/**
 * The typed changes between two versions of a company's profile, the same diff `Profile.Changed`
 * carries. Without selectors: the newest version against the one before it. Undefined when the
 * company has fewer than two versions to compare.
 */
export async function compareVersions(
  context: Pick<PipelineContext, "store" | "objects">,
  companyId: string,
  selectors: { from?: string | undefined; to?: string | undefined } = {},
): Promise<VersionComparison | undefined> {
  const versions = await profileVersions(context, companyId);
  if (versions.length === 0) return undefined;
  const toIndex = selectors.to === undefined ? versions.length - 1 : versionIndex(versions, selectors.to);
  const fromIndex = selectors.from === undefined ? toIndex - 1 : versionIndex(versions, selectors.from);
  const from = versions[fromIndex];
  const to = versions[toIndex];
  if (!from || !to) return undefined;
  const [before, after] = await Promise.all([
    context.objects.getJson<MergedProfile>(from.profileKey),
    context.objects.getJson<MergedProfile>(to.profileKey),
  ]);
  if (!before || !after)
    throw new DossierError(
      `a version's profile is missing from the bucket (${before ? to.profileKey : from.profileKey})`,
      { retryable: false },
    );
  const describe = (version: ProfileVersionItem, index: number) => ({
    version: index + 1,
    runId: version.runId,
    requestedAt: version.requestedAt,
  });
  return {
    from: describe(from, fromIndex),
    to: describe(to, toIndex),
    changes: diffProfiles(before.value, after.value),
  };
}
