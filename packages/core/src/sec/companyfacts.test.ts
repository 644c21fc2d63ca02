import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { corpusDir, describeOnSharedCorpus } from "../../../../test/shared-corpus";
import { extractFinancials, type FiscalYearFinancials, fiscalYearOfPeriodEnd } from "./companyfacts";

const load = (name: string): unknown => JSON.parse(readFileSync(path.join(corpusDir, "sec", name), "utf8"));

describeOnSharedCorpus("extractFinancials on Apple", () => {
  let years: FiscalYearFinancials[];
  beforeAll(() => {
    years = extractFinancials(load("AAPL_companyfacts_CIK0000320193.json"));
  });

  it("reports fiscal 2025 revenue of 416,161,000,000 and net income of 112,010,000,000", () => {
    const fy2025 = years.find((y) => y.fiscalYear === 2025);
    expect(fy2025?.revenue?.value).toBe(416_161_000_000);
    expect(fy2025?.netIncome?.value).toBe(112_010_000_000);
    expect(fy2025).toMatchObject({
      periodEnd: "2025-09-27",
      form: "10-K",
      accessionNumber: "0000320193-25-000079",
    });
  });

  it("lists fiscal years newest first, one entry each", () => {
    const fiscalYears = years.map((y) => y.fiscalYear);
    expect(fiscalYears[0]).toBe(2025);
    expect(fiscalYears).toEqual([...fiscalYears].sort((a, b) => b - a));
    expect(new Set(fiscalYears).size).toBe(fiscalYears.length);
  });

  it("uses full-year durations, not quarters or year-to-date figures", () => {
    const revenue = years[0]?.revenue?.provenance;
    expect(revenue?.periodStart).toBe("2024-09-29");
    expect(revenue?.periodEnd).toBe("2025-09-27");
  });

  it("takes balance-sheet instants at the fiscal year end, with provenance", () => {
    expect(years[0]?.totalAssets).toEqual({
      value: 359_241_000_000,
      provenance: {
        taxonomy: "us-gaap",
        concept: "Assets",
        unit: "USD",
        accessionNumber: "0000320193-25-000079",
        form: "10-K",
        filed: "2025-10-31",
        periodEnd: "2025-09-27",
      },
      confidence: 1,
    });
  });

  it("dates a prior year by its period end although a later 10-K re-reports it under fy 2025", () => {
    const fy2024 = years.find((y) => y.fiscalYear === 2024);
    expect(fy2024?.revenue?.value).toBe(391_035_000_000);
    expect(fy2024?.accessionNumber).toBe("0000320193-24-000123");
    // The same figure was re-filed in the FY2025 10-K; the latest filing is cited.
    expect(fy2024?.revenue?.provenance.accessionNumber).toBe("0000320193-25-000079");
  });

  it("reads the cover-page share count of the year's own report", () => {
    expect(years[0]?.sharesOutstanding?.value).toBe(14_776_353_000);
    expect(years[0]?.sharesOutstanding?.provenance.taxonomy).toBe("dei");
  });
});

describeOnSharedCorpus("extractFinancials fallbacks and calendars", () => {
  it("names NVIDIA's year ending January 2025 fiscal 2025", () => {
    const years = extractFinancials(load("NVDA_companyfacts_CIK0001045810.json"));
    const fy2025 = years.find((y) => y.fiscalYear === 2025);
    expect(fy2025?.periodEnd).toBe("2025-01-26");
    expect(fy2025?.revenue?.value).toBe(130_497_000_000);
    expect(fy2025?.revenue?.provenance.concept).toBe("Revenues");
  });

  it("falls back per year when a company switches revenue concepts (Alphabet)", () => {
    const years = extractFinancials(load("GOOGL_companyfacts_CIK0001652044.json"));
    expect(years.find((y) => y.fiscalYear === 2025)?.revenue?.provenance.concept).toBe("Revenues");
    expect(years.find((y) => y.fiscalYear === 2024)?.revenue).toMatchObject({
      value: 350_018_000_000,
      provenance: { concept: "RevenueFromContractWithCustomerExcludingAssessedTax" },
    });
  });

  it("places a 52/53-week year ending in the first days of January in the year before", () => {
    expect(fiscalYearOfPeriodEnd("2022-01-01")).toBe(2021);
    expect(fiscalYearOfPeriodEnd("2025-01-26")).toBe(2025);
    expect(fiscalYearOfPeriodEnd("2025-09-27")).toBe(2025);
  });

  it("prefers a restated figure from a later amendment, and reads IFRS filers", () => {
    const fact = (val: number, accn: string, form: string, filed: string) => ({
      start: "2023-01-01",
      end: "2023-12-31",
      val,
      accn,
      fy: 2023,
      fp: "FY",
      form,
      filed,
    });
    const years = extractFinancials({
      cik: 1,
      entityName: "Example plc",
      facts: {
        "ifrs-full": {
          Revenue: {
            label: "Revenue",
            units: {
              EUR: [
                fact(100, "0000000001-24-000001", "20-F", "2024-03-01"),
                fact(90, "0000000001-24-000009", "20-F/A", "2024-09-01"),
                { ...fact(25, "0000000001-24-000005", "6-K", "2024-05-01"), start: "2023-10-01" },
              ],
            },
          },
        },
      },
    });
    expect(years).toHaveLength(1);
    expect(years[0]).toMatchObject({
      fiscalYear: 2023,
      form: "20-F",
      accessionNumber: "0000000001-24-000001",
    });
    expect(years[0]?.revenue).toMatchObject({ value: 90, provenance: { unit: "EUR", form: "20-F/A" } });
  });

  it("returns no years for a filer without annual reports", () => {
    expect(extractFinancials({ cik: 1, facts: {} })).toEqual([]);
  });
});

