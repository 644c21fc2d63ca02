import { openRun } from "@dossier/core/pipeline";
import { companyIdFor } from "@dossier/core/profile";
import { ExtractionRequested, parseEvent } from "@dossier/events";
import { pipeline } from "./shared/clients";
import { logger } from "./shared/observability";

/** Opens the run in the ledger with its deadline, so a silent part cannot leave it hanging. */
export async function handler(event: unknown) {
  const { detail } = parseEvent(ExtractionRequested, event);
  const companyId = detail.companyId ?? companyIdFor(detail.company);
  const { created } = await openRun(pipeline, detail, companyId);
  logger.info("run opened", { runId: detail.runId, companyId, created });
}
