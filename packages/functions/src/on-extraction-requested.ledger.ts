import {
  identifiersRejection,
  openRun,
  type Rejection,
  rejectRequest,
  runIdInUse,
} from "@dossier/core/pipeline";
import { onRequest } from "./shared/boundary";
import { pipeline } from "./shared/clients";
import { logger, metrics } from "./shared/observability";
import { tickerIndex } from "./shared/sec";

async function refuse(rejection: Rejection) {
  const decision = await rejectRequest(pipeline, rejection);
  logger.warn("request refused", { runId: rejection.runId, code: rejection.code, reason: rejection.reason });
  metrics.addMetric("RequestsRefused", "Count", 1);
  metrics.publishStoredMetrics();
  return decision;
}

/**
 * Every request opens its run in the ledger with a deadline, so a silent part cannot leave it
 * hanging; a request that cannot run ends here, at once, as Extraction.Failed with the reason.
 */
export const handler = onRequest(async (admission, envelope) => {
  if (!admission.admitted) return refuse(admission.rejection);
  const { detail, companyId } = admission;
  // The run is open before the identifiers are checked, so the sweep ends it even if SEC's ticker
  // list stays out of reach.
  const { created, run } = await openRun(pipeline, { ...detail, companyId, requestEventId: envelope.id });
  if (!created && run.companyId !== companyId)
    return refuse(runIdInUse({ ...detail, companyId }, run.companyId, envelope.id));
  const disagreement = await identifiersRejection(admission, envelope.id, tickerIndex);
  if (disagreement) return refuse(disagreement);
  logger.info("run opened", { runId: detail.runId, companyId, created });
  return undefined;
});
