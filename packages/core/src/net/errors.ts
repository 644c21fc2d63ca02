import type { URL } from "node:url";
import { DossierError } from "@dossier/events";
import { withoutCredentials } from "./url";

/**
 * Base class of every HTTP failure or refusal, for SEC and websites alike. `url` never carries
 * credentials; the message is built from that same redacted URL, so neither leaks them.
 */
export class NetError extends DossierError {
  readonly url: string;
  /** The HTTP status, when the failure came from a response. */
  readonly status: number | undefined;

  constructor(
    url: string | URL,
    message: (url: string) => string,
    options: { retryable: boolean; status?: number | undefined; cause?: unknown },
  ) {
    const shown = withoutCredentials(url);
    super(message(shown), options);
    this.url = shown;
    this.status = options.status;
  }
}

/** The URL resolves to (or connected to) an address the policy forbids: private, loopback, link-local, metadata… */
export class BlockedAddressError extends NetError {
  readonly address: string;
  readonly reason: string;

  constructor(url: string | URL, address: string, reason: string) {
    super(url, (u) => `refusing to fetch ${u}: ${address} is ${reason}`, { retryable: false });
    this.address = address;
    this.reason = reason;
  }
}

/** Only absolute http: and https: URLs are fetched. */
export class UnsupportedUrlError extends NetError {
  constructor(url: string | URL, reason: string) {
    super(url, (u) => `refusing to fetch ${u}: ${reason}`, { retryable: false });
  }
}

export class TooManyRedirectsError extends NetError {
  constructor(url: string | URL, maxRedirects: number) {
    super(url, (u) => `gave up on ${u}: more than ${maxRedirects} redirects`, { retryable: false });
  }
}

/** The body (after Content-Encoding decoding) exceeded the cap; reading stopped there, so it never sat in memory. */
export class ResponseTooLargeError extends NetError {
  readonly maxBytes: number;

  constructor(url: string | URL, maxBytes: number, options: { status?: number; encoding?: string } = {}) {
    const what = options.encoding ? `the ${options.encoding}-decoded response` : "the response";
    super(
      url,
      (u) =>
        `aborted ${u}: ${what} is larger than the ${maxBytes} byte cap; reading stopped at the cap (raise maxBytes if it is legitimate)`,
      { retryable: false, status: options.status },
    );
    this.maxBytes = maxBytes;
  }
}

/** The body's Content-Encoding is not one we decode, or the body does not decode as it says. */
export class ContentDecodingError extends NetError {
  constructor(url: string | URL, reason: string, options: { status?: number; cause?: unknown } = {}) {
    super(url, (u) => `refusing the body of ${u}: ${reason}`, { retryable: false, ...options });
  }
}

export class FetchTimeoutError extends NetError {
  constructor(url: string | URL, timeoutMs: number) {
    super(url, (u) => `aborted ${u}: no complete response within ${timeoutMs} ms in total`, {
      retryable: true,
    });
  }
}

export class UnsupportedContentTypeError extends NetError {
  readonly contentType: string;

  constructor(url: string | URL, contentType: string) {
    super(
      url,
      (u) => `refusing the body of ${u}: content type "${contentType || "(none)"}" is not a web page`,
      { retryable: false },
    );
    this.contentType = contentType;
  }
}

export class RobotsDisallowedError extends NetError {
  constructor(url: string | URL, userAgent: string) {
    super(url, (u) => `not fetching ${u}: robots.txt disallows it for user agent "${userAgent}"`, {
      retryable: false,
    });
  }
}

/** Connection reset, DNS failure and the like: usually worth a retry later. */
export class FetchNetworkError extends NetError {
  constructor(url: string | URL, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(url, (u) => `could not fetch ${u}: ${detail}`, { retryable: true, cause });
  }
}
