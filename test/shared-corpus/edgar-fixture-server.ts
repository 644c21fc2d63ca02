import { createReadStream } from "node:fs";
import { open, readdir, readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

/** A scripted misbehaviour for requests whose path matches; used `times` times (default: always). */
export interface EdgarFault {
  match: string | RegExp;
  times?: number;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  contentType?: string;
  /** Wait this long before answering (a slow or hung upstream). */
  delayMs?: number;
  /** Stream this many filler bytes as the body (an oversized answer) instead of `body`. */
  bodyBytes?: number;
}

export interface EdgarFixtureServerOptions {
  /** The corpus root holding `sec/` and `filings/` (e.g. `../shared/corpus`). */
  corpusDir: string;
  /** Added before every answer. */
  latencyMs?: number;
  failures?: EdgarFault[];
  /** Extra document routes: `/Archives/edgar/data/{cik}/{acc}/{doc}` → a path relative to corpusDir. */
  documents?: Record<string, string>;
}

export interface EdgarRequestLogEntry {
  method: string;
  path: string;
  userAgent: string | undefined;
  status: number;
  fault: boolean;
}

export interface EdgarFixtureServer {
  /** Base URL for both `data.sec.gov` and `www.sec.gov` paths (they do not overlap). */
  url: string;
  dataBaseUrl: string;
  wwwBaseUrl: string;
  requests: EdgarRequestLogEntry[];
  /** URL path → corpus file of every served route, for assertions and debugging. */
  routes: ReadonlyMap<string, string>;
  close(): Promise<void>;
}

interface Route {
  file: string;
  status: number;
  contentType: string;
}

async function cikInJsonHead(file: string): Promise<string | undefined> {
  const handle = await open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(512), 0, 512, 0);
    const cik = /"cik"\s*:\s*"?(\d{1,10})"?/.exec(buffer.subarray(0, bytesRead).toString("utf8"))?.[1];
    return cik?.padStart(10, "0");
  } finally {
    await handle.close();
  }
}

interface GroundTruth {
  cik?: string;
  form?: string;
  filed?: string;
  file?: string;
}

interface SubmissionColumns {
  accessionNumber?: string[];
  filingDate?: string[];
  form?: string[];
  primaryDocument?: string[];
}

/**
 * Routes from the corpus file names: `{TICKER}_submissions_CIK##########[-submissions-NNN].json`,
 * `{TICKER}_companyfacts_CIK##########….json` (or the CIK inside the file), `ERROR404_submissions_{key}.txt`
 * (served as that 404), and 10-K documents matched to submissions by the ground-truth files'
 * CIK, form and filing date.
 */
