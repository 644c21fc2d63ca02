import { publishLatest } from "@dossier/core/pipeline";
import { pipeline } from "./shared/clients";

/** ProgressiveMerge task, after the terminal event: the run's profile into latest.json. */
export async function handler(input: { runId: string }) {
  await publishLatest(pipeline, input.runId);
}
