import { addDays, calendarQuarter, daysBetween } from "./dates";
import { type DemoFiling, QUARTER_WEIGHTS, quarterEnd, registrantFilings } from "./filings";
import type { DemoCompany, DemoFiscalYear, DemoSecProfile } from "./types";

/** One XBRL fact in companyfacts' layout (key order as EDGAR writes it). */
export interface CompanyFact {
  start?: string;
  end: string;
  val: number;
  accn: string;
  fy: number;
  fp: string;
  form: string;
  filed: string;
  frame?: string;
}

export interface CompanyFactsDocument {
  cik: number;
  entityName: string;
  facts: Record<
    string,
    Record<string, { label: string; description: string; units: Record<string, CompanyFact[]> }>
  >;
}

type Measure =
  | "revenue"
  | "netIncome"
  | "eps"
  | "operatingCashFlow"
  | "assets"
  | "liabilities"
  | "equity"
  | "cash";

const CONCEPTS: Record<"us-gaap" | "ifrs-full", Record<Exclude<Measure, "revenue">, string>> = {
  "us-gaap": {
    netIncome: "NetIncomeLoss",
    eps: "EarningsPerShareDiluted",
    operatingCashFlow: "NetCashProvidedByUsedInOperatingActivities",
    assets: "Assets",
    liabilities: "Liabilities",
    equity: "StockholdersEquity",
    cash: "CashAndCashEquivalentsAtCarryingValue",
  },
  "ifrs-full": {
    netIncome: "ProfitLoss",
    eps: "DilutedEarningsLossPerShare",
    operatingCashFlow: "CashFlowsFromUsedInOperatingActivities",
    assets: "Assets",
    liabilities: "Liabilities",
    equity: "Equity",
    cash: "CashAndCashEquivalents",
  },
};

const LABELS: Record<string, string> = {
  Revenues: "Revenues",
  SalesRevenueNet: "Sales Revenue, Net",
  RevenueFromContractWithCustomerExcludingAssessedTax:
    "Revenue from Contract with Customer, Excluding Assessed Tax",
  Revenue: "Revenue",
  NetIncomeLoss: "Net Income (Loss) Attributable to Parent",
  ProfitLoss: "Profit (loss)",
  EarningsPerShareDiluted: "Earnings Per Share, Diluted",
  DilutedEarningsLossPerShare: "Diluted earnings (loss) per share",
  NetCashProvidedByUsedInOperatingActivities: "Net Cash Provided by (Used in) Operating Activities",
  CashFlowsFromUsedInOperatingActivities: "Cash flows from (used in) operating activities",
  Assets: "Assets",
  Liabilities: "Liabilities",
  StockholdersEquity: "Stockholders' Equity Attributable to Parent",
  Equity: "Equity",
  CashAndCashEquivalentsAtCarryingValue: "Cash and Cash Equivalents, at Carrying Value",
  CashAndCashEquivalents: "Cash and cash equivalents",
  EntityCommonStockSharesOutstanding: "Entity Common Stock, Shares Outstanding",
};

const INSTANTS = new Set<Measure>(["assets", "liabilities", "equity", "cash"]);
const round2 = (value: number): number => Math.round(value * 100) / 100;

function revenueConcept(sec: DemoSecProfile, filingFy: number): string {
  let concept = sec.revenueConcepts[0]?.concept ?? "Revenues";
  for (const entry of sec.revenueConcepts) if (entry.fromFy <= filingFy) concept = entry.concept;
  return concept;
}

/** A year's value of a measure scaled to the first `quarters` quarters (all four = the year). */
function periodValue(year: DemoFiscalYear, measure: Measure, fromQuarter: number, toQuarter: number): number {
  if (INSTANTS.has(measure)) return year[measure as "assets"];
  let share = 0;
  for (let q = fromQuarter; q <= toQuarter; q++) share += QUARTER_WEIGHTS[q - 1] ?? 0;
  if (measure === "eps") return round2((year.netIncome * share) / (year.sharesOutstanding * 1.01));
  const value = year[measure as "revenue"];
  return share === 1 ? value : Math.round((value * share) / 1000) * 1000;
}

/** Balance at a quarter end, moving linearly from last year's closing balance. */
function instantAt(
  previous: DemoFiscalYear | undefined,
  year: DemoFiscalYear,
  measure: Measure,
  quarter: number,
) {
  const closing = year[measure as "assets"];
  const opening = previous ? previous[measure as "assets"] : closing * 0.95;
  return Math.round((opening + ((closing - opening) * quarter) / 4) / 1000) * 1000;
}

const quarterStart = (year: DemoFiscalYear, quarter: number): string =>
  quarter === 1 ? year.start : addDays(quarterEnd(year, quarter - 1), 1);

function frameOf(fact: CompanyFact): string | undefined {
  if (!fact.start) return `CY${fact.end.slice(0, 4)}Q${calendarQuarter(fact.end)}I`;
  const days = daysBetween(fact.start, fact.end);
  const middle = addDays(fact.start, Math.floor(days / 2));
  if (days > 350 && days < 380) return `CY${middle.slice(0, 4)}`;
  if (days > 80 && days < 100) return `CY${middle.slice(0, 4)}Q${calendarQuarter(middle)}`;
  return undefined;
}

/**
 * Renders a registrant's companyfacts: annual reports state three years of flows and two
 * balance sheets, 10-Qs state three-month and year-to-date periods, and — like EDGAR — the
 * `frame` goes only to the latest filed fact for each period.
 */
