import { type ObjectStore, ProfileKeys } from "../profile/object-store";
import type { SecClient } from "./client";

export interface SharedTickerListOptions {
  sec: Pick<SecClient, "getCompanyTickers">;
  objects: ObjectStore;
  now: () => Date;
  /** Waits between looks for the copy another function is fetching. */
  sleep?: (ms: number) => Promise<void>;
}

/** How long a function waits for the copy another one claimed to fetch, before fetching itself. */
const claimWaitMs = 10_000;
/** A claim older than this belongs to a function that died fetching: it no longer holds the others back. */
const claimLifetimeMs = 60_000;

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * SEC's ticker list (company_tickers.json, ~700 KB), fetched from SEC at most once a day per
 * stage: the day's copy is kept in the bucket and every function reads it from there. The first
 * function to miss it claims the day's fetch with a conditional write; the others wait for its
 * copy (and take the previous day's meanwhile if it does not come), so a cold stage of many
 * functions still asks SEC once.
 */
export async function sharedTickerList(options: SharedTickerListOptions): Promise<unknown> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const today = dayOf(options.now());
  const key = ProfileKeys.tickerList(today);
  const kept = await options.objects.getJson<unknown>(key);
  if (kept) return kept.value;

  const claimKey = `${key}.claim`;
  const claim = await options.objects.getJson<{ claimedAt: number }>(claimKey);
  const claimAlive = claim && options.now().getTime() - claim.value.claimedAt < claimLifetimeMs;
  const won =
    !claimAlive &&
    (await options.objects.putJsonIfUnchanged(claimKey, { claimedAt: options.now().getTime() }, claim?.etag));
  if (!won) {
    for (let waited = 0; waited < claimWaitMs; waited += 500) {
      await sleep(500);
      const fetched = await options.objects.getJson<unknown>(key);
      if (fetched) return fetched.value;
    }
    const yesterday = dayOf(new Date(options.now().getTime() - 86_400_000));
    const previous = await options.objects.getJson<unknown>(ProfileKeys.tickerList(yesterday));
    if (previous) return previous.value;
  }
  const tickers = await options.sec.getCompanyTickers();
  await options.objects.putJson(key, tickers);
  return tickers;
}
