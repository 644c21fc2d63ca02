import { describe, expect, it } from "vitest";
import { demoRequests, describeDataset, generateDemoDataset } from "./dataset";
import type { DemoCompany, SpecialCase } from "./types";

const ALL_CASES: SpecialCase[] = [
  "broken-site",
  "slow-site",
  "private",
  "ambiguous-name",
  "proxy-deferred",
  "ifrs-20f",
  "restated",
  "revenue-concept-change",
  "footer-only-link",
  "sitemap-only-link",
  "german-site",
  "board-listed",
  "net-loss",
];

describe("generateDemoDataset", () => {
  it("returns the same data set for the same options", () => {
    expect(generateDemoDataset({ syntheticCount: 40, seed: 7 })).toEqual(
      generateDemoDataset({ syntheticCount: 40, seed: 7 }),
    );
  });

  it("varies only the synthetic companies with the seed", () => {
    const one = generateDemoDataset({ syntheticCount: 5, seed: 1 });
    const two = generateDemoDataset({ syntheticCount: 5, seed: 2 });

    const curated = (dataset: typeof one) =>
      dataset.companies.filter((company) => company.origin === "curated");
    expect(curated(one)).toEqual(curated(two));
    expect(one.companies.at(-1)?.name).not.toBe(two.companies.at(-1)?.name);
  });

  it("holds at least 25 curated companies covering every special case", () => {
    const curated = generateDemoDataset().companies;

    expect(curated.length).toBeGreaterThanOrEqual(25);
    const present = new Set(curated.flatMap((company) => company.specialCases));
    expect([...present].sort()).toEqual([...ALL_CASES].sort());
    const broken = curated
      .filter((company) => company.site?.fault !== "none")
      .map((company) => company.site?.fault);
    expect(broken).toEqual(expect.arrayContaining(["leadership-500", "homepage-garbage"]));
  });

  it("gives every company 3–7 executives with a CEO and 3–6 full fiscal years", () => {
    for (const company of generateDemoDataset({ syntheticCount: 200 }).companies) {
      expect(company.executives.length, company.key).toBeGreaterThanOrEqual(3);
      expect(company.executives.length, company.key).toBeLessThanOrEqual(7);
      expect(
        company.executives.some((officer) => officer.role === "CEO"),
        company.key,
      ).toBe(true);
      if (!company.sec) continue;
      expect(company.sec.years.length, company.key).toBeGreaterThanOrEqual(3);
      expect(company.sec.years.length, company.key).toBeLessThanOrEqual(6);
      for (const year of company.sec.years) expect(year.equity).toBe(year.assets - year.liabilities);
    }
  });

  it("lets exactly two registrants match the ambiguous name", () => {
    const dataset = generateDemoDataset({ syntheticCount: 1000 });

    const matches = dataset.companies.filter((company) =>
      company.name.toLowerCase().includes(dataset.ambiguousName.toLowerCase()),
    );

    expect(matches.map((company) => company.name)).toEqual([
      "Northwind Traders Inc",
      "Northwind Logistics Corp",
    ]);
    expect(matches.every((company) => company.sec !== undefined)).toBe(true);
  });

  it("records the restated year with an original value that differs from the restated one", () => {
    const restated = generateDemoDataset().companies.find((company) =>
      company.specialCases.includes("restated"),
    );
    const restatement = restated?.sec?.restatement;

    expect(restatement).toBeDefined();
    expect(restatement?.originalValue).not.toBe(restatement?.restatedValue);
    const year = restated?.sec?.years.find((candidate) => candidate.fy === restatement?.fy);
    expect(year?.netIncome).toBe(restatement?.restatedValue);
  });

  it("generates 1,000 synthetic companies with unique keys, CIKs, tickers and names", () => {
    const dataset = generateDemoDataset({ syntheticCount: 1000 });

    const companies = dataset.companies;
    expect(companies).toHaveLength(1028);
    const fields: ((company: DemoCompany) => string | number | undefined)[] = [
      (company) => company.key,
      (company) => company.name,
      (company) => company.sec?.cik,
      (company) => company.sec?.tickers[0],
    ];
    for (const field of fields) {
      const values = companies.map(field).filter((value) => value !== undefined);
      expect(new Set(values).size).toBe(values.length);
    }
    expect(companies.every((company) => (company.sec?.cik ?? 9_900_001) >= 9_900_001)).toBe(true);
  });
});

describe("demoRequests", () => {
  it("asks for every company once plus the bare ambiguous name and an unknown ticker", () => {
    const dataset = generateDemoDataset();

    const requests = demoRequests(dataset, "http://127.0.0.1:4000");

    expect(requests).toHaveLength(dataset.companies.length + 2);
    expect(requests.find((entry) => entry.request.name === "Northwind")).toMatchObject({
      expect: "failed",
      request: { name: "Northwind" },
    });
    expect(requests.filter((entry) => entry.expect === "failed")).toHaveLength(2);
  });

  it("points websites at the server and expects partial profiles where a source is missing or broken", () => {
    const dataset = generateDemoDataset();
    const byKey = new Map(demoRequests(dataset, "http://127.0.0.1:4000").map((entry) => [entry.key, entry]));

    expect(byKey.get("brightwater-analytics")?.request.website).toBe(
      "http://127.0.0.1:4000/sites/brightwater-analytics/",
    );
    expect(byKey.get("quarry-hill-cement")?.expect).toBe("incomplete");
    expect(byKey.get("redfern-media")?.expect).toBe("completed");
    expect(byKey.get("alderbrook-coffee")).toMatchObject({
      expect: "incomplete",
      request: { name: "Alderbrook Coffee Roasters" },
    });
    expect(byKey.get("saltmarsh-pharmaceuticals")?.expect).toBe("completed");
    expect(byKey.get("northwind-traders")?.request).toMatchObject({ ticker: "NWTR" });
  });

  it("identifies companies by ticker, by CIK and by name", () => {
    const requests = demoRequests(generateDemoDataset({ syntheticCount: 30 }));

    expect(requests.some((entry) => entry.request.ticker)).toBe(true);
    expect(requests.some((entry) => /^\d{10}$/.test(entry.request.cik ?? ""))).toBe(true);
    expect(requests.some((entry) => entry.request.name && entry.request.website)).toBe(true);
    expect(
      requests.every(
        (entry) => entry.request.website === undefined || entry.request.website.startsWith("/sites/"),
      ),
    ).toBe(true);
  });
});

describe("describeDataset", () => {
  it("summarises companies, special cases and expected outcomes in one paragraph", () => {
    const summary = describeDataset(generateDemoDataset({ syntheticCount: 10 }));

    expect(summary).not.toContain("\n");
    expect(summary).toMatch(/^38 fictional companies \(28 hand-authored, 10 generated with seed 1\)/);
    expect(summary).toContain('"Northwind');
    expect(summary).toMatch(/40 requests should end \d+ completed, \d+ incomplete and 2 failed\./);
  });
});
