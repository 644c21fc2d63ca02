import { describe, expect, it } from "vitest";
import { type CompanyFact, renderCompanyFacts } from "./companyfacts";
import { generateDemoDataset } from "./dataset";
import { daysBetween } from "./dates";
import type { DemoCompany } from "./types";

const companies = generateDemoDataset({ syntheticCount: 50 }).companies;
const byKey = (key: string): DemoCompany => {
  const company = companies.find((candidate) => candidate.key === key);
  if (!company) throw new Error(`no demo company ${key}`);
  return company;
};
const REVENUE = [
  "Revenues",
  "SalesRevenueNet",
  "RevenueFromContractWithCustomerExcludingAssessedTax",
  "Revenue",
];

/** The value the most recent filing states for a full year ending on `end`, across concepts. */
function latestAnnual(
  facts: Record<string, { units: Record<string, CompanyFact[]> }>,
  concepts: string[],
  end: string,
) {
  const candidates = concepts
    .flatMap((concept) => Object.values(facts[concept]?.units ?? {}).flat())
    .filter((fact) => fact.end === end && fact.start && daysBetween(fact.start, fact.end) > 350);
  return candidates.sort((a, b) => a.filed.localeCompare(b.filed)).at(-1);
}

describe("renderCompanyFacts", () => {
  it("states every full year's revenue and net income as the data set has them, in the latest annual report", () => {
    for (const company of companies.filter((candidate) => candidate.sec)) {
      const sec = company.sec as NonNullable<DemoCompany["sec"]>;
      const facts = renderCompanyFacts(company).facts[sec.taxonomy] ?? {};
      const netIncome = sec.taxonomy === "ifrs-full" ? "ProfitLoss" : "NetIncomeLoss";
      for (const year of sec.years) {
        expect(latestAnnual(facts, REVENUE, year.end)?.val, `${company.key} ${year.fy}`).toBe(year.revenue);
        expect(latestAnnual(facts, [netIncome], year.end)?.val, `${company.key} ${year.fy}`).toBe(
          year.netIncome,
        );
      }
    }
  });

  it("mixes 10-Q quarters and year-to-date periods in with the annual facts", () => {
    const facts = renderCompanyFacts(byKey("brightwater-analytics")).facts["us-gaap"] ?? {};
    const revenue = facts.RevenueFromContractWithCustomerExcludingAssessedTax?.units.USD ?? [];

    const quarterly = revenue.filter((fact) => fact.form === "10-Q");
    expect(quarterly.length).toBeGreaterThan(revenue.length / 2);
    expect(new Set(quarterly.map((fact) => fact.fp))).toEqual(new Set(["Q1", "Q2", "Q3"]));
    for (const fact of quarterly) expect(daysBetween(fact.start ?? fact.end, fact.end)).toBeLessThan(300);
  });

  it("switches the revenue concept from SalesRevenueNet to ASC 606 revenue mid-history", () => {
    const facts = renderCompanyFacts(byKey("harborview-medical")).facts["us-gaap"] ?? {};

    const older = facts.SalesRevenueNet?.units.USD?.filter((fact) => fact.fp === "FY") ?? [];
    const newer = facts.RevenueFromContractWithCustomerExcludingAssessedTax?.units.USD?.filter(
      (fact) => fact.fp === "FY",
    );
    expect(older.every((fact) => fact.fy < 2020)).toBe(true);
    expect(older.length).toBeGreaterThan(0);
    expect(newer?.every((fact) => fact.fy >= 2020)).toBe(true);
  });

  it("reports the restated year's net income first as filed, then restated in the next annual report", () => {
    const company = byKey("juniper-lane-homes");
    const restatement = company.sec?.restatement;
    const year = company.sec?.years.find((candidate) => candidate.fy === restatement?.fy);
    const annual = (renderCompanyFacts(company).facts["us-gaap"]?.NetIncomeLoss?.units.USD ?? []).filter(
      (fact) => fact.end === year?.end && fact.fp === "FY",
    );

    expect(annual.map((fact) => [fact.fy, fact.val])).toEqual([
      [restatement?.fy, restatement?.originalValue],
      [(restatement?.fy ?? 0) + 1, restatement?.restatedValue],
    ]);
  });

  it("files the IFRS registrant's facts under ifrs-full in euros from 20-F reports", () => {
    const document = renderCompanyFacts(byKey("rheinstahl-praezision"));

    expect(document.facts["us-gaap"]).toBeUndefined();
    const revenue = document.facts["ifrs-full"]?.Revenue?.units.EUR ?? [];
    expect(revenue.length).toBeGreaterThan(0);
    expect(new Set(revenue.map((fact) => fact.form))).toEqual(new Set(["20-F"]));
    expect(document.facts["ifrs-full"]?.DilutedEarningsLossPerShare?.units["EUR/shares"]).toBeDefined();
  });

  it("gives each frame to a single fact per concept and unit, like EDGAR", () => {
    for (const company of companies.filter((candidate) => candidate.sec)) {
      for (const concepts of Object.values(renderCompanyFacts(company).facts)) {
        for (const concept of Object.values(concepts)) {
          for (const facts of Object.values(concept.units)) {
            const frames = facts.flatMap((fact) => (fact.frame ? [fact.frame] : []));
            expect(new Set(frames).size, company.key).toBe(frames.length);
          }
        }
      }
    }
  });

  it("states shares outstanding on the cover under dei", () => {
    const company = byKey("kestrel-aerospace");
    const shares =
      renderCompanyFacts(company).facts.dei?.EntityCommonStockSharesOutstanding?.units.shares ?? [];

    const latest = shares.filter((fact) => fact.form === "10-K").at(-1);
    expect(latest?.val).toBe(company.sec?.years.at(-1)?.sharesOutstanding);
  });
});
