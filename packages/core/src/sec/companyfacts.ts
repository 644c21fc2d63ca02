import { z } from "zod";
import { ANNUAL_REPORT_FORMS } from "./submissions";

const FactValue = z.looseObject({
  start: z.string().optional(),
  end: z.string(),
  val: z.number(),
  accn: z.string(),
  fy: z.number().nullish(),
  fp: z.string().nullish(),
  form: z.string(),
  filed: z.string(),
  frame: z.string().optional(),
});
type FactValue = z.infer<typeof FactValue>;

const Concept = z.looseObject({
  label: z.string().nullish(),
  units: z.record(z.string(), z.array(FactValue)),
});

/** data.sec.gov/api/xbrl/companyfacts/CIK##########.json (tolerant: unknown fields pass). */
export const CompanyFactsJson = z.looseObject({
  cik: z.union([z.number(), z.string()]),
  entityName: z.string().nullish(),
  facts: z.record(z.string(), z.record(z.string(), Concept)).default({}),
});
export type CompanyFactsJson = z.infer<typeof CompanyFactsJson>;

/** Where a number came from: enough to find the exact fact in EDGAR again. */
export const FactProvenance = z.object({
  taxonomy: z.string(),
  concept: z.string(),
  unit: z.string(),
  accessionNumber: z.string(),
  form: z.string(),
  filed: z.string(),
  periodStart: z.string().optional(),
  periodEnd: z.string(),
});
export type FactProvenance = z.infer<typeof FactProvenance>;

export const SourcedValue = z.object({ value: z.number(), provenance: FactProvenance });
export type SourcedValue = z.infer<typeof SourcedValue>;

export const FINANCIAL_METRICS = [
  "revenue",
  "netIncome",
  "totalAssets",
  "totalLiabilities",
  "stockholdersEquity",
  "cashAndEquivalents",
  "operatingCashFlow",
  "epsDiluted",
  "sharesOutstanding",
  "employees",
] as const;
export type FinancialMetric = (typeof FINANCIAL_METRICS)[number];

export const FiscalYearFinancials = z.object({
  fiscalYear: z.number().int(),
  periodEnd: z.string(),
  form: z.string(),
  accessionNumber: z.string(),
  filed: z.string(),
  ...Object.fromEntries(FINANCIAL_METRICS.map((m) => [m, SourcedValue.optional()])),
} as {
  fiscalYear: z.ZodNumber;
  periodEnd: z.ZodString;
  form: z.ZodString;
  accessionNumber: z.ZodString;
  filed: z.ZodString;
} & Record<FinancialMetric, z.ZodOptional<typeof SourcedValue>>);
export type FiscalYearFinancials = z.infer<typeof FiscalYearFinancials>;

type PeriodKind = "duration" | "instant" | "cover";
type UnitKind = "currency" | "perShare" | "shares" | "pure";

interface MetricRule {
  kind: PeriodKind;
  unit: UnitKind;
  /** Concepts in order of preference; the first with a value for the period wins. */
  concepts: ReadonlyArray<readonly [taxonomy: string, concept: string]>;
}

