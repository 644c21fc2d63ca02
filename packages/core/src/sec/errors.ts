import { DossierError } from "@dossier/events";
import { withoutCredentials } from "../net";

/**
 * Errors raised by the SEC part. Every error says whether a retry can help (`retryable`) so
 * handlers can map it to a transient failure (retry) or a permanent one (no retry).
 */

/** Base class: carries the HTTP status when the error came from an SEC response. */
export class SecError extends DossierError {
  readonly status: number | undefined;

  constructor(message: string, options: { retryable: boolean; status?: number; cause?: unknown }) {
    super(message, options);
    this.status = options.status;
  }
}

/** DOSSIER_SEC_USER_AGENT is not set; SEC rejects anonymous clients. */
export class SecUserAgentMissingError extends SecError {
  constructor() {
    super(
      'DOSSIER_SEC_USER_AGENT is not set. SEC fair access requires a User-Agent with a contact, e.g. DOSSIER_SEC_USER_AGENT="Example Corp ops@example.com".',
      { retryable: false },
    );
  }
}

/** SEC answered 404: the CIK, page or document does not exist. */
export class SecNotFoundError extends SecError {
  readonly url: string;

  constructor(url: string) {
    const shown = withoutCredentials(url);
    super(`SEC has no resource at ${shown} (HTTP 404). Check the CIK or document URL.`, {
      retryable: false,
      status: 404,
    });
    this.url = shown;
  }
}

/** SEC answered with something unusable: an error status, HTML instead of JSON, a schema mismatch. */
export class SecUpstreamError extends SecError {
  readonly url: string;
  /** How long SEC asked us to wait (Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(
    url: string,
    message: string,
    options: { retryable: boolean; status?: number; cause?: unknown; retryAfterMs?: number | undefined },
  ) {
    const shown = withoutCredentials(url);
    super(`${message} (${shown})`, options);
    this.url = shown;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** SEC did not answer within the per-request time budget. */
export class SecTimeoutError extends SecError {
  readonly url: string;

  constructor(url: string, timeoutMs: number) {
    const shown = withoutCredentials(url);
    super(`SEC did not answer ${shown} within ${timeoutMs} ms.`, { retryable: true });
    this.url = shown;
  }
}

/** A CIK that is not 1–10 digits; it can never match an SEC registrant. */
export class InvalidCikError extends SecError {
  constructor(cik: unknown) {
    super(`"${String(cik)}" is not a CIK: a CIK is 1 to 10 digits, e.g. 320193.`, { retryable: false });
  }
}

/** A company name that matches several registrants; the caller must pick one (by ticker or CIK). */
export class AmbiguousCompanyError extends SecError {
  readonly candidates: ReadonlyArray<{ cik: number; ticker: string; title: string }>;

  constructor(query: string, candidates: ReadonlyArray<{ cik: number; ticker: string; title: string }>) {
    const list = candidates
      .slice(0, 10)
      .map((c) => `${c.title} (${c.ticker}, CIK ${c.cik})`)
      .join("; ");
    super(
      `"${query}" matches ${candidates.length} SEC registrants: ${list}. Ask again with a ticker or CIK.`,
      {
        retryable: false,
      },
    );
    this.candidates = candidates;
  }
}
