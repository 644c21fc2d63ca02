import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DossierError } from "@dossier/events";
import { renderCompanyFacts } from "./companyfacts";
import { type IndexedDemoFiling, renderDailyFormIndex, submissionTextPath } from "./daily-index";
import { type DemoLeadershipChange, renderEightK } from "./eight-k";
import { renderFilingDocument } from "./filing-documents";
import { archivePath, registrantFilings } from "./filings";
import { SlidingRateWindow } from "./rate-window";
import {
  garbageBytes,
  renderAboutPage,
  renderContactPage,
  renderHomepage,
  renderLeadershipPage,
  renderProductsPage,
  renderSitemap,
} from "./site-pages";
import { renderCompanyTickers, renderSubmissions } from "./submissions";
import type { DemoCompany, DemoDataset } from "./types";

export interface DemoFixtureServerOptions {
  dataset: DemoDataset;
  /** 0 picks a free port. */
  port?: number;
  /** Added to every SEC response. */
  secLatencyMs?: number;
  /** Above this many SEC requests in any 1 s window (refused ones included), answer 429. */
  secRateLimitPerSecond?: number;
  /** Added to every website response, on top of a site's own latency (the slow site). */
  siteLatencyMs?: number;
  /** Clock for the rate window; tests inject one instead of sleeping. */
  clock?: () => number;
  /** Told of every message POSTed to `/hooks/<name>`: a webhook receiver for notifications. */
  onHook?: (name: string, body: string) => void;
}

/** What POST `/fixtures/filings` takes: a company of the data set files an 8-K with Item 5.02. */
export interface DemoFilingRequest {
  ticker?: string;
  cik?: number;
  /** YYYY-MM-DD; when absent, the last business day whose daily index is out. */
  day?: string;
  changes: DemoLeadershipChange[];
}

/**
 * The settings that point dossier at a fixture server: its EDGAR stand-ins, a User-Agent (SEC
 * routes refuse requests without one, as SEC does), and loopback websites allowed — the fixture
 * sites live on 127.0.0.1, which dossier refuses everywhere else.
 */
export function demoEnvironment(
  server: Pick<DemoFixtureServer, "secDataUrl" | "secWwwUrl">,
  userAgent = "dossier-demo demo@example.invalid",
): Record<string, string> {
  return {
    DOSSIER_SEC_DATA_URL: server.secDataUrl,
    DOSSIER_SEC_WWW_URL: server.secWwwUrl,
    DOSSIER_SEC_USER_AGENT: userAgent,
    DOSSIER_ALLOW_PRIVATE_NETWORK: "1",
  };
}

export type DemoRoute = "sec-www" | "sec-data" | "site" | "robots" | "other";

export interface DemoRequestLogEntry {
  at: number;
  method: string;
  path: string;
  route: DemoRoute;
  status: number;
  /** How long the server held the answer back (a site's latency, the SEC latency). */
  delayMs: number;
  userAgent?: string;
}

export interface DemoFixtureCounts {
  total: number;
  secWww: number;
  secData: number;
  sites: number;
  other: number;
  rateLimited: number;
  forbidden: number;
  notFound: number;
  serverErrors: number;
  byStatus: Record<number, number>;
}

export interface DemoFixtureServer {
  baseUrl: string;
  /** Stands in for https://data.sec.gov. */
  secDataUrl: string;
  /** Stands in for https://www.sec.gov. */
  secWwwUrl: string;
  /** Homepage URL of a company's website, by company key. */
  siteUrl(companyKey: string): string;
  /** Every request answered, in order. */
  requestLog: DemoRequestLogEntry[];
  counts(): DemoFixtureCounts;
  /**
   * Files something new for a company on a day: the day's daily form index lists it and its full
   * submission text is served, as EDGAR would after the company filed.
   */
  file(filing: IndexedDemoFiling & { text: string }): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  type: string;
  body: Buffer;
  headers?: Record<string, string>;
}

const JSON_TYPE = "application/json";
const HTML_TYPE = "text/html; charset=utf-8";
const reply = (
  status: number,
  type: string,
  body: string | Buffer,
  headers?: Record<string, string>,
): Reply => ({
  status,
  type,
  body: typeof body === "string" ? Buffer.from(body) : body,
  ...(headers && { headers }),
});