/** Concept fallback chains; us-gaap first, then IFRS for 20-F/40-F filers, then dei cover facts. */
export const METRIC_RULES: Readonly<Record<FinancialMetric, MetricRule>> = {
  revenue: {
    kind: "duration",
    unit: "currency",
    concepts: [
      ["us-gaap", "RevenueFromContractWithCustomerExcludingAssessedTax"],
      ["us-gaap", "Revenues"],
      ["us-gaap", "SalesRevenueNet"],
      ["us-gaap", "RevenueFromContractWithCustomerIncludingAssessedTax"],
      ["us-gaap", "SalesRevenueGoodsNet"],
      ["us-gaap", "SalesRevenueServicesNet"],
      ["us-gaap", "RevenuesNetOfInterestExpense"],
      ["ifrs-full", "Revenue"],
      ["ifrs-full", "RevenueFromContractsWithCustomers"],
    ],
  },
  netIncome: {
    kind: "duration",
    unit: "currency",
    concepts: [
      ["us-gaap", "NetIncomeLoss"],
      ["us-gaap", "NetIncomeLossAvailableToCommonStockholdersBasic"],
      ["us-gaap", "ProfitLoss"],
      ["ifrs-full", "ProfitLossAttributableToOwnersOfParent"],
      ["ifrs-full", "ProfitLoss"],
    ],
  },
  totalAssets: {
    kind: "instant",
    unit: "currency",
    concepts: [
      ["us-gaap", "Assets"],
      ["ifrs-full", "Assets"],
    ],
  },
  totalLiabilities: {
    kind: "instant",
    unit: "currency",
    concepts: [
      ["us-gaap", "Liabilities"],
      ["ifrs-full", "Liabilities"],
    ],
  },
  stockholdersEquity: {
    kind: "instant",
    unit: "currency",
    concepts: [
      ["us-gaap", "StockholdersEquity"],
      ["us-gaap", "StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest"],
      ["ifrs-full", "EquityAttributableToOwnersOfParent"],
      ["ifrs-full", "Equity"],
    ],
  },
  cashAndEquivalents: {
    kind: "instant",
    unit: "currency",
    concepts: [
      ["us-gaap", "CashAndCashEquivalentsAtCarryingValue"],
      ["us-gaap", "Cash"],
      ["us-gaap", "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents"],
      ["ifrs-full", "CashAndCashEquivalents"],
    ],
  },
  operatingCashFlow: {
    kind: "duration",
    unit: "currency",
    concepts: [
      ["us-gaap", "NetCashProvidedByUsedInOperatingActivities"],
      ["us-gaap", "NetCashProvidedByUsedInOperatingActivitiesContinuingOperations"],
      ["ifrs-full", "CashFlowsFromUsedInOperatingActivities"],
    ],
  },
  epsDiluted: {
    kind: "duration",
    unit: "perShare",
    concepts: [
      ["us-gaap", "EarningsPerShareDiluted"],
      ["us-gaap", "EarningsPerShareBasicAndDiluted"],
      ["ifrs-full", "DilutedEarningsLossPerShare"],
    ],
  },
  sharesOutstanding: {
    kind: "cover",
    unit: "shares",
    concepts: [
      ["dei", "EntityCommonStockSharesOutstanding"],
      ["us-gaap", "CommonStockSharesOutstanding"],
    ],
  },
  employees: {
    kind: "cover",
    unit: "pure",
    concepts: [["dei", "EntityNumberOfEmployees"]],
  },
};

const DAY_MS = 86_400_000;
/** A fiscal year is 52 or 53 weeks (364/371 days); the window leaves room for odd calendars. */
const FULL_YEAR_DAYS = { min: 350, max: 380 } as const;

function days(start: string, end: string): number {
  return Math.round((Date.parse(end) - Date.parse(start)) / DAY_MS);
}

function isFullYear(fact: FactValue): boolean {
  if (fact.start === undefined) return false;
  const length = days(fact.start, fact.end);
  return length >= FULL_YEAR_DAYS.min && length <= FULL_YEAR_DAYS.max;
}

/**
 * The fiscal year a period belongs to, from its end date: the calendar year of the end, except
 * that a 52/53-week year ending in the first week of January belongs to the year before
 * (it ends on the Saturday nearest December 31). The filing's own `fy` is not used: a 10-K
 * re-reports two earlier years under its own `fy`.
 */
export function fiscalYearOfPeriodEnd(periodEnd: string): number {
  const date = new Date(`${periodEnd}T00:00:00Z`);
  const year = date.getUTCFullYear();
  return date.getUTCMonth() === 0 && date.getUTCDate() <= 7 ? year - 1 : year;
}

function unitMatches(unit: string, kind: UnitKind): boolean {
  switch (kind) {
    case "currency":
      return /^[A-Z]{3}$/.test(unit);
    case "perShare":
      return /^[A-Z]{3}\/shares$/.test(unit);
    case "shares":
      return unit === "shares";
    case "pure":
      return unit === "pure" || unit === "employee" || unit === "Employee" || unit === "number";
  }
}

/** USD first (most filers), then any other unit of the right kind in file order. */
function unitsInPreference(units: Record<string, FactValue[]>, kind: UnitKind): string[] {
  const matching = Object.keys(units).filter((u) => unitMatches(u, kind));
  return matching.sort((a, b) => Number(!a.startsWith("USD")) - Number(!b.startsWith("USD")));
}

/** The latest-filed fact wins, so restatements replace the original figure. */
function latestFiled(facts: readonly FactValue[]): FactValue | undefined {
  return facts.reduce<FactValue | undefined>(
    (best, f) =>
      best === undefined || f.filed > best.filed || (f.filed === best.filed && f.accn > best.accn) ? f : best,
    undefined,
  );
}

/** Several cover dates in one report: the latest date is the count nearest the filing. */
function latestCoverFact(facts: readonly FactValue[]): FactValue | undefined {
  const lastEnd = facts
    .map((f) => f.end)
    .sort()
    .at(-1);
  return latestFiled(facts.filter((f) => f.end === lastEnd));
}

