/**
 * The offline demo: a deterministic data set of fictional companies and a fixture server that
 * plays EDGAR and their websites on 127.0.0.1.
 *
 * Server layout (`baseUrl` = `http://127.0.0.1:<port>`):
 * - `${baseUrl}/sec-www`  stands in for https://www.sec.gov  (`/files/company_tickers.json`,
 *   `/Archives/edgar/data/{cik}/{accessionNoDashes}/{primaryDocument}`, the daily form indexes
 *   `/Archives/edgar/daily-index/{year}/QTR{n}/form.{yyyymmdd}.idx` with what `file()` added);
 * - `${baseUrl}/sec-data` stands in for https://data.sec.gov (`/submissions/CIK##########.json`,
 *   `/api/xbrl/companyfacts/CIK##########.json`); SEC routes need a User-Agent (403 otherwise);
 * - `${baseUrl}/sites/<slug>/` is a company website, with `sitemap.xml` beside its homepage;
 * - `${baseUrl}/robots.txt` allows everything and lists every sitemap.
 */
import { demoRequests, describeDataset, generateDemoDataset } from "./dataset";
import { startDemoFixtureServer } from "./fixture-server";

export type { IndexedDemoFiling } from "./daily-index";
export {
  demoRequests,
  describeDataset,
  type GenerateDemoDatasetOptions,
  generateDemoDataset,
  UNKNOWN_TICKER,
} from "./dataset";
export { type DemoLeadershipChange, renderEightK } from "./eight-k";
export {
  type DemoFilingRequest,
  type DemoFixtureCounts,
  type DemoFixtureServer,
  type DemoFixtureServerOptions,
  type DemoRequestLogEntry,
  type DemoRoute,
  demoEnvironment,
  startDemoFixtureServer,
  UnknownDemoSiteError,
} from "./fixture-server";
export type * from "./types";

/** The offline demo as one namespace: `import { Demo } from "@dossier/local/demo"`. */
export const Demo = { generateDemoDataset, demoRequests, describeDataset, startDemoFixtureServer } as const;
