import { appendPart } from "@dossier/core/pipeline";
import { pipeline } from "./shared/clients";

/** ProgressiveMerge task: record the part in the ledger and latest.json. */
export async function handler(input: { event: { detail: unknown } }) {
  return appendPart(pipeline, input.event);
}