interface AnnualPeriod {
  periodEnd: string;
  fiscalYear: number;
  /** The original annual report that covers this period as its current year. */
  report: { accessionNumber: string; form: string; filed: string };
}

/**
 * Fiscal-year ends, found from full-year durations in annual reports. Each annual report's
 * current period is the latest full-year end it contains; the first report for a period names it.
 */
function annualPeriods(facts: CompanyFactsJson["facts"]): AnnualPeriod[] {
  const currentEndByAccession = new Map<string, { end: string; form: string; filed: string }>();
  for (const taxonomy of Object.values(facts)) {
    for (const concept of Object.values(taxonomy)) {
      for (const values of Object.values(concept.units)) {
        for (const fact of values) {
          if (!ANNUAL_REPORT_FORMS.has(fact.form) || !isFullYear(fact)) continue;
          const known = currentEndByAccession.get(fact.accn);
          if (!known || fact.end > known.end) {
            currentEndByAccession.set(fact.accn, { end: fact.end, form: fact.form, filed: fact.filed });
          }
        }
      }
    }
  }
  const byEnd = new Map<string, AnnualPeriod>();
  for (const [accessionNumber, { end, form, filed }] of currentEndByAccession) {
    const known = byEnd.get(end);
    const isEarlier = !known || filed < known.report.filed;
    const replacesAmendment = known?.report.form.endsWith("/A") === true && !form.endsWith("/A");
    if (isEarlier || replacesAmendment) {
      byEnd.set(end, {
        periodEnd: end,
        fiscalYear: fiscalYearOfPeriodEnd(end),
        report: { accessionNumber, form, filed },
      });
    }
  }
  // Two ends in one fiscal year (a changed year end): keep the later one.
  const byYear = new Map<number, AnnualPeriod>();
  for (const period of byEnd.values()) {
    const known = byYear.get(period.fiscalYear);
    if (!known || period.periodEnd > known.periodEnd) byYear.set(period.fiscalYear, period);
  }
  return [...byYear.values()].sort((a, b) => b.periodEnd.localeCompare(a.periodEnd));
}

function pickFact(fact: FactValue, kind: PeriodKind, period: AnnualPeriod): boolean {
  if (!ANNUAL_REPORT_FORMS.has(fact.form)) return false;
  switch (kind) {
    case "duration":
      return fact.end === period.periodEnd && isFullYear(fact);
    case "instant":
      return fact.start === undefined && fact.end === period.periodEnd;
    case "cover":
      // Cover facts are dated after year end (the share count "as of" the filing date).
      return fact.accn === period.report.accessionNumber;
  }
}

function metricValue(
  facts: CompanyFactsJson["facts"],
  rule: MetricRule,
  period: AnnualPeriod,
): SourcedValue | undefined {
  for (const [taxonomy, conceptName] of rule.concepts) {
    const concept = facts[taxonomy]?.[conceptName];
    if (!concept) continue;
    for (const unit of unitsInPreference(concept.units, rule.unit)) {
      const candidates = (concept.units[unit] ?? []).filter((f) => pickFact(f, rule.kind, period));
      const chosen = rule.kind === "cover" ? latestCoverFact(candidates) : latestFiled(candidates);
      if (chosen) {
        const provenance: FactProvenance = {
          taxonomy,
          concept: conceptName,
          unit,
          accessionNumber: chosen.accn,
          form: chosen.form,
          filed: chosen.filed,
          periodEnd: chosen.end,
        };
        if (chosen.start !== undefined) provenance.periodStart = chosen.start;
        return { value: chosen.val, provenance };
      }
    }
  }
  return undefined;
}

/**
 * Annual financials from an XBRL companyfacts document: one entry per fiscal year reported in
 * an annual report (10-K, 20-F, 40-F and amendments), newest first. Flows are full-year
 * durations ending at the fiscal year end, balance-sheet items are instants at that date, and a
 * restated figure replaces the original (latest filed wins). Every value carries provenance.
 * @example extractFinancials(appleFacts)[0] // { fiscalYear: 2025, revenue: { value: 416161000000, ... } }
 */
export function extractFinancials(companyfactsJson: unknown): FiscalYearFinancials[] {
  const { facts } = CompanyFactsJson.parse(companyfactsJson);
  return annualPeriods(facts).map((period) => {
    const entry: FiscalYearFinancials = {
      fiscalYear: period.fiscalYear,
      periodEnd: period.periodEnd,
      form: period.report.form,
      accessionNumber: period.report.accessionNumber,
      filed: period.report.filed,
    };
    for (const metric of FINANCIAL_METRICS) {
      const value = metricValue(facts, METRIC_RULES[metric], period);
      if (value) entry[metric] = value;
    }
    return entry;
  });
}
