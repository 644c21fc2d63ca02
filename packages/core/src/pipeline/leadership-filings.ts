import {
  type DetailInput,
  type LeadershipChange,
  LeadershipChangeFiled,
  Sources,
  toPutEventsEntry,
} from "@dossier/events";
import type { BedrockOptions } from "../bedrock";
import { sameperson } from "../leadership/name-match";
import type { SecClient } from "../sec/client";
import { type EightKReading, readEightK, readLeadershipChangesWithModel } from "../sec/filings";
import type { PipelineContext } from "./context";
import type { RefreshRequest } from "./watchlist-refresh";

/** Forms whose Item 5.02 reports leadership changes: the 8-K and its amendment. */
const CurrentReportForms = new Set(["8-K", "8-K/A"]);

/** One line for people: "Priya Raman appointed Chief Financial Officer; John Roe departed". */
export function summariseLeadershipChanges(changes: readonly LeadershipChange[]): string {
  if (changes.length === 0) return "Item 5.02 filed; no change could be read with confidence";
  return changes
    .map((change) => `${change.person} ${change.change}${change.role ? ` ${change.role}` : ""}`)
    .join("; ")
    .slice(0, 1000);
}

/**
 * The changes an 8-K's Item 5.02 reports: the sentence patterns first; when some sentence speaks
 * of a change they cannot read and a model is configured, the Bedrock fallback adds the people
 * the patterns missed. A model that fails leaves a note, never a lost announcement.
 */
async function leadershipChanges(
  reading: EightKReading,
  filingUrl: string,
  model: BedrockOptions | undefined,
): Promise<{ changes: LeadershipChange[]; notes: string[] }> {
  const changes: LeadershipChange[] = reading.leadershipChanges.map((change) => ({
    ...change,
    method: "filing-text",
  }));
  const notes = [...reading.notes];
  if (!model || !reading.item502Text || reading.unreadSentences === 0) return { changes, notes };
  try {
    // The same person under a name variant ("Priya S. Raman") is not added twice.
    const added = (await readLeadershipChangesWithModel(reading.item502Text, filingUrl, model)).filter(
      (change) => !changes.some((read) => sameperson(read.person, change.person)),
    );
    changes.push(...added);
    notes.unshift(`${added.length} change(s) read by ${model.modelId} where the patterns could not read`);
  } catch (error) {
    notes.unshift(`bedrock: ${(error as Error).message}`);
  }
  return { changes, notes };
}

/**
 * Reads the 8-Ks a watchlist refresh found and announces each one that reports Item 5.02 as
 * `Leadership.ChangeFiled`, once per filing (claimed in the table before publishing, given back
 * when publishing fails). The refresh re-extracts those companies anyway; their `Profile.Changed`
 * then confirms the change or not. Returns how many filings were announced.
 */
export async function announceLeadershipFilings(
  context: Pick<PipelineContext, "store" | "publish" | "busName" | "now">,
  sec: Pick<SecClient, "getDocument" | "wwwBaseUrl">,
  requests: readonly RefreshRequest[],
  batch: { batchId: string; watchlist: string },
  model?: BedrockOptions,
): Promise<number> {
  const claims = context.store.entities.filingAnnouncement;
  let announced = 0;
  for (const request of requests) {
    const cik = /^cik-(\d{10})$/.exec(request.companyId)?.[1];
    for (const filing of request.newFilings ?? []) {
      if (!cik || !CurrentReportForms.has(filing.form)) continue;
      const accessionNumber = /(\d{10}-\d{2}-\d{6})\.txt$/.exec(filing.fileName)?.[1];
      if (!accessionNumber) continue;
      const filingUrl = `${sec.wwwBaseUrl}/Archives/${filing.fileName}`;
      const reading = readEightK(await sec.getDocument(filingUrl));
      if (!reading.items.includes("5.02")) continue;
      const claim = await claims
        .create({ accessionNumber, companyId: request.companyId, claimedAt: context.now().getTime() })
        .go({ response: "none", returnOnConditionCheckFailure: true });
      if (claim.rejected) continue;
      const { changes, notes } = await leadershipChanges(reading, filingUrl, model);
      const companyName = reading.companyName ?? request.company.name;
      const detail: DetailInput<typeof LeadershipChangeFiled> = {
        companyId: request.companyId,
        cik,
        ...(companyName ? { companyName: companyName.slice(0, 300) } : {}),
        form: filing.form,
        accessionNumber,
        filingDate: reading.filingDate ?? filing.day,
        items: reading.items,
        filingUrl,
        changes,
        notes: notes.slice(0, 20).map((note) => note.slice(0, 500)),
        summary: summariseLeadershipChanges(changes),
        watchlist: batch.watchlist,
        batchId: batch.batchId,
      };
      try {
        await context.publish([
          toPutEventsEntry(LeadershipChangeFiled, detail, {
            source: Sources.filings,
            busName: context.busName,
          }),
        ]);
      } catch (error) {
        await claims.delete({ accessionNumber }).go({ response: "none" });
        throw error;
      }
      announced += 1;
    }
  }
  return announced;
}
