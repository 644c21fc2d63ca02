/**
 * Counts arrivals in a sliding window, the way SEC fair access judges a client: every request
 * sent counts, including the ones refused, so hammering after a 429 keeps the client refused.
 */
export class SlidingRateWindow {
  private readonly arrivals: number[] = [];
  private head = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs = 1_000,
    private readonly clock: () => number = Date.now,
  ) {
    if (!(limit > 0)) throw new RangeError(`rate limit must be positive, got ${limit}`);
  }

  /** Records one arrival; true when it is within the limit for the window ending now. */
  admit(): boolean {
    const now = this.clock();
    while (this.head < this.arrivals.length && (this.arrivals[this.head] ?? now) <= now - this.windowMs)
      this.head++;
    // Drop the consumed prefix now and then instead of shifting on every call.
    if (this.head > 1_024 && this.head * 2 > this.arrivals.length) {
      this.arrivals.splice(0, this.head);
      this.head = 0;
    }
    this.arrivals.push(now);
    return this.arrivals.length - this.head <= this.limit;
  }
}
