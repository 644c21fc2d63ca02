import { ProfileChanged, Sources, toPutEventsEntry } from "@dossier/events";
import { diffProfiles, summariseChanges } from "../changes/profile-diff";
import type { MergedProfile } from "../profile/merge";
import type { PipelineContext } from "./context";

/**
 * Publishes `Profile.Changed` when a run's profile, the company's newest version, differs
 * meaningfully from the version before it. The version item is claimed with one conditional
 * update before publishing, so duplicate deliveries and concurrent executions publish it once; a
 * publish that fails gives the claim back so the retry can publish. An older run ending late (a
 * newer version exists already) announces nothing: the newest version is what changed.
 */
export async function announceChanges(
  context: Pick<PipelineContext, "store" | "objects" | "publish" | "busName" | "now">,
  companyId: string,
  runId: string,
): Promise<{ published: boolean; changes: number }> {
  const versions = context.store.entities.profileVersion;
  // The two newest versions are all it takes: this run's must be the newest, the other its predecessor.
  const { data } = await versions.query.byCompany({ companyId }).go({ order: "desc", limit: 2 });
  const [current, previous] = data;
  if (!current || current.runId !== runId || !previous) return { published: false, changes: 0 };
  // The same view of what the diff compares: nothing changed, and nothing needs reading.
  if (current.fingerprint === previous.fingerprint) return { published: false, changes: 0 };
  const [before, after] = await Promise.all([
    context.objects.getJson<MergedProfile>(previous.profileKey),
    context.objects.getJson<MergedProfile>(current.profileKey),
  ]);
  if (!before || !after) return { published: false, changes: 0 };
  const changes = diffProfiles(before.value, after.value);
  if (changes.length === 0) return { published: false, changes: 0 };
  const key = { companyId, requestedAt: current.requestedAt, runId };
  const claim = await versions
    .patch(key)
    .set({ changesClaimedAt: context.now().getTime() })
    .where(({ changesClaimedAt }, { notExists }) => notExists(changesClaimedAt))
    .go({ response: "none", returnOnConditionCheckFailure: true });
  if (claim.rejected) return { published: false, changes: changes.length };
  const entry = toPutEventsEntry(
    ProfileChanged,
    { companyId, runId, previousRunId: previous.runId, changes, summary: summariseChanges(changes) },
    { source: Sources.merge, busName: context.busName },
  );
  try {
    await context.publish([entry]);
  } catch (error) {
    await versions.patch(key).remove(["changesClaimedAt"]).go({ response: "none" });
    throw error;
  }
  return { published: true, changes: changes.length };
}
