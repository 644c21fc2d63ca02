import type { LookupAddress } from "node:dns";
import dns from "node:dns";
import { isIP, type Socket } from "node:net";
import { URL } from "node:url";
import { Agent, buildConnector } from "undici";
import { type AddressPolicy, createAddressPolicy } from "./address-policy";
import { decodeBody } from "./charset";
import {
  BlockedAddressError,
  FetchNetworkError,
  FetchTimeoutError,
  NetError,
  RobotsDisallowedError,
  UnsupportedContentTypeError,
  UnsupportedUrlError,
} from "./errors";
import { type HttpResponse, httpGet } from "./http";
import { createPoliteness } from "./politeness";
import { ALLOW_ALL, DISALLOW_ALL, parseRobots, type RobotsRules } from "./robots";
import { systemTimer, type Timer } from "./timer";
import { type Transport, undiciTransport } from "./transport";

/** Resolves a host name to all its addresses; injectable so tests can fake DNS answers. */
export type Lookup = (hostname: string) => Promise<LookupAddress[]>;

export type SafeFetcherOptions = {
  /** Sent on every request; name the product and a contact. */
  userAgent: string;
  /** Product token matched against robots.txt groups (besides `*`). */
  robotsToken?: string;
  /**
   * Allow private, loopback and link-local targets (local runs against fixture servers only). Off by
   * default; the caller decides, from its configuration, never this module from the environment.
   */
  allowPrivateNetwork?: boolean;
  /** Replaces the address policy entirely (tests allow exactly one loopback address with it). */
  addressPolicy?: AddressPolicy;
  /** Cap on a page, applied to the received and to the decoded (decompressed) bytes. */
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
  /** Final URL after redirects, without credentials. */
  url: string;
  status: number;
  contentType: string;
  body: string;
  /** Size of the (decoded) body. */
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

const ROBOTS_MAX_BYTES = 512 * 1024;
const ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5";

const systemLookup: Lookup = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, "");
}

function mediaType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

/** Why a URL the WHATWG parser refused cannot be fetched, in words a person can act on. */
function unparsableReason(target: string): string {
  // Zone ids ("[fe80::1%eth0]") name an interface of this machine: never a public website.
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*\[[^\]]*%/i.test(target)) {
    return "an IPv6 address with a zone id (%…) names a network interface of this machine, not a public website";
  }
  return "not an absolute URL";
}

/**
 * Creates a fetcher for untrusted websites on the shared HTTP core: http(s) only, never with credentials,
 * public addresses only (checked on the DNS answer and again on the socket's peer address, so DNS
 * rebinding cannot slip in between), every redirect re-checked, size (also after decompression) and
 * total-time caps, content-type check, charset decoding, robots.txt and per-host politeness.
 * @example
 * const fetcher = createSafeFetcher({ userAgent: "dossier/1.0 (ops@example.com)" });
 * const page = await fetcher.fetchPage("https://example.com/about/leadership");
 */
