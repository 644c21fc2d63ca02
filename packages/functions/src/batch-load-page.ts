import { loadBatchPage } from "@dossier/core/pipeline";
import { pipeline } from "./shared/clients";

/** BatchFanOut task: one page of Extraction.Requested entries. */
export async function handler(input: { key: string }) {
  return loadBatchPage(pipeline, input);
}
