import { URL } from "node:url";
import {
  decodeBody,
  httpGet,
  NetError,
  parseRetryAfter,
  type RetryOptions,
  type Transport,
  type TransportResponse,
  UnsupportedUrlError,
  undiciTransport,
  withRetries,
} from "../net";
import {
  SecError,
  SecNotFoundError,
  SecTimeoutError,
  SecUpstreamError,
  SecUserAgentMissingError,
} from "./errors";
import { padCik } from "./identity";

export const DEFAULT_SEC_DATA_URL = "https://data.sec.gov";
export const DEFAULT_SEC_WWW_URL = "https://www.sec.gov";

/** Settings that come from the environment (base URLs and the mandatory User-Agent). */
export interface SecEnvConfig {
  dataBaseUrl: string;
  wwwBaseUrl: string;
  userAgent: string;
}

/**
 * Reads DOSSIER_SEC_DATA_URL (default https://data.sec.gov), DOSSIER_SEC_WWW_URL (default
 * https://www.sec.gov) and DOSSIER_SEC_USER_AGENT (required).
 * @throws SecUserAgentMissingError when DOSSIER_SEC_USER_AGENT is unset or blank.
 */
export function secConfigFromEnv(env: Record<string, string | undefined> = process.env): SecEnvConfig {
  const userAgent = env.DOSSIER_SEC_USER_AGENT?.trim();
  if (!userAgent) throw new SecUserAgentMissingError();
  return {
    dataBaseUrl: env.DOSSIER_SEC_DATA_URL?.trim() || DEFAULT_SEC_DATA_URL,
    wwwBaseUrl: env.DOSSIER_SEC_WWW_URL?.trim() || DEFAULT_SEC_WWW_URL,
    userAgent,
  };
}

export interface SecClientOptions {
  dataBaseUrl?: string;
  wwwBaseUrl?: string;
  userAgent: string;
  /** How requests are sent; default undici's shared pool. Tests answer scripted `Response`s here. */
  transport?: Transport;
  /** Awaited before every HTTP request (redirect hops and retries included); the shared rate limiter plugs in here. */
  acquireToken?: () => Promise<void>;
  /** Budget for one attempt, from sending the request to the last body byte. Default 20 s. */
  timeoutMs?: number;
  /** Cap on JSON bodies. Default 20 MB (the largest companyfacts files are ~15 MB). */
  maxBytes?: number;
  /** Cap on filing documents. Default 15 MB. */
  maxDocumentBytes?: number;
  /** Retries after the first attempt for 429, 5xx, timeouts and network errors. Default 3. */
  maxRetries?: number;
  /** First backoff step; doubles per retry. Default 500 ms. */
  baseDelayMs?: number;
  /** Longest wait this client accepts (also for Retry-After); longer → give up, retryable. Default 30 s. */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export interface SecClientStats {
  /** HTTP requests sent, retries and redirect hops included. */
  requests: number;
  retries: number;
}

export interface SecClient {
  readonly dataBaseUrl: string;
  readonly wwwBaseUrl: string;
  readonly stats: Readonly<SecClientStats>;
  getCompanyTickers(): Promise<unknown>;
  getSubmissions(cik: string | number): Promise<unknown>;
  /** An older filing page named in `filings.files`, e.g. `CIK0000320193-submissions-001.json`. */
  getSubmissionsPage(name: string): Promise<unknown>;
  getCompanyFacts(cik: string | number): Promise<unknown>;
  /** A filing document (HTML/text) by absolute URL. */
  getDocument(url: string): Promise<string>;
  /** EDGAR's daily form index of a business day (YYYY-MM-DD); SecNotFoundError when there is none (a holiday). */
  getDailyIndex(day: string): Promise<string>;
}

/** Where EDGAR keeps a day's form index: `Archives/edgar/daily-index/2026/QTR4/form.20261204.idx`. */
export function dailyIndexPath(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`a day is YYYY-MM-DD, got "${day}"`);
  const [, year, month, date] = match;
  return `/Archives/edgar/daily-index/${year}/QTR${Math.ceil(Number(month) / 3)}/form.${year}${month}${date}.idx`;
}

const MB = 1024 * 1024;
const MAX_REDIRECTS = 5;

function parseJson(url: string, status: number, contentType: string | null, body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    const start = body.trimStart().slice(0, 80).replace(/\s+/g, " ");
    const looksHtml = /^<(!doctype|html|\?xml|head|body)/i.test(body.trimStart());
    const what = looksHtml ? "an HTML/XML page" : "malformed JSON";
    throw new SecUpstreamError(
      url,
      `SEC returned ${what} where JSON was expected (content-type ${contentType ?? "none"}, body starts "${start}")`,
      { retryable: false, status, cause: error },
    );
  }
}

