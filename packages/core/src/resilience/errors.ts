import { DossierError } from "@dossier/events";
/** Calls to an upstream are refused because its circuit is open; retry at `retryAt`. */
export class CircuitOpenError extends DossierError {
  constructor(
    readonly upstream: string,
    /** Epoch ms when a probe may be attempted again. */
    readonly retryAt: number,
    reason: string,
  ) {
    super(
      `Circuit for ${upstream} is open (${reason}); calls are refused until ${new Date(retryAt).toISOString()}, retry after that.`,
      { retryable: true },
    );
  }
}

/** The shared rate limit for an upstream is booked further ahead than this caller may wait; retry later. */
export class RateLimitBacklogError extends DossierError {
  constructor(
    readonly upstream: string,
    /** Milliseconds until the backlog would let this caller through. */
    readonly retryAfterMs: number,
    maxWaitMs: number,
  ) {
    super(
      `Requests to ${upstream} are booked ${retryAfterMs} ms ahead, more than the ${maxWaitMs} ms this caller may wait; retry later or with fewer workers.`,
      { retryable: true },
    );
  }
}

/** A value too large for one DynamoDB item even after compression; cache something smaller (a summary or an S3 key). */
export class CacheValueTooLargeError extends DossierError {
  constructor(source: string, key: string, storedBytes: number, maxBytes: number) {
    super(
      `Cache value for ${source}/${key} is ${storedBytes} bytes after compression, over the ${maxBytes} byte limit; store it in S3 and cache its key instead.`,
      { retryable: false },
    );
  }
}