export function renderCompanyFacts(company: DemoCompany): CompanyFactsDocument {
  const sec = company.sec;
  if (!sec) throw new TypeError(`${company.name} has no SEC profile`);
  const taxonomy: Record<string, Map<string, CompanyFact[]>> = { dei: new Map(), [sec.taxonomy]: new Map() };
  const add = (prefix: string, concept: string, unit: string, fact: CompanyFact): void => {
    const byUnit = taxonomy[prefix] as Map<string, CompanyFact[]>;
    const key = `${concept}|${unit}`;
    const list = byUnit.get(key) ?? [];
    list.push(fact);
    byUnit.set(key, list);
  };
  const currency = sec.currency;
  const byFy = new Map([...sec.years, sec.interimYear].map((year) => [year.fy, year]));
  const unitOf = (measure: Measure): string => (measure === "eps" ? `${currency}/shares` : currency);
  const conceptOf = (measure: Measure, filing: DemoFiling): string =>
    measure === "revenue" ? revenueConcept(sec, filing.fy) : CONCEPTS[sec.taxonomy][measure];

  const report = (
    filing: DemoFiling,
    measure: Measure,
    start: string | undefined,
    end: string,
    val: number,
  ) => {
    const meta = { accn: filing.accessionNumber, fy: filing.fy, fp: filing.fp ?? "FY" };
    const tail = { form: filing.form, filed: filing.filingDate };
    add(sec.taxonomy, conceptOf(measure, filing), unitOf(measure), {
      ...(start ? { start } : {}),
      end,
      val,
      ...meta,
      ...tail,
    });
  };

  const measures: Measure[] = [
    "revenue",
    "netIncome",
    "eps",
    "operatingCashFlow",
    "assets",
    "liabilities",
    "equity",
    "cash",
  ];
  for (const filing of registrantFilings(sec)) {
    const year = byFy.get(filing.fy);
    if (!year || filing.fp === null) continue;
    const previous = byFy.get(filing.fy - 1);
    if (filing.fp === "FY") {
      for (const measure of measures) {
        const span = INSTANTS.has(measure) ? 2 : 3;
        for (let back = 0; back < span; back++) {
          const period = byFy.get(filing.fy - back);
          if (!period || period === sec.interimYear) continue;
          let val = periodValue(period, measure, 1, 4);
          const restatement = sec.restatement;
          if (measure === "netIncome" && restatement?.fy === period.fy && filing.fy === restatement.fy) {
            val = restatement.originalValue;
          }
          report(filing, measure, INSTANTS.has(measure) ? undefined : period.start, period.end, val);
        }
      }
      add("dei", "EntityCommonStockSharesOutstanding", "shares", {
        end: addDays(filing.filingDate, -25),
        val: year.sharesOutstanding,
        accn: filing.accessionNumber,
        fy: filing.fy,
        fp: "FY",
        form: filing.form,
        filed: filing.filingDate,
      });
      continue;
    }
    const quarter = Number(filing.fp.slice(1));
    const end = quarterEnd(year, quarter);
    for (const measure of measures) {
      if (INSTANTS.has(measure)) {
        report(filing, measure, undefined, end, instantAt(previous, year, measure, quarter));
        if (previous && sec.years.includes(previous)) {
          report(filing, measure, undefined, previous.end, periodValue(previous, measure, 1, 4));
        }
        continue;
      }
      // Cash flow statements in a 10-Q only cover the year to date.
      if (measure !== "operatingCashFlow") {
        report(
          filing,
          measure,
          quarterStart(year, quarter),
          end,
          periodValue(year, measure, quarter, quarter),
        );
        if (previous && sec.years.includes(previous)) {
          const priorEnd = quarterEnd(previous, quarter);
          report(
            filing,
            measure,
            quarterStart(previous, quarter),
            priorEnd,
            periodValue(previous, measure, quarter, quarter),
          );
        }
      }
      if (quarter > 1 || measure === "operatingCashFlow") {
        report(filing, measure, year.start, end, periodValue(year, measure, 1, quarter));
      }
    }
    add("dei", "EntityCommonStockSharesOutstanding", "shares", {
      end: addDays(filing.filingDate, -5),
      val: year.sharesOutstanding,
      accn: filing.accessionNumber,
      fy: filing.fy,
      fp: filing.fp,
      form: filing.form,
      filed: filing.filingDate,
    });
  }
  return { cik: sec.cik, entityName: company.name, facts: finish(taxonomy) };
}

/** Sorts facts like EDGAR (by period), gives each period's latest filed fact its frame, adds labels. */
function finish(taxonomy: Record<string, Map<string, CompanyFact[]>>): CompanyFactsDocument["facts"] {
  const facts: CompanyFactsDocument["facts"] = {};
  for (const [prefix, byConcept] of Object.entries(taxonomy)) {
    const concepts: CompanyFactsDocument["facts"][string] = {};
    for (const [key, list] of byConcept) {
      const [concept = key, unit = "USD"] = key.split("|");
      const latestByPeriod = new Map<string, CompanyFact>();
      for (const fact of list) latestByPeriod.set(`${fact.start ?? ""}|${fact.end}`, fact);
      for (const fact of latestByPeriod.values()) {
        const frame = frameOf(fact);
        if (frame) fact.frame = frame;
      }
      list.sort(
        (a, b) =>
          a.end.localeCompare(b.end) ||
          (a.start ?? "").localeCompare(b.start ?? "") ||
          a.filed.localeCompare(b.filed),
      );
      const label = LABELS[concept] ?? concept;
      const entry = concepts[concept] ?? { label, description: `${label}, as reported.`, units: {} };
      entry.units[unit] = list;
      concepts[concept] = entry;
    }
    facts[prefix] = concepts;
  }
  return facts;
}
