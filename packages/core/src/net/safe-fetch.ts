import type { LookupAddress } from "node:dns";
import dns from "node:dns";
import { isIP, type Socket } from "node:net";
import { Agent, buildConnector, request } from "undici";
import { type AddressPolicy, createAddressPolicy } from "./address-policy";
import { decodeBody } from "./charset";
import { AcceptedEncodings, decodedBody } from "./content-encoding";
import {
  BlockedAddressError,
  FetchNetworkError,
  FetchTimeoutError,
  ResponseTooLargeError,
  RobotsDisallowedError,
  SafeFetchError,
  TooManyRedirectsError,
  UnsupportedContentTypeError,
  UnsupportedUrlError,
} from "./errors";
import { createPoliteness, systemTimer, type Timer } from "./politeness";
import { ALLOW_ALL, DISALLOW_ALL, parseRobots, type RobotsRules } from "./robots";

/** Resolves a host name to all its addresses; injectable so tests can fake DNS answers. */
export type Lookup = (hostname: string) => Promise<LookupAddress[]>;

export type SafeFetcherOptions = {
  /** Sent on every request; name the product and a contact. */
  userAgent: string;
  /** Product token matched against robots.txt groups (besides `*`). */
  robotsToken?: string;
  /** Allow private, loopback and link-local targets. Defaults to `DOSSIER_ALLOW_PRIVATE_NETWORK === "1"`. */
  allowPrivateNetwork?: boolean;
  /** Replaces the address policy entirely (tests allow exactly one loopback address with it). */
  addressPolicy?: AddressPolicy;
  maxBytes?: number;
  /** Total time for one `fetchPage`, redirects and body included. */
  timeoutMs?: number;
  maxRedirects?: number;
  /** Media types accepted for successful responses; `+xml` types are accepted when `application/xml` is. */
  allowedContentTypes?: readonly string[];
  lookup?: Lookup;
  /** Minimum spacing between two requests to the same host. */
  politenessDelayMs?: number;
  /** Honour robots.txt (fetched once per origin and cached). */
  robots?: boolean;
  timer?: Timer;
};

export type FetchedPage = {
  /** Final URL after redirects. */
  url: string;
  status: number;
  contentType: string;
  body: string;
  bytes: number;
};

/** What the leadership extractor needs from a fetcher; tests pass in-memory implementations. */
export type PageFetcher = { fetchPage(url: string): Promise<FetchedPage> };

export const DEFAULT_CONTENT_TYPES = [
  "text/html",
  "application/xhtml+xml",
  "application/xml",
  "text/xml",
  "text/plain",
] as const;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ROBOTS_MAX_BYTES = 512 * 1024;

const systemLookup: Lookup = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, "");
}

function mediaType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

type Hop = { url: URL; signal: AbortSignal; maxBytes: number; contentTypes: readonly string[] | "any" };
type RawResponse = { status: number; contentType: string; location?: string; bytes: Uint8Array };

/**
 * Creates a fetcher for untrusted websites: http(s) only, public addresses only (checked on the DNS answer
 * and again on the socket's peer address, so DNS rebinding cannot slip in between), every redirect
 * re-checked, size and total-time caps, content-type check, charset decoding, robots.txt and per-host
 * politeness.
 * @example
 * const fetcher = createSafeFetcher({ userAgent: "dossier/1.0 (ops@example.com)" });
 * const page = await fetcher.fetchPage("https://example.com/about/leadership");
 */
