import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompanyFactsDocument } from "./companyfacts";
import { generateDemoDataset } from "./dataset";
import { type DemoFixtureServer, startDemoFixtureServer, UnknownDemoSiteError } from "./fixture-server";
import type { renderSubmissions } from "./submissions";
import type { DemoCompany } from "./types";

type Submissions = ReturnType<typeof renderSubmissions>;

const UA = { "user-agent": "dossier-tests tests@example.com" };
const dataset = generateDemoDataset({ syntheticCount: 25 });
const registrants = dataset.companies.filter((company) => company.sec);
const cik10 = (company: DemoCompany): string => String(company.sec?.cik).padStart(10, "0");

let server: DemoFixtureServer;
beforeAll(async () => {
  server = await startDemoFixtureServer({ dataset, port: 0 });
});
afterAll(async () => {
  await server.close();
});

const getJson = async <T>(url: string): Promise<T> => {
  const response = await fetch(url, { headers: UA });
  expect(response.status, url).toBe(200);
  return (await response.json()) as T;
};
const decode = (html: string): string =>
  html
    .replaceAll("&#39;", "'")
    .replaceAll("&quot;", '"')
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

describe("startDemoFixtureServer: EDGAR", () => {
  it("listens on 127.0.0.1 with the SEC hosts under path prefixes", () => {
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.secDataUrl).toBe(`${server.baseUrl}/sec-data`);
    expect(server.secWwwUrl).toBe(`${server.baseUrl}/sec-www`);
  });

  it("serves company_tickers.json with every registrant and no private company", async () => {
    const tickers = await getJson<object>(`${server.secWwwUrl}/files/company_tickers.json`);
    const rows = Object.values(tickers) as { cik_str: number; ticker: string; title: string }[];

    expect(rows).toHaveLength(registrants.length);
    expect(rows).toContainEqual({ cik_str: 9_900_014, ticker: "NWTR", title: "Northwind Traders Inc" });
    expect(rows.some((row) => row.title === "Alderbrook Coffee Roasters")).toBe(false);
  });

  it("serves submissions whose filings.recent columns all have the same length, newest first", async () => {
    for (const company of registrants) {
      const submissions = await getJson<Submissions>(
        `${server.secDataUrl}/submissions/CIK${cik10(company)}.json`,
      );
      const recent = submissions.filings.recent as Record<string, unknown[]>;
      const lengths = new Set(Object.values(recent).map((column) => column.length));

      expect(submissions).toMatchObject({
        cik: cik10(company),
        name: company.name,
        tickers: company.sec?.tickers,
      });
      expect(typeof submissions.addresses.business.city).toBe("string");
      expect(lengths.size, company.key).toBe(1);
      expect(recent.accessionNumber?.length).toBeGreaterThan(10);
      const dates = recent.filingDate as string[];
      expect([...dates].sort().reverse()).toEqual(dates);
      expect(submissions.website).toBe(server.siteUrl(company.key));
    }
  });

  it("serves companyfacts with EDGAR's shape for every registrant", async () => {
    for (const company of registrants) {
      const facts = await getJson<CompanyFactsDocument>(
        `${server.secDataUrl}/api/xbrl/companyfacts/CIK${cik10(company)}.json`,
      );

      expect(facts).toMatchObject({ cik: company.sec?.cik, entityName: company.name });
      expect(Object.keys(facts.facts).sort()).toEqual(["dei", company.sec?.taxonomy].sort());
      for (const concept of Object.values(facts.facts[company.sec?.taxonomy ?? ""] ?? {})) {
        expect(typeof concept.label).toBe("string");
        for (const fact of Object.values(concept.units).flat()) {
          expect(fact).toEqual(
            expect.objectContaining({
              end: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
              val: expect.any(Number),
              accn: expect.stringMatching(/^\d{10}-\d{2}-\d{6}$/),
              fy: expect.any(Number),
              fp: expect.stringMatching(/^(FY|Q[1-3])$/),
              form: expect.stringMatching(/^(10-K|10-Q|20-F)$/),
              filed: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
            }),
          );
        }
      }
    }
  });

  it("serves the latest annual report with the executive officers, or the proxy deferral", async () => {
    for (const company of registrants) {
      const submissions = await getJson<Submissions>(
        `${server.secDataUrl}/submissions/CIK${cik10(company)}.json`,
      );
      const recent = submissions.filings.recent;
      const index = (recent.form as string[]).findIndex((form) => form === "10-K" || form === "20-F");
      const accession = (recent.accessionNumber[index] as string).replaceAll("-", "");
      const url = `${server.secWwwUrl}/Archives/edgar/data/${company.sec?.cik}/${accession}/${recent.primaryDocument[index]}`;

      const response = await fetch(url, { headers: UA });
      const html = decode(await response.text());

      expect(response.status, url).toBe(200);
      if (company.sec?.filingLayout === "proxy-deferred") {
        expect(html).toContain("incorporated herein by reference");
        expect(html).not.toContain(company.executives[0]?.name);
      } else {
        for (const officer of company.executives) expect(html, company.key).toContain(officer.name);
      }
    }
  });

  it("refuses SEC requests without a User-Agent with 403", async () => {
    const response = await fetch(`${server.secDataUrl}/submissions/CIK0009900001.json`, {
      headers: { "user-agent": "" },
    });

    expect(response.status).toBe(403);
  });

  it("answers an unknown CIK with data.sec.gov's NoSuchKey error", async () => {
    const response = await fetch(`${server.secDataUrl}/submissions/CIK0000000001.json`, { headers: UA });

    expect(response.status).toBe(404);
    expect(await response.text()).toContain("<Code>NoSuchKey</Code>");
  });
});

