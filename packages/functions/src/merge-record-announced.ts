import { recordAnnounced, type TerminalDecision } from "@dossier/core/pipeline";
import { pipeline } from "./shared/clients";

/** ProgressiveMerge task, after a terminal event went out: the sweep must not publish it again. */
export async function handler(input: { decision: TerminalDecision }) {
  await recordAnnounced(pipeline, input.decision);
}