export function createSafeFetcher(options: SafeFetcherOptions): PageFetcher {
  const allowPrivateNetwork =
    options.allowPrivateNetwork ?? process.env.DOSSIER_ALLOW_PRIVATE_NETWORK === "1";
  const policy = options.addressPolicy ?? createAddressPolicy({ allowPrivateNetwork });
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const contentTypes = options.allowedContentTypes ?? DEFAULT_CONTENT_TYPES;
  const lookup = options.lookup ?? systemLookup;
  const robotsToken = options.robotsToken ?? "dossier";
  const timer = options.timer ?? systemTimer;
  const waitForHost = createPoliteness(options.politenessDelayMs ?? 1000, timer);
  const robotsCache = new Map<string, Promise<RobotsRules>>();

  function checkAddress(url: URL, address: string): void {
    const reason = policy(address);
    if (reason) throw new BlockedAddressError(url.href, address, reason);
  }

  /** A dispatcher whose sockets can only reach addresses the policy allows. */
  function guardedAgent(url: URL): Agent {
    const guardedLookup = (
      hostname: string,
      lookupOptions: dns.LookupOptions,
      callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
    ): void => {
      lookup(hostname)
        .then((answers) => {
          for (const answer of answers) checkAddress(url, answer.address);
          const usable = answers.filter((a) => !lookupOptions.family || a.family === lookupOptions.family);
          const first = usable[0];
          if (!first) throw new FetchNetworkError(url.href, new Error(`${hostname} has no usable address`));
          if (lookupOptions.all) callback(null, usable);
          else callback(null, first.address, first.family);
        })
        .catch((error: Error) => callback(error, ""));
    };
    const connect = buildConnector({
      lookup: guardedLookup,
      timeout: timeoutMs,
    } as buildConnector.BuildOptions);
    return new Agent({
      connect: (connectOptions, callback) => {
        connect(connectOptions, (error, socket) => {
          if (error || !socket) return callback(error ?? new Error("no socket"), null);
          const peer = (socket as Socket).remoteAddress ?? "";
          const reason = policy(peer);
          if (!reason) return callback(null, socket);
          socket.destroy();
          return callback(new BlockedAddressError(url.href, peer, reason), null);
        });
      },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  }

  async function readCapped(body: AsyncIterable<Uint8Array>, url: URL, cap: number): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of body) {
      total += chunk.byteLength;
      if (total > cap) throw new ResponseTooLargeError(url.href, cap);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, total);
  }

  async function fetchOnce(hop: Hop): Promise<RawResponse> {
    const { url } = hop;
    const agent = guardedAgent(url);
    try {
      const response = await request(url, {
        dispatcher: agent,
        signal: hop.signal,
        headers: {
          "user-agent": options.userAgent,
          accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
          "accept-encoding": AcceptedEncodings,
        },
      });
      const contentType = String(response.headers["content-type"] ?? "");
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(response.statusCode) && location) {
        await response.body.dump();
        return {
          status: response.statusCode,
          contentType,
          location: String(location),
          bytes: new Uint8Array(),
        };
      }
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      const type = mediaType(contentType);
      if (ok && hop.contentTypes !== "any" && !isAllowedType(type, hop.contentTypes)) {
        discard(response.body);
        throw new UnsupportedContentTypeError(url.href, type);
      }
      const declared = Number(response.headers["content-length"] ?? Number.NaN);
      if (declared > hop.maxBytes) {
        discard(response.body);
        throw new ResponseTooLargeError(url.href, hop.maxBytes);
      }
      const encoding = response.headers["content-encoding"];
      const body = decodedBody(
        response.body,
        Array.isArray(encoding) ? encoding.join(",") : encoding,
        url.href,
      );
      const bytes = await readCapped(body, url, hop.maxBytes);
      return { status: response.statusCode, contentType, bytes };
    } finally {
      agent.destroy().catch(() => undefined);
    }
  }

  async function robotsFor(url: URL, signal: AbortSignal): Promise<RobotsRules> {
    const origin = url.origin;
    let rules = robotsCache.get(origin);
    if (!rules) {
      rules = follow(new URL("/robots.txt", origin), signal, ROBOTS_MAX_BYTES, "any", false).then((raw) => {
        if (raw.status >= 200 && raw.status < 300) return parseRobots(decodeBody(raw.bytes, raw.contentType));
        return raw.status >= 500 ? DISALLOW_ALL : ALLOW_ALL;
      });
      robotsCache.set(origin, rules);
      // A failed robots fetch is not an answer; let the next page try again.
      rules.catch(() => robotsCache.delete(origin));
    }
    return rules;
  }

  async function follow(
    start: URL,
    signal: AbortSignal,
    cap: number,
    types: readonly string[] | "any",
    checkRobots: boolean,
  ): Promise<RawResponse & { url: URL }> {
    let url = start;
    for (let redirects = 0; ; redirects++) {
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw new UnsupportedUrlError(url.href, `only http and https are fetched, not ${url.protocol}`);
      }
      const host = bareHost(url.hostname);
      if (isIP(host)) checkAddress(url, host);
      if (checkRobots && options.robots !== false) {
        const rules = await robotsFor(url, signal).catch((error: unknown) => {
          // Name the page the caller asked for, not robots.txt, when the host itself is refused.
          if (error instanceof BlockedAddressError)
            throw new BlockedAddressError(url.href, error.address, error.reason);
          throw error;
        });
        if (!rules.isAllowed(`${url.pathname}${url.search}`, robotsToken)) {
          throw new RobotsDisallowedError(url.href, robotsToken);
        }
      }
      if (redirects > 0) await waitForHost(url.host);
      const raw = await fetchOnce({ url, signal, maxBytes: cap, contentTypes: types });
      if (raw.location === undefined) return { ...raw, url };
      if (redirects >= maxRedirects) throw new TooManyRedirectsError(start.href, maxRedirects);
      url = new URL(raw.location, url);
    }
  }

  return {
    async fetchPage(target) {
      let start: URL;
      try {
        start = new URL(target);
      } catch {
        throw new UnsupportedUrlError(target, "not an absolute URL");
      }
      await waitForHost(start.host);
      const controller = new AbortController();
      const timeout = setTimeout(() => controller.abort(), timeoutMs);
      try {
        const raw = await follow(start, controller.signal, maxBytes, contentTypes, true);
        const textual =
          raw.status >= 200 && raw.status < 300
            ? true
            : isAllowedType(mediaType(raw.contentType), contentTypes);
        return {
          url: raw.url.href,
          status: raw.status,
          contentType: raw.contentType,
          body: textual ? decodeBody(raw.bytes, raw.contentType) : "",
          bytes: raw.bytes.byteLength,
        };
      } catch (error) {
        if (controller.signal.aborted) throw new FetchTimeoutError(start.href, timeoutMs);
        if (error instanceof SafeFetchError) throw error;
        const blocked = findCause(error, BlockedAddressError);
        if (blocked) throw blocked;
        throw new FetchNetworkError(start.href, error);
      } finally {
        clearTimeout(timeout);
      }
    },
  };
}

/** Drops a body we will not read; the abort it causes is expected, so its error event is swallowed. */
function discard(body: { on(event: "error", listener: () => void): unknown; destroy(): unknown }): void {
  body.on("error", () => undefined);
  body.destroy();
}

function isAllowedType(type: string, allowed: readonly string[]): boolean {
  return allowed.includes(type) || (type.endsWith("+xml") && allowed.includes("application/xml"));
}

/** undici may wrap connector errors; dig the policy error out so callers see why they were refused. */
function findCause<T extends Error>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof type) return current;
    current = current.cause;
  }
  return undefined;
}