describe("startDemoFixtureServer: rate limit", () => {
  it("answers 429 above the configured rate and recovers once the window slides", async () => {
    // Prepare
    let now = 1_000_000;
    const limited = await startDemoFixtureServer({ dataset, secRateLimitPerSecond: 5, clock: () => now });
    const get = () => fetch(`${limited.secWwwUrl}/files/company_tickers.json`, { headers: UA });

    try {
      // Act
      const burst = [];
      for (let i = 0; i < 6; i++) burst.push((await get()).status);
      now += 1_001;
      const afterWindow = (await get()).status;

      // Assess
      expect(burst).toEqual([200, 200, 200, 200, 200, 429]);
      expect(afterWindow).toBe(200);
      expect(limited.counts()).toMatchObject({ secWww: 7, rateLimited: 1 });
    } finally {
      await limited.close();
    }
  });
});

describe("startDemoFixtureServer: websites", () => {
  const sites = dataset.companies.filter(
    (company) => company.site?.fault !== "homepage-garbage" && company.site,
  );

  it("serves robots.txt that allows everything and names each sitemap", async () => {
    const robots = await (await fetch(`${server.baseUrl}/robots.txt`)).text();

    expect(robots).toMatch(/^User-agent: \*\nAllow: \/\n/);
    expect(robots).toContain(`Sitemap: ${server.baseUrl}/sites/oakmont-specialty-chemicals/sitemap.xml`);
  });

  it("links every homepage to its leadership page in the nav, the footer or only the sitemap", async () => {
    for (const company of sites) {
      const site = company.site as NonNullable<DemoCompany["site"]>;
      const homeUrl = server.siteUrl(company.key);
      const leadershipUrl = `${homeUrl}${site.pages.leadership}`;
      const home = await (await fetch(homeUrl)).text();
      const [header = "", footer = ""] = home.split("<footer");
      const links = (html: string) =>
        [...html.matchAll(/<a [^>]*href="([^"]+)"/g)].map((match) => new URL(match[1] ?? "", homeUrl).href);

      expect(links(header).includes(leadershipUrl), `${company.key} nav`).toBe(site.placement === "nav");
      expect(links(footer).includes(leadershipUrl), `${company.key} footer`).toBe(
        site.placement !== "sitemap-only",
      );
      const sitemap = await (await fetch(`${homeUrl}sitemap.xml`)).text();
      expect(sitemap).toContain(`<loc>${leadershipUrl}</loc>`);
    }
  });

  it("resolves every link on a nested leadership page to a page that exists", async () => {
    const german = server.siteUrl("rheinstahl-praezision");
    const pageUrl = `${german}unternehmen/vorstand`;
    const html = await (await fetch(pageUrl)).text();

    const targets = [...html.matchAll(/<a [^>]*href="([^"]+)"/g)].map(
      (match) => new URL(match[1] ?? "", pageUrl).href,
    );
    const statuses = await Promise.all(targets.map(async (target) => (await fetch(target)).status));

    expect(targets.length).toBeGreaterThan(4);
    expect(statuses.every((status) => status === 200)).toBe(true);
  });

  it("names every executive on the leadership page, whatever its layout", async () => {
    for (const company of sites.filter((candidate) => candidate.site?.fault === "none")) {
      const site = company.site as NonNullable<DemoCompany["site"]>;
      const response = await fetch(`${server.siteUrl(company.key)}${site.pages.leadership}`);
      const html = decode(await response.text());

      expect(response.status, company.key).toBe(200);
      for (const officer of company.executives) {
        expect(html, company.key).toContain(officer.name);
        expect(html, company.key).toContain(officer.siteTitle ?? officer.title);
      }
    }
  });

  it("answers 500 for the broken leadership page and bytes that are not HTML for the broken homepage", async () => {
    const leadership = await fetch(`${server.siteUrl("quarry-hill-cement")}leadership`);
    const garbage = await fetch(server.siteUrl("redfern-media"));
    const body = Buffer.from(await garbage.arrayBuffer());

    expect(leadership.status).toBe(500);
    expect(garbage.status).toBe(200);
    expect(body.includes("<")).toBe(false);
    expect(body.length).toBeGreaterThan(1_000);
  });

  it("delays the slow site by its own latency", async () => {
    const slow = dataset.companies.find((company) => company.key === "saltmarsh-pharmaceuticals");
    const url = server.siteUrl("saltmarsh-pharmaceuticals");

    const response = await fetch(url);

    expect(response.status).toBe(200);
    const answered = server.requestLog.find((entry) => url.endsWith(entry.path));
    expect(slow?.site?.latencyMs).toBeGreaterThan(1_000);
    expect(answered?.delayMs).toBe(slow?.site?.latencyMs);
  });

  it("redirects a site path without its trailing slash, and a page with one, to the canonical URL", async () => {
    const home = server.siteUrl("brightwater-analytics");

    const bare = await fetch(home.slice(0, -1), { redirect: "manual" });
    const slashed = await fetch(`${home}company/leadership/`, { redirect: "manual" });

    expect([bare.status, bare.headers.get("location")]).toEqual([301, "/sites/brightwater-analytics/"]);
    expect([slashed.status, slashed.headers.get("location")]).toEqual([
      301,
      "/sites/brightwater-analytics/company/leadership",
    ]);
  });

  it("refuses a site URL for a company without a website", () => {
    expect(() => server.siteUrl("no-such-company")).toThrow(UnknownDemoSiteError);
  });

  it("logs every request with its route and status", () => {
    const counts = server.counts();

    expect(counts.total).toBe(server.requestLog.length);
    expect(counts.secData).toBeGreaterThan(registrants.length);
    expect(counts.sites).toBeGreaterThan(sites.length);
    expect(counts.forbidden).toBe(1);
    expect(counts.serverErrors).toBe(1);
    expect(server.requestLog.every((entry) => entry.at > 0 && entry.path.startsWith("/"))).toBe(true);
  });
});
