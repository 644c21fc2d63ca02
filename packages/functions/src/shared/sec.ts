import { secRequestsPerSecond } from "@dossier/core/config";
import { createSharedRateLimiter } from "@dossier/core/resilience";
import {
  buildTickerIndex,
  createSecClient,
  type SecClient,
  secConfigFromEnv,
  type TickerIndex,
} from "@dossier/core/sec";
import { store } from "./clients";

let client: SecClient | undefined;

/** The SEC client of this environment, behind the token bucket every worker shares. */
export function secClient(): SecClient {
  if (client) return client;
  const config = secConfigFromEnv();
  const rate = secRequestsPerSecond();
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