/** Turns an SEC answer that is not a success into the error saying whether a retry can help. */
function refusal(response: TransportResponse, url: string, nowMs: number): SecError | undefined {
  const { status } = response;
  if (status === 404) return new SecNotFoundError(url);
  if (status === 429 || status >= 500) {
    const what = status === 429 ? "SEC rate limit hit" : "SEC server error";
    return new SecUpstreamError(url, `${what} (HTTP ${status})`, {
      retryable: true,
      status,
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after"), nowMs),
    });
  }
  if (status < 200 || status >= 300) {
    const hint =
      status === 403 ? " SEC refuses requests without a contact User-Agent or above 10 requests/s." : "";
    return new SecUpstreamError(url, `SEC refused the request (HTTP ${status}).${hint}`, {
      retryable: false,
      status,
    });
  }
  return undefined;
}

/**
 * An HTTP client for SEC EDGAR with the fair-access manners SEC asks for: a User-Agent on every
 * request, a token from the shared rate limiter before every request, Retry-After on 429,
 * exponential backoff with jitter on 5xx/timeouts, a size cap and a timeout on every response.
 * Fetching itself (redirects, compressed bodies, the cap, charsets, backoff) is the shared HTTP core
 * in `net/`.
 * @example
 * const sec = createSecClient({ ...secConfigFromEnv(), acquireToken: () => bucket.take() });
 * const facts = await sec.getCompanyFacts(320193);
 */
export function createSecClient(options: SecClientOptions): SecClient {
  const dataBaseUrl = (options.dataBaseUrl ?? DEFAULT_SEC_DATA_URL).replace(/\/+$/, "");
  const wwwBaseUrl = (options.wwwBaseUrl ?? DEFAULT_SEC_WWW_URL).replace(/\/+$/, "");
  if (!options.userAgent?.trim()) throw new SecUserAgentMissingError();
  const transport = options.transport ?? undiciTransport();
  const timeoutMs = options.timeoutMs ?? 20_000;
  const maxBytes = options.maxBytes ?? 20 * MB;
  const maxDocumentBytes = options.maxDocumentBytes ?? 15 * MB;
  const now = options.now ?? Date.now;
  const stats: SecClientStats = { requests: 0, retries: 0 };
  const retry: RetryOptions = {
    maxRetries: options.maxRetries ?? 3,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    isRetryable: (error) => (error instanceof SecError || error instanceof NetError) && error.retryable,
    retryAfterMs: (error) => (error instanceof SecUpstreamError ? error.retryAfterMs : undefined),
    onRetry: () => {
      stats.retries += 1;
    },
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
  };

  async function attempt(
    url: string,
    accept: string,
    cap: number,
  ): Promise<{ body: string; status: number; contentType: string | null }> {
    if (!URL.canParse(url)) throw new UnsupportedUrlError(url, "not an absolute URL");
    // The first token is taken before the timeout starts: waiting for the shared rate limit is not SEC being slow.
    await options.acquireToken?.();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await httpGet(new URL(url), {
        transport,
        headers: { "user-agent": options.userAgent, accept },
        signal: controller.signal,
        maxBytes: cap,
        maxRedirects: MAX_REDIRECTS,
        beforeRequest: async (_url, redirects) => {
          if (redirects > 0) await options.acquireToken?.();
          stats.requests += 1;
        },
        inspect: (answer, at) => {
          const error = refusal(answer, at.href, now());
          if (error) throw error;
          return true;
        },
      });
      const contentType = response.headers.get("content-type");
      return { body: decodeBody(response.bytes, contentType ?? ""), status: response.status, contentType };
    } catch (error) {
      if (error instanceof SecError || error instanceof NetError) throw error;
      if (controller.signal.aborted) throw new SecTimeoutError(url, timeoutMs);
      throw new SecUpstreamError(url, `SEC request failed: ${(error as Error).message}`, {
        retryable: true,
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  const request = (url: string, accept: string, cap: number) =>
    withRetries(() => attempt(url, accept, cap), retry);

  async function getJson(url: string): Promise<unknown> {
    const { body, status, contentType } = await request(url, "application/json", maxBytes);
    return parseJson(url, status, contentType, body);
  }

  return {
    dataBaseUrl,
    wwwBaseUrl,
    stats,
    getCompanyTickers: () => getJson(`${wwwBaseUrl}/files/company_tickers.json`),
    getSubmissions: (cik) => getJson(`${dataBaseUrl}/submissions/CIK${padCik(cik)}.json`),
    getSubmissionsPage: (name) => getJson(`${dataBaseUrl}/submissions/${encodeURIComponent(name)}`),
    getCompanyFacts: (cik) => getJson(`${dataBaseUrl}/api/xbrl/companyfacts/CIK${padCik(cik)}.json`),
    getDocument: async (url) => (await request(url, "text/html, text/plain, */*", maxDocumentBytes)).body,
    getDailyIndex: async (day) =>
      (await request(`${wwwBaseUrl}${dailyIndexPath(day)}`, "text/plain", maxBytes)).body,
  };
}
