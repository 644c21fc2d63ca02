import { AMBIGUOUS_NAME, curatedCompanies } from "./curated-companies";
import { cik10 } from "./submissions";
import { syntheticCompanies } from "./synthetic-companies";
import type { DemoCompany, DemoDataset, DemoOutcome, DemoRequestCase, SpecialCase } from "./types";

export interface GenerateDemoDatasetOptions {
  /** Procedurally generated registrants on top of the curated ones (the benchmark uses 1,000). */
  syntheticCount?: number;
  /** Drives the synthetic companies; the curated ones never change. */
  seed?: number;
}

/**
 * Builds the offline demo data set: the hand-authored companies with every special case,
 * plus `syntheticCount` generated registrants. Same options, same data.
 *
 * @example
 * const dataset = generateDemoDataset({ syntheticCount: 1000 });
 */
export function generateDemoDataset({
  syntheticCount = 0,
  seed = 1,
}: GenerateDemoDatasetOptions = {}): DemoDataset {
  return {
    seed,
    ambiguousName: AMBIGUOUS_NAME,
    companies: [...curatedCompanies(), ...syntheticCompanies(syntheticCount, seed)],
  };
}

/** A ticker EDGAR does not know, to show a request that cannot be resolved at all. */
export const UNKNOWN_TICKER = "QZXQ";

function expectation(company: DemoCompany): { expect: DemoOutcome; reason: string } {
  if (!company.sec)
    return { expect: "incomplete", reason: "private company: leadership from its website, no SEC filings" };
  if (!company.site) return { expect: "incomplete", reason: "no website: SEC data only" };
  if (company.site.fault === "leadership-500")
    return { expect: "incomplete", reason: "leadership page answers 500: SEC data only" };
  if (company.site.fault === "homepage-garbage")
    return {
      expect: "completed",
      reason: "homepage is garbage; the leadership page is found through sitemap.xml",
    };
  const notes: Partial<Record<SpecialCase, string>> = {
    "slow-site": "slow website, within the time limit",
    "proxy-deferred": "10-K defers executives to the proxy; the website supplies them",
    "sitemap-only-link": "leadership page found through sitemap.xml",
    "footer-only-link": "leadership link only in the footer",
    "ifrs-20f": "IFRS 20-F filer",
    "ambiguous-name": "name is shared, so it is requested by ticker",
  };
  const reason = company.specialCases.map((tag) => notes[tag]).find(Boolean);
  return { expect: "completed", reason: reason ?? "SEC facts and website leadership" };
}

/**
 * The batch `npm run demo` submits, with the outcome each request should end in. Website URLs
 * are `${baseUrl}/sites/<slug>/`; with the default empty baseUrl they are server-relative.
 */
export function demoRequests(dataset: DemoDataset, baseUrl = ""): DemoRequestCase[] {
  const cases = dataset.companies.map((company, index): DemoRequestCase => {
    const website = company.site ? `${baseUrl}/sites/${company.site.slug}/` : undefined;
    const sec = company.sec;
    const ticker = sec?.tickers[0];
    // Rotate identifiers so the resolver sees tickers, CIKs and names; shared names go by ticker.
    const by = !sec
      ? "name"
      : company.specialCases.includes("ambiguous-name")
        ? "ticker"
        : (["ticker", "cik", "name"] as const)[index % 3];
    const request =
      by === "ticker" && ticker
        ? { ticker }
        : by === "cik" && sec
          ? { cik: cik10(sec.cik) }
          : { name: company.name };
    return {
      key: company.key,
      request: { ...request, ...(website && { website }) },
      ...expectation(company),
    };
  });
  cases.push(
    {
      key: `ambiguous:${dataset.ambiguousName.toLowerCase()}`,
      request: { name: dataset.ambiguousName },
      expect: "failed",
      reason: `"${dataset.ambiguousName}" matches more than one registrant and there is no website`,
    },
    {
      key: `unknown:${UNKNOWN_TICKER.toLowerCase()}`,
      request: { ticker: UNKNOWN_TICKER },
      expect: "failed",
      reason: "ticker not in company_tickers.json and no website",
    },
  );
  return cases;
}

/** One paragraph on what the data set holds, for the demo's opening lines. */
export function describeDataset(dataset: DemoDataset): string {
  const companies = dataset.companies;
  const count = (predicate: (company: DemoCompany) => boolean): number => companies.filter(predicate).length;
  const withCase = (tag: SpecialCase): number => count((company) => company.specialCases.includes(tag));
  const curated = count((company) => company.origin === "curated");
  const outcomes: Record<DemoOutcome, number> = { completed: 0, incomplete: 0, failed: 0 };
  for (const request of demoRequests(dataset)) outcomes[request.expect]++;
  return [
    `${companies.length} fictional companies (${curated} hand-authored, ${companies.length - curated} generated with seed ${dataset.seed}):`,
    `${count((company) => company.sec !== undefined)} SEC registrants (${withCase("ifrs-20f")} IFRS 20-F filer) and ${withCase("private")} private company,`,
    `${count((company) => company.site !== undefined)} websites with leadership pages as cards, tables, JSON-LD, headings, microdata and executive-plus-board listings`,
    `(${withCase("footer-only-link")} linked only from the footer, ${withCase("sitemap-only-link")} only from sitemap.xml, ${withCase("german-site")} in German).`,
    `Special cases: ${withCase("broken-site")} broken sites, ${withCase("slow-site")} slow site, two registrants named "${dataset.ambiguousName}…" plus a request by that bare name,`,
    `${withCase("proxy-deferred")} 10-K deferring executives to the proxy, ${withCase("restated")} restated year, ${withCase("revenue-concept-change")} revenue-concept changes and ${withCase("net-loss")} loss makers.`,
    `${outcomes.completed + outcomes.incomplete + outcomes.failed} requests should end ${outcomes.completed} completed, ${outcomes.incomplete} incomplete and ${outcomes.failed} failed.`,
  ].join(" ");
}
