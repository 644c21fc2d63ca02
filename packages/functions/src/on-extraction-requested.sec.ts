import { createCircuitBreaker, createSharedRateLimiter } from "@dossier/core/resilience";
import {
  buildTickerIndex,
  createSecClient,
  extractSecPart,
  secConfigFromEnv,
  type TickerIndex,
} from "@dossier/core/sec";
import { Sources } from "@dossier/events";
import { store } from "./shared/clients";
import { createExtractorHandler, publishCircuitTransition } from "./shared/extractor";

// company_tickers.json is ~700 KB and changes daily at most: load it once per environment.
const tickerIndexTtlMs = 12 * 60 * 60 * 1000;
let tickers: { index: TickerIndex; loadedAt: number } | undefined;

let dependencies: ReturnType<typeof createDependencies> | undefined;

/**
 * SEC's fair-access ceiling is 10 requests/s; DOSSIER_SEC_MAX_RPS may lower it. Only a server
 * that is not SEC's (a fixture server for benchmarks) may be called faster, or without limit
 * (`unlimited`, which skips the shared token bucket altogether).
 */
function secRequestsPerSecond(config: { dataBaseUrl: string; wwwBaseUrl: string }): number | "unlimited" {
  const setting = process.env.DOSSIER_SEC_MAX_RPS ?? "10";
  const callsSec = [config.dataBaseUrl, config.wwwBaseUrl].some((url) =>
    /(^|\.)sec\.gov$/i.test(new URL(url).hostname),
  );
  const rate = setting === "unlimited" ? Number.POSITIVE_INFINITY : Number(setting);
  if (Number.isNaN(rate) || rate <= 0 || (rate > 10 && callsSec)) {
    throw new RangeError(
      `DOSSIER_SEC_MAX_RPS must be above 0 and at most 10 when calling sec.gov (fair access), got ${setting}`,
    );
  }
  return setting === "unlimited" ? "unlimited" : rate;
}

function createDependencies() {
  const config = secConfigFromEnv();
  const rate = secRequestsPerSecond(config);
  const limiter =
    rate === "unlimited"
      ? undefined
      : createSharedRateLimiter({ store: store(), upstream: "sec", ratePerSecond: rate, headroom: 0.05 });
  const client = createSecClient({
    ...config,
    ...(limiter ? { acquireToken: () => limiter.acquire() } : {}),
  });
  const breaker = createCircuitBreaker({
    store: store(),
    upstream: "sec",
    onTransition: publishCircuitTransition,
    // Only an unwell SEC counts against the circuit; a 404 or an ambiguous name is an answer.
    isFailure: (error) => (error as { retryable?: boolean }).retryable === true,
  });
  return { client, breaker };
}

/** Subscribes to Extraction.Requested (parts include "sec"): EDGAR identity, financials, officers. */
export const handler = createExtractorHandler("sec", Sources.sec, async (request) => {
  dependencies ??= createDependencies();
  const { client, breaker } = dependencies;
  return breaker.execute(async () => {
    if (!tickers || Date.now() - tickers.loadedAt > tickerIndexTtlMs) {
      tickers = { index: buildTickerIndex(await client.getCompanyTickers()), loadedAt: Date.now() };
    }
    const result = await extractSecPart({
      request: request.company,
      client,
      now: () => new Date(),
      tickerIndex: tickers.index,
    });
    return result.status === "succeeded"
      ? { status: "succeeded", data: result.data, completeness: result.completeness, missing: result.missing }
      : { status: "skipped", completeness: 0, missing: result.missing, reason: result.reason };
  });
});
