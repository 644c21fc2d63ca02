import { prepareBatch } from "@dossier/core/pipeline";
import { pipeline } from "./shared/clients";

/** BatchFanOut task: open the batch ledger and page the requests into S3. */
export async function handler(input: { event: { detail: unknown } }) {
  return prepareBatch(pipeline, input.event);
}
