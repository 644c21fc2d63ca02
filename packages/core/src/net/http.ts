import { URL } from "node:url";
import { discardBody, readBody } from "./body";
import { AcceptedEncodings } from "./content-encoding";
import { TooManyRedirectsError, UnsupportedUrlError } from "./errors";
import type { Transport, TransportResponse } from "./transport";
import { withoutCredentials } from "./url";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export type HttpGetOptions = {
  transport: Transport;
  /** User-Agent, Accept and the like; Accept-Encoding is always the one the core decodes. */
  headers: Record<string, string>;
  /** Aborting it ends the exchange, redirects and body included. */
  signal: AbortSignal;
  /** Cap on the body, applied to the received and to the decoded bytes. */
  maxBytes: number;
  maxRedirects: number;
  /** Runs before every request, redirects included: address checks, robots.txt, politeness, rate-limit tokens. */
  beforeRequest?: (url: URL, redirects: number) => Promise<void>;
  /**
   * Looks at the final response before its body is read: throw to refuse it (the body is dropped), return
   * `false` to skip reading a body nobody will use.
   */
  inspect?: (response: TransportResponse, url: URL) => boolean;
};

export type HttpResponse = {
  /** Final URL after redirects, without credentials. */
  url: URL;
  status: number;
  headers: TransportResponse["headers"];
  /** The decoded body (empty when `inspect` skipped it). */
  bytes: Uint8Array;
};

/** The URL as it may be requested: http(s) only, never with `user:password@`. */
function requestable(url: URL): URL {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UnsupportedUrlError(url, `only http and https are fetched, not ${url.protocol}`);
  }
  return new URL(withoutCredentials(url));
}

/**
 * One GET as SEC and website fetching both do it: redirects followed by the core (each hop re-checked by
 * `beforeRequest`), Accept-Encoding that names what we decode, and a body read under one size cap.
 * @example
 * const { bytes } = await httpGet(new URL("https://data.sec.gov/submissions/CIK0000320193.json"), {
 *   transport: undiciTransport(), headers: { "user-agent": ua }, signal, maxBytes: 20 << 20, maxRedirects: 5,
 * });
 */
export async function httpGet(start: URL, options: HttpGetOptions): Promise<HttpResponse> {
  let url = requestable(start);
  for (let redirects = 0; ; redirects++) {
    await options.beforeRequest?.(url, redirects);
    const response = await options.transport(url.href, {
      headers: { ...options.headers, "accept-encoding": AcceptedEncodings },
      signal: options.signal,
      redirect: "manual",
    });
    const location = response.headers.get("location");
    if (REDIRECT_STATUSES.has(response.status) && location) {
      discardBody(response);
      if (redirects >= options.maxRedirects) throw new TooManyRedirectsError(start, options.maxRedirects);
      if (!URL.canParse(location, url.href))
        throw new UnsupportedUrlError(location, `a redirect from ${url.href} to an invalid URL`);
      url = requestable(new URL(location, url));
      continue;
    }
    let read: boolean;
    try {
      read = options.inspect?.(response, url) ?? true;
    } catch (error) {
      discardBody(response);
      throw error;
    }
    if (!read) discardBody(response);
    const bytes = read
      ? await readBody(response, { url, maxBytes: options.maxBytes, signal: options.signal })
      : new Uint8Array();
    return { url, status: response.status, headers: response.headers, bytes };
  }
}