describeOnSharedCorpus("extractFinancials as the company reports them", () => {
  it("is less sure of a substitute concept and least of a last-resort one", () => {
    const fact = {
      start: "2023-01-01",
      end: "2023-12-31",
      accn: "0000000001-24-000001",
      form: "10-K",
      filed: "2024-03-01",
    };
    const [year] = extractFinancials({
      cik: 1,
      facts: {
        "us-gaap": {
          ProfitLoss: { units: { USD: [{ ...fact, val: 50 }] } },
          RevenueFromContractWithCustomerIncludingAssessedTax: { units: { USD: [{ ...fact, val: 500 }] } },
        },
      },
    });
    expect(year?.netIncome).toMatchObject({ value: 50, confidence: 0.9 });
    expect(year?.revenue).toMatchObject({ value: 500, confidence: 0.7 });
  });

  const duration = (val: number, accn: string, form: string, filed: string, fy = 2023) => ({
    start: "2023-01-29",
    end: "2024-02-03",
    val,
    accn,
    fy,
    fp: "FY",
    form,
    filed,
  });

  it("reports a 20-F filer in its reporting currency and keeps the US-dollar translation marked", () => {
    const years = extractFinancials(load("TSM_companyfacts_CIK0001046179.json"));
    const fy2024 = years.find((y) => y.fiscalYear === 2024);
    expect(fy2024?.revenue).toMatchObject({
      value: 2_894_307_700_000,
      provenance: { unit: "TWD", concept: "Revenue" },
      convenienceTranslation: { value: 88_268_000_000, unit: "USD" },
    });
    expect(fy2024?.netIncome?.provenance.concept).toBe("ProfitLossAttributableToOwnersOfParent");
  });

  it("takes a bank's total net revenue", () => {
    const fy2025 = extractFinancials(load("JPM_companyfacts_CIK0000019617.trimmed.json")).find(
      (y) => y.fiscalYear === 2025,
    );
    expect(fy2025?.revenue?.value).toBe(182_447_000_000);
  });

  it("takes the total revenues over contract revenue, names the year as the filer does, flags amendments and restatements", () => {
    const years = extractFinancials({
      cik: 1,
      facts: {
        "us-gaap": {
          RevenueFromContractWithCustomerExcludingAssessedTax: {
            units: { USD: [duration(640, "0000000001-24-000001", "10-K", "2024-03-20")] },
          },
          Revenues: {
            units: {
              USD: [
                duration(648, "0000000001-24-000001", "10-K", "2024-03-20"),
                duration(650, "0000000001-24-000007", "10-K/A", "2024-06-01"),
              ],
            },
          },
        },
      },
    });
    expect(years).toHaveLength(1);
    // A year ending 3 February 2024 that the filer calls fiscal 2023.
    expect(years[0]?.fiscalYear).toBe(2023);
    expect(years[0]?.revenue).toEqual({
      value: 650,
      provenance: {
        taxonomy: "us-gaap",
        concept: "Revenues",
        unit: "USD",
        accessionNumber: "0000000001-24-000007",
        form: "10-K/A",
        filed: "2024-06-01",
        periodStart: "2023-01-29",
        periodEnd: "2024-02-03",
        amended: true,
      },
      confidence: 1,
      restatedFrom: { value: 648, accessionNumber: "0000000001-24-000001", form: "10-K" },
    });
  });
});
