import { createHash } from "node:crypto";
import type { Part } from "@dossier/events";
import { meaningfulView } from "../changes/profile-diff";
import { setProfileInLatest } from "../profile/latest-document";
import type { MergedProfile } from "../profile/merge";
import { announceChanges } from "./announce-changes";
import type { PipelineContext } from "./context";
import type { MergedProfileRef, TerminalDecision } from "./finalize-run";

/**
 * Records that a claimed terminal event went out, so the sweep never publishes it again. Until
 * then the ledger keeps the event: a claim whose publisher died is published by the sweep.
 */
export async function recordAnnounced(context: PipelineContext, decision: TerminalDecision): Promise<void> {
  if (decision.claimed)
    await context.store.runs.markAnnounced(decision.ledger.runId, decision.ledger.deadlineAt);
}

/**
 * Writes a finished run's merged profile into latest.json, with each part's outcome (its data is
 * in the profile now), and indexes it as a version of the company's profile. It runs after the terminal event is out (the event names profile.json,
 * written before), so the read-modify-write of latest.json, which parts of other runs may contend
 * for, is off the path to the run's end. A newer run's parts or profile are never replaced.
 */
export async function publishLatest(context: PipelineContext, ref: MergedProfileRef): Promise<void> {
  const stored = await context.objects.getJson<MergedProfile>(ref.profileKey);
  if (!stored) return;
  const profile = { ...stored.value, requestedAt: ref.requestedAt };
  const parts = Object.entries(profile.parts).map(([part, outcome]) => ({
    part: part as Part,
    runId: profile.runId,
    ...outcome,
    requestedAt: ref.requestedAt,
  }));
  await setProfileInLatest(context.objects, ref.companyId, profile, parts, context.now);
  // The version index: one item per run that ended with a profile. A redelivery keeps the item
  // (and whether its change event was claimed) as it is.
  await context.store.entities.profileVersion
    .create({
      companyId: ref.companyId,
      runId: profile.runId,
      requestedAt: Date.parse(ref.requestedAt),
      status: profile.status,
      completeness: profile.completeness,
      profileKey: ref.profileKey,
      fingerprint: createHash("sha256").update(meaningfulView(stored.value)).digest("hex").slice(0, 32),
      recordedAt: context.now().getTime(),
    })
    .go({ response: "none", returnOnConditionCheckFailure: true });
  await announceChanges(context, ref.companyId, profile.runId);
}

/** Every version of a company's profile, oldest first: from the version index, not an S3 listing. */
export async function profileVersions(context: Pick<PipelineContext, "store">, companyId: string) {
  const { data } = await context.store.entities.profileVersion.query
    .byCompany({ companyId })
    .go({ pages: "all" });
  return data;
}

/**
 * The end of a run outside ProgressiveMerge, in the same order as its last states
 * (PublishTerminal → RecordAnnounced → UpdateLatest): publish the claimed terminal event, record
 * that it went out, then put the merged profile into latest.json.
 */
export async function announce(context: PipelineContext, decision: TerminalDecision, source: string) {
  if (!decision.claimed) return;
  await context.publish([
    {
      EventBusName: context.busName,
      Source: source,
      DetailType: decision.detailType,
      Detail: JSON.stringify(decision.detail),
    },
  ]);
  await recordAnnounced(context, decision);
  if (decision.profile) await publishLatest(context, decision.profile);
}
