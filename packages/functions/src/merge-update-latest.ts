import { publishLatest, type TerminalDecision } from "@dossier/core/pipeline";
import { pipeline } from "./shared/clients";

/** ProgressiveMerge task, after the terminal event: the run's merged profile into latest.json. */
export async function handler(input: { final: TerminalDecision }) {
  if (input.final.claimed && input.final.profile) await publishLatest(pipeline, input.final.profile);
}
