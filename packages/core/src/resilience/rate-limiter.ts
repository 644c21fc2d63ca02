import type { Store } from "../store";
import { RateLimitBacklogError } from "./errors";

export interface SharedRateLimiterOptions {
  store: Store;
  /** The upstream whose budget this is ("sec"); every limiter with the same name shares it. */
  upstream: string;
  /** The upstream's published limit, default 10 (SEC fair access). */
  ratePerSecond?: number;
  /** Fraction of the limit left unused to absorb timer and network jitter, default 0.15. */
  headroom?: number;
  /** How far ahead a caller may be booked before acquire() throws instead of waiting, default 10 s. */
  maxWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface SharedRateLimiter {
  /** Resolves when the caller may send one request; at most `ratePerSecond` resolve in any 1 s window across all workers. */
  acquire(): Promise<void>;
  /** Milliseconds between two consecutive slots. */
  readonly intervalMs: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A rate limiter shared through DynamoDB by every worker of every process (GCRA): the
 * `RateBucket` item holds the start of the next free slot, and each acquire books one slot
 * of `1000 / (rate·(1−headroom))` ms with an atomic update, then sleeps until it starts.
 * Slots never overlap and a caller that reaches its slot too late books another, so no
 * 1-second window holds more than `ratePerSecond` acquisitions.
 *
 * @example
 * const limiter = createSharedRateLimiter({ store, upstream: "sec" });
 * await limiter.acquire();
 * await fetch(url);
 */
export function createSharedRateLimiter(options: SharedRateLimiterOptions): SharedRateLimiter {
  const { store, upstream } = options;
  const rate = options.ratePerSecond ?? 10;
  const headroom = options.headroom ?? 0.15;
  const maxWaitMs = options.maxWaitMs ?? 10_000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const intervalMs = Math.ceil(1000 / (rate * (1 - headroom)));
  // `rate` slots span rate·interval > 1 s. A third of that slack absorbs lateness in reaching a
  // slot, the rest jitter between acquire() and the request reaching the upstream (sockets, GC).
  const maxLateMs = Math.max(1, Math.floor((rate * intervalMs - 1000) / 3));
  const bucket = store.entities.rateBucket;

  /** Behind a backlog: take the slot after the last booked one. ADD is atomic, so there is no lost update. */
  const bookBehindBacklog = async (at: number) => {
    const result = await bucket
      .update({ upstream })
      .add({ tat: intervalMs })
      .where(({ tat }, { between }) => between(tat, at, at + maxWaitMs))
      .go({ response: "all_new", returnOnConditionCheckFailure: true });
    // ALL_NEW always carries tat here: the condition required it to exist.
    return result.rejected ? undefined : (result.data.tat ?? at + intervalMs) - intervalMs;
  };

  /** Idle bucket: the slot starts now. */
  const bookIdle = async (at: number) => {
    const result = await bucket
      .update({ upstream })
      .set({ tat: at + intervalMs })
      .where(({ tat }, { notExists, lt }) => `${notExists(tat)} OR ${lt(tat, at)}`)
      .go({ response: "none", returnOnConditionCheckFailure: true });
    return result.rejected ? undefined : at;
  };

  // Which of the two conditional writes succeeded last. Trying it first makes the common case one
  // write: an upstream far below its limit is idle at almost every request, one at its limit has
  // a backlog at almost every request. After a miss the other write usually succeeds.
  let lastBooked: "idle" | "backlog" = "backlog";
  const attempts = {
    idle: [bookIdle, bookBehindBacklog],
    backlog: [bookBehindBacklog, bookIdle],
  } as const;

  const book = async (): Promise<number> => {
    for (;;) {
      const at = now();
      const [first, second] = attempts[lastBooked];
      const firstSlot = await first(at);
      if (firstSlot !== undefined) return firstSlot;
      const secondSlot = await second(at);
      if (secondSlot !== undefined) {
        lastBooked = lastBooked === "idle" ? "backlog" : "idle";
        return secondSlot;
      }
      // Both conditions failed: either another worker just turned the idle bucket busy
      // (the next round books behind it), or the backlog is longer than we may wait.
      const current = (await bucket.get({ upstream }).go({ consistent: true })).data;
      const aheadMs = (current?.tat ?? 0) - now();
      if (aheadMs > maxWaitMs) throw new RateLimitBacklogError(upstream, aheadMs, maxWaitMs);
    }
  };

  return {
    intervalMs,
    async acquire() {
      for (;;) {
        const slot = await book();
        const wait = slot - now();
        if (wait > 0) await sleep(wait);
        // A caller that reaches its slot late (slow booking round trip, busy event loop) would
        // crowd the next slot; give it up and book again. The unused slot only costs throughput.
        if (now() - slot <= maxLateMs) return;
      }
    },
  };
}
