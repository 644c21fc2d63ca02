import { DossierError } from "@dossier/events";

/** Base class for every refusal or failure of the safe fetcher; `retryable` tells callers whether trying later can help. */
export class SafeFetchError extends DossierError {
  readonly url: string;

  constructor(message: string, url: string, retryable: boolean, cause?: unknown) {
    super(message, { retryable, cause });
    this.url = url;
  }
}

/** The URL resolves to (or connected to) an address the policy forbids: private, loopback, link-local, metadata… */
export class BlockedAddressError extends SafeFetchError {
  readonly address: string;
  readonly reason: string;

  constructor(url: string, address: string, reason: string) {
    super(`refusing to fetch ${url}: ${address} is ${reason}`, url, false);
    this.address = address;
    this.reason = reason;
  }
}

/** Only http: and https: URLs are fetched. */
export class UnsupportedUrlError extends SafeFetchError {
  constructor(url: string, reason: string) {
    super(`refusing to fetch ${url}: ${reason}`, url, false);
  }
}

export class TooManyRedirectsError extends SafeFetchError {
  constructor(url: string, maxRedirects: number) {
    super(`gave up on ${url}: more than ${maxRedirects} redirects`, url, false);
  }
}

export class ResponseTooLargeError extends SafeFetchError {
  constructor(url: string, maxBytes: number) {
    super(
      `aborted ${url}: the response is larger than ${maxBytes} bytes (raise maxBytes if the page is legitimate)`,
      url,
      false,
    );
  }
}

export class FetchTimeoutError extends SafeFetchError {
  constructor(url: string, timeoutMs: number) {
    super(`aborted ${url}: no complete response within ${timeoutMs} ms in total`, url, true);
  }
}

export class UnsupportedContentTypeError extends SafeFetchError {
  readonly contentType: string;

  constructor(url: string, contentType: string) {
    super(
      `refusing the body of ${url}: content type "${contentType || "(none)"}" is not a web page`,
      url,
      false,
    );
    this.contentType = contentType;
  }
}

export class RobotsDisallowedError extends SafeFetchError {
  constructor(url: string, userAgent: string) {
    super(`not fetching ${url}: robots.txt disallows it for user agent "${userAgent}"`, url, false);
  }
}

/** Connection reset, DNS failure and the like: usually worth a retry later. */
export class FetchNetworkError extends SafeFetchError {
  constructor(url: string, cause: unknown) {
    super(
      `could not fetch ${url}: ${cause instanceof Error ? cause.message : String(cause)}`,
      url,
      true,
      cause,
    );
  }
}

/** The body's Content-Encoding is not one we decode, or the body does not decode as it says. */
export class ContentDecodingError extends SafeFetchError {
  constructor(url: string, reason: string, cause?: unknown) {
    super(`refusing the body of ${url}: ${reason}`, url, false, cause);
  }
}
