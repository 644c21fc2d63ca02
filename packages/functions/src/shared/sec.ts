import { secRequestsPerSecond } from "@dossier/core/config";
import { createSharedRateLimiter } from "@dossier/core/resilience";
import {
  buildTickerIndex,
  createSecClient,
  type SecClient,
  secConfigFromEnv,
  sharedTickerList,
  type TickerIndex,
} from "@dossier/core/sec";
import { objects, store } from "./clients";

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

// The stage's copy of the day is read from the bucket once an hour per environment at most.
const tickerIndexTtlMs = 60 * 60 * 1000;
let tickers: { index: TickerIndex; loadedAt: number } | undefined;

/** SEC's ticker list as an index: fetched from SEC once a day per stage, shared through the bucket. */
export async function tickerIndex(): Promise<TickerIndex> {
  if (!tickers || Date.now() - tickers.loadedAt > tickerIndexTtlMs) {
    const list = await sharedTickerList({ sec: secClient(), objects: objects(), now: () => new Date() });
    tickers = { index: buildTickerIndex(list), loadedAt: Date.now() };
  }
  return tickers.index;
}
