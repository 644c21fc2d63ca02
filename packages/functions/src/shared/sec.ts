import { createSharedRateLimiter } from "@dossier/core/resilience";
import {
  buildTickerIndex,
  createSecClient,
  type SecClient,
  secConfigFromEnv,
  type TickerIndex,
} from "@dossier/core/sec";
import { store } from "./clients";

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

let client: SecClient | undefined;

/** The SEC client of this environment, behind the token bucket every worker shares. */
export function secClient(): SecClient {
  if (client) return client;
  const config = secConfigFromEnv();
  const rate = secRequestsPerSecond(config);
  const limiter =
    rate === "unlimited"
      ? undefined
      : createSharedRateLimiter({ store: store(), upstream: "sec", ratePerSecond: rate, headroom: 0.05 });
  client = createSecClient({ ...config, ...(limiter ? { acquireToken: () => limiter.acquire() } : {}) });
  return client;
}

// company_tickers.json is ~700 KB and changes daily at most: load it once per environment.
const tickerIndexTtlMs = 12 * 60 * 60 * 1000;
let tickers: { index: TickerIndex; loadedAt: number } | undefined;

/** SEC's ticker list as an index, fetched at most every 12 hours per environment. */
export async function tickerIndex(): Promise<TickerIndex> {
  if (!tickers || Date.now() - tickers.loadedAt > tickerIndexTtlMs) {
    tickers = { index: buildTickerIndex(await secClient().getCompanyTickers()), loadedAt: Date.now() };
  }
  return tickers.index;
}