export function createSafeFetcher(options: SafeFetcherOptions): PageFetcher {
  const policy =
    options.addressPolicy ??
    createAddressPolicy({ allowPrivateNetwork: options.allowPrivateNetwork ?? false });
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const contentTypes = options.allowedContentTypes ?? DEFAULT_CONTENT_TYPES;
  const lookup = options.lookup ?? systemLookup;
  const robotsToken = options.robotsToken ?? "dossier";
  const waitForHost = createPoliteness(options.politenessDelayMs ?? 1000, options.timer ?? systemTimer);
  const robotsCache = new Map<string, Promise<RobotsRules>>();

  function checkAddress(url: string | URL, address: string): void {
    const reason = policy(address);
    if (reason) throw new BlockedAddressError(url, address, reason);
  }

  /**
   * A dispatcher whose sockets can only reach addresses the policy allows. Its refusals name the host;
   * `guarded` below renames them after the URL being fetched.
   */
  function guardedAgent(): Agent {
    const guardedLookup = (
      hostname: string,
      lookupOptions: dns.LookupOptions,
      callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
    ): void => {
      lookup(hostname)
        .then((answers) => {
          for (const answer of answers) checkAddress(`http://${hostname}/`, answer.address);
          const usable = answers.filter((a) => !lookupOptions.family || a.family === lookupOptions.family);
          const first = usable[0];
          if (!first) throw new Error(`${hostname} has no usable address`);
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
          return callback(new BlockedAddressError(`http://${connectOptions.hostname}/`, peer, reason), null);
        });
      },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  }

  /** The agent's transport, with address refusals naming the URL that was refused. */
  function guarded(agent: Agent): Transport {
    const send = undiciTransport(agent);
    return (url, init) =>
      send(url, init).catch((error: unknown) => {
        const blocked = findCause(error, BlockedAddressError);
        throw blocked ? new BlockedAddressError(url, blocked.address, blocked.reason) : error;
      });
  }

  type Fetch = { transport: Transport; signal: AbortSignal };

  async function robotsFor(url: URL, fetch: Fetch): Promise<RobotsRules> {
    const origin = url.origin;
    let rules = robotsCache.get(origin);
    if (!rules) {
      rules = follow(new URL("/robots.txt", origin), fetch, ROBOTS_MAX_BYTES, "any", false).then((raw) => {
        const contentType = raw.headers.get("content-type") ?? "";
        if (raw.status >= 200 && raw.status < 300) return parseRobots(decodeBody(raw.bytes, contentType));
        return raw.status >= 500 ? DISALLOW_ALL : ALLOW_ALL;
      });
      robotsCache.set(origin, rules);
      // A failed robots fetch is not an answer; let the next page try again.
      rules.catch(() => robotsCache.delete(origin));
    }
    return rules;
  }

  function follow(
    start: URL,
    fetch: Fetch,
    cap: number,
    types: readonly string[] | "any",
    checkRobots: boolean,
  ): Promise<HttpResponse> {
    return httpGet(start, {
      transport: fetch.transport,
      headers: { "user-agent": options.userAgent, accept: ACCEPT },
      signal: fetch.signal,
      maxBytes: cap,
      maxRedirects,
      beforeRequest: async (url, redirects) => {
        const host = bareHost(url.hostname);
        if (isIP(host)) checkAddress(url, host);
        if (checkRobots && options.robots !== false) {
          const rules = await robotsFor(url, fetch).catch((error: unknown) => {
            // Name the page the caller asked for, not robots.txt, when the host itself is refused.
            if (error instanceof BlockedAddressError)
              throw new BlockedAddressError(url, error.address, error.reason);
            throw error;
          });
          if (!rules.isAllowed(`${url.pathname}${url.search}`, robotsToken)) {
            throw new RobotsDisallowedError(url, robotsToken);
          }
        }
        if (redirects > 0) await waitForHost(url.host);
      },
      inspect: (response, url) => {
        if (types === "any") return true;
        const type = mediaType(response.headers.get("content-type") ?? "");
        const allowed = isAllowedType(type, types);
        if (response.status >= 200 && response.status < 300 && !allowed) {
          throw new UnsupportedContentTypeError(url, type);
        }
        // An error page is read only when it is text someone could look at.
        return allowed;
      },
    });
  }

  return {
    async fetchPage(target) {
      if (!URL.canParse(target)) throw new UnsupportedUrlError(target, unparsableReason(target));
      const start = new URL(target);
      await waitForHost(start.host);
      const controller = new AbortController();
      const timeout = setTimeout(() => controller.abort(), timeoutMs);
      const agent = guardedAgent();
      try {
        const raw = await follow(
          start,
          { transport: guarded(agent), signal: controller.signal },
          maxBytes,
          contentTypes,
          true,
        );
        const contentType = raw.headers.get("content-type") ?? "";
        return {
          url: raw.url.href,
          status: raw.status,
          contentType,
          body: decodeBody(raw.bytes, contentType),
          bytes: raw.bytes.byteLength,
        };
      } catch (error) {
        if (controller.signal.aborted) throw new FetchTimeoutError(start, timeoutMs);
        if (error instanceof NetError) throw error;
        throw findCause(error, BlockedAddressError) ?? new FetchNetworkError(start, error);
      } finally {
        clearTimeout(timeout);
        agent.destroy().catch(() => undefined);
      }
    },
  };
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
