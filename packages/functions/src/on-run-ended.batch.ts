import { recordRunEnded } from "@dossier/core/pipeline";
import { pipeline } from "./shared/clients";

/** Counts a run's terminal event in its batch; the last one publishes Batch.Completed. */
export async function handler(event: { "detail-type": string; detail: unknown }) {
  return recordRunEnded(pipeline, event);
}
