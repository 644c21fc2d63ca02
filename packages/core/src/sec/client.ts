import {
  ResponseTooLargeError,
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
  fetch?: typeof globalThis.fetch;
  /** Awaited before every HTTP attempt; the shared rate limiter plugs in here. */
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
  /** HTTP attempts sent, retries included. */
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
}

const MB = 1024 * 1024;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds or an HTTP date, as RFC 9110 allows; `undefined` when absent or unreadable. */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function decoderFor(contentType: string | null) {
  const charset = /charset=([^;]+)/i
    .exec(contentType ?? "")?.[1]
    ?.trim()
    .replace(/"/g, "");
  try {
    return new TextDecoder(charset || "utf-8");
  } catch {
    return new TextDecoder("utf-8");
  }
}

/** Reads the body chunk by chunk and stops at the cap, so an oversized answer never sits in memory. */
async function readCapped(
  response: Response,
  url: string,
  maxBytes: number,
  signal: AbortSignal,
): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(url, maxBytes, response.status);
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  // A trickling body must not outlive the timeout: cancelling ends the pending read at once.
  const stop = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener("abort", stop, { once: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (signal.aborted) throw signal.reason;
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(url, maxBytes, response.status);
    }
    chunks.push(value);
  }
  const decoder = decoderFor(response.headers.get("content-type"));
  return chunks.map((c) => decoder.decode(c, { stream: true })).join("") + decoder.decode();
}

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

/**
 * An HTTP client for SEC EDGAR with the fair-access manners SEC asks for: a User-Agent on every
 * request, a token from the shared rate limiter before every attempt, Retry-After on 429,
 * exponential backoff with jitter on 5xx/timeouts, a size cap and a timeout on every response.
 * @example
 * const sec = createSecClient({ ...secConfigFromEnv(), acquireToken: () => bucket.take() });
 * const facts = await sec.getCompanyFacts(320193);
 */
export function createSecClient(options: SecClientOptions): SecClient {
  const dataBaseUrl = (options.dataBaseUrl ?? DEFAULT_SEC_DATA_URL).replace(/\/+$/, "");
  const wwwBaseUrl = (options.wwwBaseUrl ?? DEFAULT_SEC_WWW_URL).replace(/\/+$/, "");
  if (!options.userAgent?.trim()) throw new SecUserAgentMissingError();
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const maxBytes = options.maxBytes ?? 20 * MB;
  const maxDocumentBytes = options.maxDocumentBytes ?? 15 * MB;
  const maxRetries = options.maxRetries ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const stats: SecClientStats = { requests: 0, retries: 0 };

  async function attempt(
    url: string,
    accept: string,
    cap: number,
  ): Promise<{ body: string; response: Response }> {
    await options.acquireToken?.();
    stats.requests += 1;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetchImpl(url, {
        headers: { "User-Agent": options.userAgent, Accept: accept, "Accept-Encoding": "gzip, deflate" },
        signal: controller.signal,
        redirect: "follow",
      });
      if (response.status === 404) {
        await response.body?.cancel().catch(() => undefined);
        throw new SecNotFoundError(url);
      }
      if (response.status === 429 || response.status >= 500) {
        await response.body?.cancel().catch(() => undefined);
        const what = response.status === 429 ? "SEC rate limit hit" : "SEC server error";
        throw new SecUpstreamError(url, `${what} (HTTP ${response.status})`, {
          retryable: true,
          status: response.status,
          retryAfterMs: parseRetryAfter(response.headers.get("retry-after"), now()),
        });
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        const hint =
          response.status === 403
            ? " SEC refuses requests without a contact User-Agent or above 10 requests/s."
            : "";
        throw new SecUpstreamError(url, `SEC refused the request (HTTP ${response.status}).${hint}`, {
          retryable: false,
          status: response.status,
        });
      }
      return { body: await readCapped(response, url, cap, controller.signal), response };
    } catch (error) {
      if (error instanceof SecError) throw error;
      if (controller.signal.aborted) throw new SecTimeoutError(url, timeoutMs);
      throw new SecUpstreamError(url, `SEC request failed: ${(error as Error).message}`, {
        retryable: true,
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  function backoff(retry: number): number {
    const step = baseDelayMs * 2 ** retry;
    // Equal jitter: half fixed, half random, so workers that failed together spread out.
    return Math.min(maxDelayMs, step / 2 + random() * (step / 2));
  }

  async function request(
    url: string,
    accept: string,
    cap: number,
  ): Promise<{ body: string; response: Response }> {
    for (let retry = 0; ; retry += 1) {
      try {
        return await attempt(url, accept, cap);
      } catch (error) {
        if (!(error instanceof SecError) || !error.retryable || retry >= maxRetries) throw error;
        const retryAfter = error instanceof SecUpstreamError ? error.retryAfterMs : undefined;
        const delay = retryAfter === undefined ? backoff(retry) : retryAfter + random() * baseDelayMs;
        if (delay > maxDelayMs) throw error;
        stats.retries += 1;
        await sleep(delay);
      }
    }
  }

  async function getJson(url: string): Promise<unknown> {
    const { body, response } = await request(url, "application/json", maxBytes);
    return parseJson(url, response.status, response.headers.get("content-type"), body);
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
  };
}
