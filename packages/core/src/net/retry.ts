import { systemTimer } from "./timer";

export type BackoffOptions = {
  /** First step; doubles per retry. */
  baseMs: number;
  /** Upper bound of any delay. */
  maxMs: number;
  /** Uniform [0, 1); injected so tests are deterministic. */
  random: () => number;
};

/**
 * Exponential backoff with "equal jitter": half of `baseMs·2^retry` fixed, half random, capped at `maxMs`.
 * Workers that failed together spread out, yet none retries at once.
 * @example backoffDelay(2, { baseMs: 100, maxMs: 30_000, random: Math.random }) // 200–400 ms
 */
export function backoffDelay(retry: number, options: BackoffOptions): number {
  const step = options.baseMs * 2 ** Math.max(0, retry);
  return Math.min(options.maxMs, step / 2 + options.random() * (step / 2));
}

/**
 * Milliseconds to wait according to an HTTP `Retry-After` header (delta-seconds or an HTTP-date, as
 * RFC 9110 allows), never negative; `undefined` when the header is absent or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export type RetryOptions = {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  /** Longest wait accepted (Retry-After included); a longer one gives up with the last error. */
  maxDelayMs: number;
  /** Which errors a retry can help; the others are thrown at once. */
  isRetryable: (error: unknown) => boolean;
  /** How long the server asked us to wait (Retry-After), when it did. */
  retryAfterMs?: (error: unknown) => number | undefined;
  /** Called before each wait, e.g. to count retries. */
  onRetry?: (delayMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
};

/**
 * Runs `attempt` until it succeeds, a permanent error comes, the retries are spent or the server asks for
 * a longer wait than `maxDelayMs`. Waits Retry-After (plus up to `baseDelayMs` of jitter) when given, else
 * the backoff.
 * @example await withRetries(() => get(url), { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 30_000, isRetryable })
 */
export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? systemTimer.sleep;
  const random = options.random ?? Math.random;
  for (let retry = 0; ; retry += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!options.isRetryable(error) || retry >= options.maxRetries) throw error;
      const retryAfter = options.retryAfterMs?.(error);
      const delay =
        retryAfter === undefined
          ? backoffDelay(retry, { baseMs: options.baseDelayMs, maxMs: options.maxDelayMs, random })
          : retryAfter + random() * options.baseDelayMs;
      if (delay > options.maxDelayMs) throw error;
      options.onRetry?.(delay);
      await sleep(delay);
    }
  }
}
