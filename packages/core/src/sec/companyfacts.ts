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
  /** The fact comes from an amended report (10-K/A, 20-F/A), not the original. */
  amended: z.boolean().optional(),
});
export type FactProvenance = z.infer<typeof FactProvenance>;

/** The same figure in another currency, printed beside the statements for readers (never the value). */
export const ConvenienceTranslation = z.object({ value: z.number(), unit: z.string() });
export type ConvenienceTranslation = z.infer<typeof ConvenienceTranslation>;

/** The figure the year's own report first printed, when a later report changed it. */
export const OriginalValue = z.object({ value: z.number(), accessionNumber: z.string(), form: z.string() });
export type OriginalValue = z.infer<typeof OriginalValue>;

export const SourcedValue = z.object({
  value: z.number(),
  provenance: FactProvenance,
  /** How sure the concept is the metric: see {@link CONCEPT_CONFIDENCE}. */
  confidence: z.number().min(0).max(1),
  /** Present when a later report (an amendment or a later year's report) restated the figure. */
  restatedFrom: OriginalValue.optional(),
  convenienceTranslation: ConvenienceTranslation.optional(),
});
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

type ConceptRef = readonly [taxonomy: string, concept: string];

interface MetricRule {
  kind: PeriodKind;
  unit: UnitKind;
  /** Concepts in order of preference; the first with a value for the period wins. */
  concepts: ReadonlyArray<ConceptRef>;
  /**
   * Concepts that are all candidates for the same total: the largest value for the period wins
   * (a total is never smaller than a component the filer also tags), ties in the listed order.
   * Tried after `concepts` found nothing.
   */
  largestOf?: ReadonlyArray<ConceptRef>;
  /** Last resort when neither list has a value. */
  fallback?: ReadonlyArray<ConceptRef>;
}