// data.sec.gov is S3 behind CloudFront: a missing key is an XML NoSuchKey error.
const noSuchKey = (key: string): Reply =>
  reply(
    404,
    "application/xml",
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${key}</Key></Error>`,
  );
const notFoundPage = (): Reply =>
  reply(
    404,
    HTML_TYPE,
    "<!DOCTYPE html><html><head><title>Page Not Found</title></head><body><h1>404 Not Found</h1></body></html>",
  );
const FORBIDDEN = reply(
  403,
  HTML_TYPE,
  "<!DOCTYPE html><html><head><title>SEC.gov | Your Request Originates from an Undeclared Automated Tool</title></head><body><h1>Your Request Originates from an Undeclared Automated Tool</h1><p>Please declare your traffic by updating your user agent to include company specific information.</p></body></html>",
);
const RATE_LIMITED = reply(
  429,
  HTML_TYPE,
  "<!DOCTYPE html><html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head><body><h1>Request Rate Threshold Exceeded</h1><p>Limit requests to 10 per second.</p></body></html>",
  { "retry-after": "1" },
);

/**
 * Serves the demo data set on 127.0.0.1: EDGAR under `/sec-www` (www.sec.gov) and
 * `/sec-data` (data.sec.gov), each website under `/sites/<slug>/`, and `/robots.txt`
 * allowing everything. Responses render once and are served from memory afterwards.
 *
 * @example
 * const server = await startDemoFixtureServer({ dataset, secRateLimitPerSecond: 10 });
 * await fetch(`${server.secDataUrl}/submissions/CIK0009900001.json`, { headers: { "user-agent": "demo a@b.c" } });
 */
export async function startDemoFixtureServer(options: DemoFixtureServerOptions): Promise<DemoFixtureServer> {
  const { dataset, secLatencyMs = 0, siteLatencyMs = 0, clock = Date.now } = options;
  const limiter =
    options.secRateLimitPerSecond === undefined
      ? undefined
      : new SlidingRateWindow(options.secRateLimitPerSecond, 1_000, clock);
  const byCik = new Map<string, DemoCompany>();
  const bySlug = new Map<string, DemoCompany>();
  const slugByKey = new Map<string, string>();
  for (const company of dataset.companies) {
    if (company.sec) byCik.set(String(company.sec.cik).padStart(10, "0"), company);
    if (company.site) {
      bySlug.set(company.site.slug, company);
      slugByKey.set(company.key, company.site.slug);
    }
  }
  const cache = new Map<string, Reply>();
  // What `file()` added: the daily index rows by day, and the submissions' text by archive path.
  const filedOn = new Map<string, IndexedDemoFiling[]>();
  const filedTexts = new Map<string, string>();
  const requestLog: DemoRequestLogEntry[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let baseUrl = "";

  const cached = (key: string, render: () => Reply): Reply => {
    let hit = cache.get(key);
    if (!hit) {
      hit = render();
      cache.set(key, hit);
    }
    return hit;
  };

  const secData = (path: string): Reply => {
    const match = /^\/(submissions|api\/xbrl\/companyfacts)\/CIK(\d{10})\.json$/.exec(path);
    const company = match ? byCik.get(match[2] ?? "") : undefined;
    if (!match || !company) return noSuchKey(path.slice(1));
    return cached(`data${path}`, () =>
      reply(
        200,
        JSON_TYPE,
        JSON.stringify(
          match[1] === "submissions" ? renderSubmissions(company, baseUrl) : renderCompanyFacts(company),
        ),
      ),
    );
  };

  const documentIndex = new Map<string, Reply | (() => Reply)>();
  const indexedCiks = new Set<string>();
  const secWww = (path: string): Reply => {
    if (path === "/files/company_tickers.json") {
      return cached("www/tickers", () =>
        reply(200, JSON_TYPE, JSON.stringify(renderCompanyTickers(dataset))),
      );
    }
    const indexDay =
      /^\/Archives\/edgar\/daily-index\/\d{4}\/QTR[1-4]\/form\.(\d{4})(\d{2})(\d{2})\.idx$/.exec(path);
    if (indexDay) {
      const day = `${indexDay[1]}-${indexDay[2]}-${indexDay[3]}`;
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      // EDGAR publishes no index for a weekend.
      if (weekday === 0 || weekday === 6) return noSuchKey(path.slice(1));
      return reply(200, "text/plain", renderDailyFormIndex(day, filedOn.get(day) ?? []));
    }
    const filed = filedTexts.get(path.slice("/Archives/".length));
    if (filed !== undefined) return reply(200, "text/plain", filed);
    const match = /^\/Archives\/edgar\/data\/(\d+)\//.exec(path);
    const company = match ? byCik.get((match[1] ?? "").padStart(10, "0")) : undefined;
    const sec = company?.sec;
    if (!company || !sec) return notFoundPage();
    const cik = String(sec.cik);
    if (!indexedCiks.has(cik)) {
      indexedCiks.add(cik);
      for (const filing of registrantFilings(sec)) {
        const type = filing.form === "4" ? "text/xml" : HTML_TYPE;
        documentIndex.set(archivePath(sec.cik, filing), () =>
          reply(200, type, renderFilingDocument(company, filing)),
        );
      }
    }
    const entry = documentIndex.get(path);
    if (!entry) return notFoundPage();
    if (typeof entry !== "function") return entry;
    const rendered = entry();
    documentIndex.set(path, rendered);
    return rendered;
  };

  const site = (path: string): Reply => {
    const match = /^\/sites\/([^/]+)(?:\/(.*))?$/.exec(path);
    const company = match ? bySlug.get(match[1] ?? "") : undefined;
    const demoSite = company?.site;
    if (!company || !demoSite) return notFoundPage();
    const page = match?.[2];
    // One URL per page, so document-relative links always resolve from where they were written.
    if (page === undefined || (page.endsWith("/") && page.length > 1)) {
      const canonical = page === undefined ? `${path}/` : path.replace(/\/+$/, "");
      return reply(301, HTML_TYPE, `<a href="${canonical}">Moved</a>`, { location: canonical });
    }
    return cached(`site${path}`, () => {
      const html = (body: string): Reply => reply(200, HTML_TYPE, body);
      switch (page) {
        case "":
          return demoSite.fault === "homepage-garbage"
            ? reply(200, HTML_TYPE, garbageBytes(demoSite))
            : html(renderHomepage(company, demoSite));
        case demoSite.pages.leadership:
          return demoSite.fault === "leadership-500"
            ? reply(
                500,
                HTML_TYPE,
                "<!DOCTYPE html><html><body><h1>500 Internal Server Error</h1></body></html>",
              )
            : html(renderLeadershipPage(company, demoSite));
        case demoSite.pages.about:
          return html(renderAboutPage(company, demoSite));
        case demoSite.pages.products:
          return html(renderProductsPage(company, demoSite));
        case demoSite.pages.contact:
          return html(renderContactPage(company, demoSite));
        case "sitemap.xml":
          return reply(200, "application/xml", renderSitemap(demoSite, baseUrl));
        default:
          return notFoundPage();
      }
    });
  };

  const robots = (): Reply =>
    cached("robots", () => {
      const sitemaps = [...bySlug.keys()].map((slug) => `Sitemap: ${baseUrl}/sites/${slug}/sitemap.xml`);
      return reply(
        200,
        "text/plain; charset=utf-8",
        ["User-agent: *", "Allow: /", "", ...sitemaps, ""].join("\n"),
      );
    });

  const route = (
    request: IncomingMessage,
    path: string,
  ): { kind: DemoRoute; reply: Reply; delayMs: number } => {
    const secPrefix = path.startsWith("/sec-www/")
      ? "sec-www"
      : path.startsWith("/sec-data/")
        ? "sec-data"
        : undefined;
    if (secPrefix) {
      if (limiter && !limiter.admit()) return { kind: secPrefix, reply: RATE_LIMITED, delayMs: secLatencyMs };
      if (!request.headers["user-agent"]?.trim())
        return { kind: secPrefix, reply: FORBIDDEN, delayMs: secLatencyMs };
      const rest = path.slice(secPrefix.length + 1);
      return {
        kind: secPrefix,
        reply: secPrefix === "sec-www" ? secWww(rest) : secData(rest),
        delayMs: secLatencyMs,
      };
    }
    if (path === "/robots.txt" || /^\/sites\/[^/]+\/robots\.txt$/.test(path)) {
      return { kind: "robots", reply: robots(), delayMs: 0 };
    }
    if (path.startsWith("/sites/")) {
      const slug = path.split("/")[2] ?? "";
      return {
        kind: "site",
        reply: site(path),
        delayMs: (bySlug.get(slug)?.site?.latencyMs ?? 0) + siteLatencyMs,
      };
    }
    return { kind: "other", reply: notFoundPage(), delayMs: 0 };
  };

  /** The fixture server's own writes: a webhook receiver, and filing an 8-K for the walkthrough. */
  const post = (path: string, body: string): Reply => {
    const hook = /^\/hooks\/([\w-]{1,64})$/.exec(path);
    if (hook) {
      options.onHook?.(hook[1] ?? "", body);
      return reply(200, "text/plain", "ok");
    }
    if (path !== "/fixtures/filings") return notFoundPage();
    let wanted: DemoFilingRequest;
    try {
      wanted = JSON.parse(body) as DemoFilingRequest;
    } catch {
      return reply(400, "text/plain", "the body is not JSON");
    }
    const company = dataset.companies.find(
      (candidate) =>
        candidate.sec &&
        (candidate.sec.cik === wanted.cik ||
          candidate.sec.tickers.some((ticker) => ticker.toLowerCase() === wanted.ticker?.toLowerCase())),
    );
    if (!company?.sec || !Array.isArray(wanted.changes) || wanted.changes.length === 0)
      return reply(
        400,
        "text/plain",
        "name a registrant of the data set (ticker or cik) and at least one change",
      );
    let day = wanted.day;
    if (!day) {
      // The last business day whose daily index is out (EDGAR publishes it that evening), so the
      // next refresh reads the filing.
      let at = clock() - 30 * 3_600_000;
      while ([0, 6].includes(new Date(at).getUTCDay())) at -= 86_400_000;
      day = new Date(at).toISOString().slice(0, 10);
    }
    filings += 1;
    const accessionNumber = `${String(company.sec.cik).padStart(10, "0")}-${day.slice(2, 4)}-${String(900_000 + filings).padStart(6, "0")}`;
    const filing = { form: "8-K", companyName: company.name, cik: company.sec.cik, day, accessionNumber };
    file({ ...filing, text: renderEightK({ ...filing, changes: wanted.changes }) });
    return reply(201, JSON_TYPE, JSON.stringify(filing));
  };
  let filings = 0;
  const file = ({ text, ...filing }: IndexedDemoFiling & { text: string }) => {
    filedOn.set(filing.day, [...(filedOn.get(filing.day) ?? []), filing]);
    filedTexts.set(submissionTextPath(filing.cik, filing.accessionNumber), text);
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const at = clock();
    const method = request.method ?? "GET";
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    if (method === "POST") {
      let body = "";
      request.setEncoding("utf8");
      request.on("data", (chunk: string) => {
        body += chunk;
        // A fixture takes small messages; anything larger is cut off rather than buffered.
        if (body.length > 262_144) request.destroy();
      });
      request.on("end", () => {
        const { status, type, body: answer } = post(path, body);
        response.writeHead(status, { "content-type": type, "content-length": answer.length }).end(answer);
        requestLog.push({ at, method, path, route: "other", status, delayMs: 0 });
      });
      return;
    }
    const answer =
      method === "GET" || method === "HEAD"
        ? route(request, path)
        : {
            kind: "other" as const,
            reply: reply(405, "text/plain", "Method Not Allowed", { allow: "GET, HEAD" }),
            delayMs: 0,
          };
    const send = (): void => {
      const { status, type, body, headers } = answer.reply;
      response.writeHead(status, { "content-type": type, "content-length": body.length, ...headers });
      response.end(method === "HEAD" ? undefined : body);
      const userAgent = request.headers["user-agent"];
      requestLog.push({
        at,
        method,
        path,
        route: answer.kind,
        status,
        delayMs: Math.max(0, answer.delayMs),
        ...(userAgent && { userAgent }),
      });
    };
    if (answer.delayMs <= 0) {
      send();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, answer.delayMs);
    timers.add(timer);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    secDataUrl: `${baseUrl}/sec-data`,
    secWwwUrl: `${baseUrl}/sec-www`,
    siteUrl: (companyKey) => {
      const slug = slugByKey.get(companyKey);
      if (!slug) throw new UnknownDemoSiteError(companyKey);
      return `${baseUrl}/sites/${slug}/`;
    },
    requestLog,
    counts: () => countRequests(requestLog),
    file,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

/** Thrown by siteUrl() for a company without a website (the data set says which have one). */
export class UnknownDemoSiteError extends DossierError {
  constructor(companyKey: string) {
    super(
      `No demo website for company key "${companyKey}"; pick a key from dataset.companies whose site is set.`,
      { retryable: false },
    );
  }
}

function countRequests(log: readonly DemoRequestLogEntry[]): DemoFixtureCounts {
  const counts: DemoFixtureCounts = {
    total: log.length,
    secWww: 0,
    secData: 0,
    sites: 0,
    other: 0,
    rateLimited: 0,
    forbidden: 0,
    notFound: 0,
    serverErrors: 0,
    byStatus: {},
  };
  for (const entry of log) {
    if (entry.route === "sec-www") counts.secWww++;
    else if (entry.route === "sec-data") counts.secData++;
    else if (entry.route === "site") counts.sites++;
    else counts.other++;
    if (entry.status === 429) counts.rateLimited++;
    if (entry.status === 403) counts.forbidden++;
    if (entry.status === 404) counts.notFound++;
    if (entry.status >= 500) counts.serverErrors++;
    counts.byStatus[entry.status] = (counts.byStatus[entry.status] ?? 0) + 1;
  }
  return counts;
}
