import { IdempotencyConfig, makeIdempotent } from "@aws-lambda-powertools/idempotency";

import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import { readSetting } from "@dossier/core/config";
import {
  identifierConflict,
  type PartExtraction,
  type RequestedDetail,
  retryPartLater,
  runPart,
} from "@dossier/core/pipeline";
import { type CircuitTransition, createCircuitBreaker } from "@dossier/core/resilience";
import { idempotencyTableConfig } from "@dossier/core/store";
import {
  CircuitClosed,
  CircuitOpened,
  ExtractionPartCompleted,
  isRetryable,
  type Part,
  Sources,
  toPutEventsEntry,
} from "@dossier/events";
import { Resource } from "sst";
import { onRequest } from "./boundary";
import { cache, dynamo, objects, pipeline, publish, store } from "./clients";
import { logger, metrics } from "./observability";
import { tickerIndex } from "./sec";

/** Publishes Circuit.Opened / Circuit.Closed when a shared circuit changes state. */
export async function publishCircuitTransition(transition: CircuitTransition): Promise<void> {
  const at = new Date(transition.at).toISOString();
  logger.warn("circuit changed state", { ...transition });
  if (transition.to === "open") {
    metrics.addMetric("CircuitOpened", "Count", 1);
    await publish([
      toPutEventsEntry(
        CircuitOpened,
        {
          upstream: transition.upstream,
          at,
          failures: transition.failures,
          halfOpensAt: new Date(transition.at + 30_000).toISOString(),
        },
        { source: Sources.resilience, busName: Resource.Bus.name },
      ),
    ]);
  } else if (transition.to === "closed") {
    await publish([
      toPutEventsEntry(
        CircuitClosed,
        { upstream: transition.upstream, at, failures: transition.failures },
        { source: Sources.resilience, busName: Resource.Bus.name },
      ),
    ]);
  }
}

/**
 * The shared circuit of one upstream ("sec", "web:<host>"), publishing its transitions. Only an
 * unwell upstream counts against it; a 404, a skip or an ambiguous name is an answer.
 */
export function upstreamCircuit(upstream: string) {
  return createCircuitBreaker({
    store: store(),
    upstream,
    onTransition: publishCircuitTransition,
    isFailure: isRetryable,
    // A warm environment rereads the shared state at most once a second instead of per request.
    reuseClosedReadMs: 1_000,
  });
}

/**
 * The handler of one extractor: idempotent per (run, company, part) through Powertools, so a
 * redelivered request neither extracts nor publishes twice, while a run id reused for another
 * company is not answered from the first one's record; cache, S3 claim check and
 * `Extraction.PartCompleted` come from the shared part runner. A request that cannot run (not
 * valid, identifiers that disagree) is left to the run ledger, which ends it with the reason.
 */
export function createExtractorHandler(
  part: Part,
  source: string,
  extract: (request: RequestedDetail) => Promise<PartExtraction>,
) {
  const persistenceStore = new DynamoDBPersistenceLayer({
    ...idempotencyTableConfig,
    tableName: Resource.Table.name,
    awsSdkV3Client: dynamo(),
  });
  const extractPart = onRequest(async (admission) => {
    if (!admission.admitted) {
      logger.warn("request not valid; the run ledger ends it", { reason: admission.rejection.reason });
      return { status: "refused" as const };
    }
    const { detail, companyId } = admission;
    const conflict = await identifierConflict(detail, tickerIndex);
    if (conflict) {
      logger.warn("identifiers disagree; the run ledger ends the run", { runId: detail.runId, conflict });
      return { status: "refused" as const };
    }
    logger.appendKeys({ runId: detail.runId, part });
    const completed = await runPart(
      {
        objects: objects(),
        cache: cache(),
        cacheTtlSeconds: readSetting("DOSSIER_CACHE_TTL_SECONDS"),
        now: () => new Date(),
        retryLater: () => retryPartLater(pipeline, detail, companyId, part),
      },
      detail,
      part,
      () => extract(detail),
    );
    await publish([
      toPutEventsEntry(ExtractionPartCompleted, completed, { source, busName: Resource.Bus.name }),
    ]);
    metrics.addDimension("part", part);
    metrics.addMetric("PartDuration", "Milliseconds", completed.durationMs);
    metrics.addMetric(completed.cached ? "CacheHit" : "CacheMiss", "Count", 1);
    metrics.addMetric("PartCompleteness", "Percent", completed.completeness);
    if (completed.status === "failed") metrics.addMetric("UpstreamError", "Count", 1);
    metrics.publishStoredMetrics();
    logger.info("part completed", {
      status: completed.status,
      cached: completed.cached,
      completeness: completed.completeness,
      durationMs: completed.durationMs,
      reason: completed.reason,
    });
    logger.removeKeys(["runId", "part"]);
    return { status: completed.status, s3Key: completed.s3Key ?? null };
  });
  const config = new IdempotencyConfig({
    eventKeyJmesPath: "[detail.runId, detail.company]",
    expiresAfterSeconds: 86_400,
  });
  const idempotentExtractPart = makeIdempotent(extractPart, {
    persistenceStore,
    // Keyed per (run, company, part): both extractors receive the same event, and the function name
    // Powertools would prefix by default is not set outside Lambda.
    keyPrefix: `extract-${part}`,
    config,
  });
  return async (event: unknown, context: Parameters<IdempotencyConfig["registerLambdaContext"]>[0]) => {
    // Lets Powertools expire an in-progress record when this invocation times out.
    config.registerLambdaContext(context);
    return idempotentExtractPart(event);
  };
}
