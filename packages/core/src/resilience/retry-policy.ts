export interface BackoffOptions {
  /** Delay cap before jitter for the first retry (attempt 0), default 200 ms. */
  baseMs?: number;
  /** Upper bound of any delay, default 20 s. */
  maxMs?: number;
  /** Uniform [0, 1); injected so tests are deterministic. */
  random?: () => number;
}

/**
 * "Full jitter" exponential backoff: a uniform delay in [0, min(maxMs, baseMs·2^attempt)).
 * Spreads retries of many workers instead of synchronising them on the same instant.
 *
 * @example
 * await sleep(backoffDelay(attempt, { baseMs: 250, maxMs: 10_000 }));
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const baseMs = options.baseMs ?? 200;
  const maxMs = options.maxMs ?? 20_000;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/**
 * Milliseconds to wait according to an HTTP `Retry-After` header (delta-seconds or an
 * HTTP-date), never negative; undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
