import { addDays, daysBetween } from "./dates";
import type { DemoFiscalYear, DemoSecProfile } from "./types";

export type FiscalPeriod = "FY" | "Q1" | "Q2" | "Q3";

/** One filing in a registrant's history: a row of submissions' `filings.recent`. */
export interface DemoFiling {
  accessionNumber: string;
  filingDate: string;
  reportDate: string;
  form: string;
  primaryDocument: string;
  primaryDocDescription: string;
  items: string;
  /** Fiscal year and period the filing reports (XBRL filings only). */
  fy: number;
  fp: FiscalPeriod | null;
}

/** Share of annual revenue and earnings each quarter carries; Q4 is what the year leaves. */
export const QUARTER_WEIGHTS = [0.235, 0.245, 0.25, 0.27] as const;

/** End date of fiscal quarter `quarter` (1–4) of a fiscal year. */
export function quarterEnd(year: DemoFiscalYear, quarter: number): string {
  if (quarter === 4) return year.end;
  // Month-end years close quarters on month ends; 52/53-week years (e.g. "0928") every ~13 weeks.
  if (isMonthEnd(year.end)) return monthEnd(year.start, quarter * 3 - 1);
  const length = daysBetween(year.start, year.end) + 1;
  return addDays(year.start, Math.round((quarter * length) / 4) - 1);
}

const isMonthEnd = (isoDate: string): boolean => addDays(isoDate, 1).slice(8, 10) === "01";

/** Last day of the month `months` after the month of `isoDate`. */
function monthEnd(isoDate: string, months: number): string {
  const date = new Date(
    Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1 + months + 1, 0),
  );
  return date.toISOString().slice(0, 10);
}

const compactDate = (isoDate: string): string => isoDate.replaceAll("-", "");

/**
 * Every filing of a registrant in chronological order: annual reports, 10-Q quarters (also
 * for the interim year), earnings 8-Ks, proxy statements and Form 4s — with accession
 * numbers numbered per filing year like EDGAR's.
 */
export function registrantFilings(sec: DemoSecProfile): DemoFiling[] {
  const ticker = (sec.tickers[0] ?? `cik${sec.cik}`).toLowerCase();
  const drafts: Omit<DemoFiling, "accessionNumber">[] = [];
  const domestic = sec.annualForm === "10-K";
  const quarterly = (year: DemoFiscalYear, quarters: number): void => {
    for (let quarter = 1; quarter <= quarters; quarter++) {
      const reportDate = quarterEnd(year, quarter);
      const filingDate = addDays(reportDate, 40);
      if (domestic) {
        drafts.push({
          filingDate,
          reportDate,
          form: "10-Q",
          primaryDocument: `${ticker}-${compactDate(reportDate)}.htm`,
          primaryDocDescription: "10-Q",
          items: "",
          fy: year.fy,
          fp: `Q${quarter}` as FiscalPeriod,
        });
      }
      drafts.push({
        filingDate: addDays(filingDate, -1),
        reportDate: domestic ? addDays(filingDate, -1) : reportDate,
        form: domestic ? "8-K" : "6-K",
        primaryDocument: `${ticker}-${domestic ? "8k" : "6k"}_${compactDate(filingDate)}.htm`,
        primaryDocDescription: domestic ? "8-K" : "6-K",
        items: domestic ? "2.02,9.01" : "",
        fy: year.fy,
        fp: null,
      });
    }
  };
  for (const year of sec.years) {
    quarterly(year, 3);
    const filingDate = addDays(year.end, domestic ? 60 : 110);
    drafts.push({
      filingDate,
      reportDate: year.end,
      form: sec.annualForm,
      primaryDocument: `${ticker}-${compactDate(year.end)}.htm`,
      primaryDocDescription: sec.annualForm,
      items: "",
      fy: year.fy,
      fp: "FY",
    });
    if (domestic) {
      drafts.push({
        filingDate: addDays(filingDate, 40),
        reportDate: "",
        form: "DEF 14A",
        primaryDocument: `${ticker}-def14a_${year.fy + 1}.htm`,
        primaryDocDescription: "DEF 14A",
        items: "",
        fy: year.fy,
        fp: null,
      });
      drafts.push({
        filingDate: addDays(filingDate, 5),
        reportDate: addDays(filingDate, 3),
        form: "4",
        primaryDocument: `xslF345X05/wk-form4_${compactDate(filingDate)}.xml`,
        primaryDocDescription: "FORM 4",
        items: "",
        fy: year.fy,
        fp: null,
      });
    }
  }
  quarterly(sec.interimYear, sec.interimQuarters);
  drafts.sort((a, b) => a.filingDate.localeCompare(b.filingDate));
  const sequenceByYear = new Map<string, number>();
  const cik10 = String(sec.cik).padStart(10, "0");
  return drafts.map((draft) => {
    const yy = draft.filingDate.slice(2, 4);
    const sequence = (sequenceByYear.get(yy) ?? 0) + 1;
    sequenceByYear.set(yy, sequence);
    return { ...draft, accessionNumber: `${cik10}-${yy}-${String(sequence).padStart(6, "0")}` };
  });
}

/** EDGAR's archive path of a filing's primary document, relative to www.sec.gov. */
export function archivePath(cik: number, filing: DemoFiling): string {
  return `/Archives/edgar/data/${cik}/${filing.accessionNumber.replaceAll("-", "")}/${filing.primaryDocument}`;
}