async function buildRoutes(
  corpusDir: string,
  documents: Record<string, string>,
): Promise<Map<string, Route>> {
  const routes = new Map<string, Route>();
  const json = (file: string): Route => ({ file, status: 200, contentType: "application/json" });
  const secDir = path.join(corpusDir, "sec");
  const secFiles = (await readdir(secDir)).sort();
  routes.set("/files/company_tickers.json", json(path.join(secDir, "company_tickers.json")));
  const factsWithoutCik: string[] = [];
  for (const name of secFiles) {
    const file = path.join(secDir, name);
    const submissions = /^[A-Z0-9]+_submissions_(CIK\d{10}(?:-submissions-\d{3})?)\.json$/.exec(name);
    if (submissions) routes.set(`/submissions/${submissions[1]}.json`, json(file));
    const facts = /^[A-Z0-9]+_companyfacts_CIK(\d{10})\b.*\.json$/.exec(name);
    if (facts) routes.set(`/api/xbrl/companyfacts/CIK${facts[1]}.json`, json(file));
    else if (/_companyfacts_.*\.json$/.test(name)) factsWithoutCik.push(file);
    const missing = /^ERROR404_submissions_(.+)\.txt$/.exec(name);
    if (missing)
      routes.set(`/submissions/${missing[1]}.json`, { file, status: 404, contentType: "application/xml" });
  }
  for (const file of factsWithoutCik) {
    const cik = await cikInJsonHead(file);
    const route = `/api/xbrl/companyfacts/CIK${cik}.json`;
    if (cik && !routes.has(route)) routes.set(route, json(file));
  }
  const filingsDir = path.join(corpusDir, "filings");
  for (const name of (await readdir(filingsDir)).filter((n) => n.endsWith(".executives.json"))) {
    const truth = JSON.parse(await readFile(path.join(filingsDir, name), "utf8")) as GroundTruth;
    if (!truth.cik || !truth.form || !truth.filed || !truth.file) continue;
    const submissions = routes.get(`/submissions/CIK${truth.cik.padStart(10, "0")}.json`);
    if (!submissions) continue;
    const recent = (
      JSON.parse(await readFile(submissions.file, "utf8")) as { filings?: { recent?: SubmissionColumns } }
    ).filings?.recent;
    const i = (recent?.accessionNumber ?? []).findIndex(
      (_, k) => recent?.form?.[k] === truth.form && recent?.filingDate?.[k] === truth.filed,
    );
    const accession = recent?.accessionNumber?.[i];
    const document = recent?.primaryDocument?.[i];
    if (i < 0 || !accession || !document) continue;
    const route = `/Archives/edgar/data/${Number(truth.cik)}/${accession.replace(/-/g, "")}/${document}`;
    routes.set(route, { file: path.join(filingsDir, truth.file), status: 200, contentType: "text/html" });
  }
  for (const [route, relative] of Object.entries(documents)) {
    routes.set(route, { file: path.join(corpusDir, relative), status: 200, contentType: "text/html" });
  }
  return routes;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves when the socket can take more, or is gone (the client gave up). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

async function answerFault(res: ServerResponse, fault: EdgarFault): Promise<number> {
  const status = fault.status ?? 200;
  res.writeHead(status, { "content-type": fault.contentType ?? "text/html", ...fault.headers });
  if (fault.bodyBytes !== undefined) {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    for (let sent = 0; sent < fault.bodyBytes && !res.destroyed; sent += chunk.length) {
      const slice = chunk.subarray(0, Math.min(chunk.length, fault.bodyBytes - sent));
      if (!res.write(slice)) await drained(res);
    }
    res.end();
  } else {
    res.end(fault.body ?? "");
  }
  return status;
}

/**
 * A loopback EDGAR: serves the corpus in SEC's URL layout on 127.0.0.1 (random port), logs
 * every request, and plays scripted faults (429, 5xx, HTML pages, slow or oversized answers).
 * @example
 * const edgar = await startEdgarFixtureServer({ corpusDir });
 * const sec = createSecClient({ dataBaseUrl: edgar.dataBaseUrl, wwwBaseUrl: edgar.wwwBaseUrl, userAgent: "t t@x" });
 */
export async function startEdgarFixtureServer(
  options: EdgarFixtureServerOptions,
): Promise<EdgarFixtureServer> {
  const routes = await buildRoutes(options.corpusDir, options.documents ?? {});
  const faults = (options.failures ?? []).map((fault) => ({
    fault,
    left: fault.times ?? Number.POSITIVE_INFINITY,
  }));
  const requests: EdgarRequestLogEntry[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    const entry: EdgarRequestLogEntry = {
      method: req.method ?? "GET",
      path: urlPath,
      userAgent: req.headers["user-agent"],
      status: 0,
      fault: false,
    };
    requests.push(entry);
    if (options.latencyMs) await wait(options.latencyMs);
    const scripted = faults.find(
      ({ fault, left }) =>
        left > 0 && (typeof fault.match === "string" ? urlPath === fault.match : fault.match.test(urlPath)),
    );
    if (scripted) {
      scripted.left -= 1;
      entry.fault = true;
      if (scripted.fault.delayMs) await wait(scripted.fault.delayMs);
      if (res.destroyed) return;
      entry.status = await answerFault(res, scripted.fault);
      return;
    }
    const route = routes.get(urlPath);
    if (!route) {
      entry.status = 404;
      res.writeHead(404, { "content-type": "text/html" }).end("<html><body>Not Found</body></html>");
      return;
    }
    entry.status = route.status;
    res.writeHead(route.status, { "content-type": route.contentType });
    createReadStream(route.file).pipe(res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    dataBaseUrl: url,
    wwwBaseUrl: url,
    requests,
    routes: new Map([...routes].map(([route, { file }]) => [route, file])),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