/** Concept fallback chains; us-gaap first, then IFRS for 20-F/40-F filers, then dei cover facts. */
export const METRIC_RULES: Readonly<Record<FinancialMetric, MetricRule>> = {
  revenue: {
    kind: "duration",
    unit: "currency",
    // A bank's income statement total is its revenue net of interest expense ("total net revenue");
    // its gross `Revenues`, when tagged, adds back interest expense.
    concepts: [["us-gaap", "RevenuesNetOfInterestExpense"]],
    // Otherwise the income statement's total: a retailer's `Revenues` (contract revenue plus
    // membership and other income) rather than its contract revenue alone.
    largestOf: [
      ["us-gaap", "RevenueFromContractWithCustomerExcludingAssessedTax"],
      ["us-gaap", "Revenues"],
      ["us-gaap", "SalesRevenueNet"],
      ["us-gaap", "SalesRevenueGoodsNet"],
      ["us-gaap", "SalesRevenueServicesNet"],
      ["ifrs-full", "Revenue"],
      ["ifrs-full", "RevenueFromContractsWithCustomers"],
    ],
    // Revenue including excise and sales taxes is a gross figure, used only when nothing else is tagged.
    fallback: [["us-gaap", "RevenueFromContractWithCustomerIncludingAssessedTax"]],
  },
  netIncome: {
    kind: "duration",
    unit: "currency",
    concepts: [
      // Attributable to the parent; ProfitLoss includes noncontrolling interests and is the
      // parent's figure only for a filer that tags nothing else (it then has none).
      ["us-gaap", "NetIncomeLoss"],
      ["ifrs-full", "ProfitLossAttributableToOwnersOfParent"],
      ["us-gaap", "ProfitLoss"],
      ["ifrs-full", "ProfitLoss"],
      ["us-gaap", "NetIncomeLossAvailableToCommonStockholdersBasic"],
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
 * (it ends on the Saturday nearest December 31). A fact's `fy` does not date its period: a 10-K
 * re-reports two earlier years under its own `fy`; only a filer-wide lag (see `fiscalYearLag`)
 * shifts the name.
 */
export function fiscalYearOfPeriodEnd(periodEnd: string): number {
  const date = new Date(`${periodEnd}T00:00:00Z`);
  const year = date.getUTCFullYear();
  return date.getUTCMonth() === 0 && date.getUTCDate() <= 7 ? year - 1 : year;
}

/**
 * How many years a filer's own fiscal-year names lag the end dates: 1 for a retailer that calls
 * the year ending 1 February 2025 "fiscal 2024", 0 for most. Read from the `fy` its annual reports
 * give their current periods, by majority, because single reports carry slips (a filer that names
 * its years by their end once tagged a year one lower).
 */
function fiscalYearLag(reports: ReadonlyArray<{ end: string; fy: number | null | undefined }>): number {
  let lagged = 0;
  let aligned = 0;
  for (const { end, fy } of reports) {
    if (typeof fy !== "number") continue;
    const lag = fiscalYearOfPeriodEnd(end) - fy;
    if (lag === 1) lagged++;
    else if (lag === 0) aligned++;
  }
  return lagged > aligned ? 1 : 0;
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

/**
 * The currency of the primary statements: the one most annual-report facts are in. A 20-F
 * filer's US-dollar convenience translation covers the latest year of a few lines only, so it
 * never outnumbers the reporting currency.
 */
export function reportingCurrency(facts: CompanyFactsJson["facts"]): string | undefined {
  const counts = new Map<string, number>();
  for (const taxonomy of Object.values(facts)) {
    for (const concept of Object.values(taxonomy)) {
      for (const [unit, values] of Object.entries(concept.units)) {
        if (!unitMatches(unit, "currency")) continue;
        const annual = values.filter((f) => ANNUAL_REPORT_FORMS.has(f.form)).length;
        counts.set(unit, (counts.get(unit) ?? 0) + annual);
      }
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** Units a metric may take its value from: only the reporting currency for money. */
function valueUnits(
  units: Record<string, FactValue[]>,
  kind: UnitKind,
  currency: string | undefined,
): string[] {
  const matching = Object.keys(units).filter((u) => unitMatches(u, kind));
  switch (kind) {
    case "currency":
      return matching.filter((u) => u === currency);
    case "perShare":
      return matching.sort(
        (a, b) => Number(!a.startsWith(`${currency}/`)) - Number(!b.startsWith(`${currency}/`)),
      );
    default:
      return matching;
  }
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
  const currentEndByAccession = new Map<
    string,
    { end: string; form: string; filed: string; fy: number | null | undefined }
  >();
  for (const taxonomy of Object.values(facts)) {
    for (const concept of Object.values(taxonomy)) {
      for (const values of Object.values(concept.units)) {
        for (const fact of values) {
          if (!ANNUAL_REPORT_FORMS.has(fact.form) || !isFullYear(fact)) continue;
          const known = currentEndByAccession.get(fact.accn);
          if (!known || fact.end > known.end) {
            currentEndByAccession.set(fact.accn, {
              end: fact.end,
              form: fact.form,
              filed: fact.filed,
              fy: fact.fy,
            });
          }
        }
      }
    }
  }
  const lag = fiscalYearLag([...currentEndByAccession.values()]);
  const byEnd = new Map<string, AnnualPeriod>();
  for (const [accessionNumber, { end, form, filed }] of currentEndByAccession) {
    const known = byEnd.get(end);
    const isEarlier = !known || filed < known.report.filed;
    const replacesAmendment = known?.report.form.endsWith("/A") === true && !form.endsWith("/A");
    if (isEarlier || replacesAmendment) {
      byEnd.set(end, {
        periodEnd: end,
        fiscalYear: fiscalYearOfPeriodEnd(end) - lag,
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

function conceptValue(
  facts: CompanyFactsJson["facts"],
  [taxonomy, conceptName]: ConceptRef,
  rule: MetricRule,
  period: AnnualPeriod,
  currency: string | undefined,
): SourcedValue | undefined {
  const concept = facts[taxonomy]?.[conceptName];
  if (!concept) return undefined;
  for (const unit of valueUnits(concept.units, rule.unit, currency)) {
    const candidates = (concept.units[unit] ?? []).filter((f) => pickFact(f, rule.kind, period));
    const chosen = rule.kind === "cover" ? latestCoverFact(candidates) : latestFiled(candidates);
    if (!chosen) continue;
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
    if (chosen.form.endsWith("/A")) provenance.amended = true;
    const sourced: SourcedValue = { value: chosen.val, provenance, confidence: CONCEPT_CONFIDENCE.primary };
    const original = candidates.find((f) => f.accn === period.report.accessionNumber);
    if (original && original.val !== chosen.val) {
      sourced.restatedFrom = { value: original.val, accessionNumber: original.accn, form: original.form };
    }
    const translation =
      rule.unit === "currency" ? convenienceTranslation(concept.units, unit, chosen) : undefined;
    if (translation) sourced.convenienceTranslation = translation;
    return sourced;
  }
  return undefined;
}

/** The same fact of the same report in another currency: a translation printed for readers. */
function convenienceTranslation(
  units: Record<string, FactValue[]>,
  valueUnit: string,
  chosen: FactValue,
): ConvenienceTranslation | undefined {
  for (const [unit, values] of Object.entries(units)) {
    if (unit === valueUnit || !unitMatches(unit, "currency")) continue;
    const twin = values.find(
      (f) => f.accn === chosen.accn && f.end === chosen.end && f.start === chosen.start,
    );
    if (twin) return { value: twin.val, unit };
  }
  return undefined;
}

/**
 * Confidence of a value by how its concept was chosen: the metric's own concept or the largest
 * of the candidate totals is the metric as filed (1); a later concept of the ordered list is the
 * filer's substitute for it, e.g. ProfitLoss where NetIncomeLoss is not tagged (0.9); a last-resort
 * concept is a near relative only, e.g. revenue including excise taxes (0.7).
 */
export const CONCEPT_CONFIDENCE = { primary: 1, substitute: 0.9, lastResort: 0.7 } as const;

function metricValue(
  facts: CompanyFactsJson["facts"],
  rule: MetricRule,
  period: AnnualPeriod,
  currency: string | undefined,
): SourcedValue | undefined {
  for (const [index, ref] of rule.concepts.entries()) {
    const value = conceptValue(facts, ref, rule, period, currency);
    if (value) {
      return {
        ...value,
        confidence: index === 0 ? CONCEPT_CONFIDENCE.primary : CONCEPT_CONFIDENCE.substitute,
      };
    }
  }
  let largest: SourcedValue | undefined;
  for (const ref of rule.largestOf ?? []) {
    const value = conceptValue(facts, ref, rule, period, currency);
    if (value && (largest === undefined || value.value > largest.value)) largest = value;
  }
  if (largest) return { ...largest, confidence: CONCEPT_CONFIDENCE.primary };
  for (const ref of rule.fallback ?? []) {
    const value = conceptValue(facts, ref, rule, period, currency);
    if (value) return { ...value, confidence: CONCEPT_CONFIDENCE.lastResort };
  }
  return undefined;
}

/**
 * Annual financials from an XBRL companyfacts document: one entry per fiscal year reported in
 * an annual report (10-K, 20-F, 40-F and amendments), newest first. Flows are full-year
 * durations ending at the fiscal year end, balance-sheet items are instants at that date. Money
 * is in the reporting currency (a convenience translation rides along, marked as such); a
 * restated figure replaces the original (latest filed wins) and says so in `restatedFrom`, and a
 * figure from an amendment is marked `amended`. Every value carries provenance.
 * @example extractFinancials(appleFacts)[0] // { fiscalYear: 2025, revenue: { value: 416161000000, ... } }
 */
export function extractFinancials(companyfactsJson: unknown): FiscalYearFinancials[] {
  const { facts } = CompanyFactsJson.parse(companyfactsJson);
  const currency = reportingCurrency(facts);
  return annualPeriods(facts).map((period) => {
    const entry: FiscalYearFinancials = {
      fiscalYear: period.fiscalYear,
      periodEnd: period.periodEnd,
      form: period.report.form,
      accessionNumber: period.report.accessionNumber,
      filed: period.report.filed,
    };
    for (const metric of FINANCIAL_METRICS) {
      const value = metricValue(facts, METRIC_RULES[metric], period, currency);
      if (value) entry[metric] = value;
    }
    return entry;
  });
}
