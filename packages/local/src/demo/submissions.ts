import { registrantFilings } from "./filings";
import type { DemoCompany, DemoDataset } from "./types";

const XBRL_FORMS = new Set(["10-K", "10-Q", "20-F"]);
const SIZE_BY_FORM: Record<string, number> = {
  "10-K": 1_850_000,
  "20-F": 2_400_000,
  "10-Q": 640_000,
  "DEF 14A": 910_000,
};

/** Zero-padded ten-digit CIK, as EDGAR file names and submissions carry it. */
export function cik10(cik: number): string {
  return String(cik).padStart(10, "0");
}

/**
 * Renders data.sec.gov's submissions document, newest filing first in the columnar
 * `filings.recent` arrays. `website` points at the company's demo site on this server.
 */
export function renderSubmissions(company: DemoCompany, baseUrl: string) {
  const sec = company.sec;
  if (!sec) throw new TypeError(`${company.name} has no SEC profile`);
  const filings = registrantFilings(sec).reverse();
  const column = <K extends keyof (typeof filings)[number]>(key: K) => filings.map((filing) => filing[key]);
  const fileNumber = `001-${30_000 + (sec.cik % 10_000)}`;
  const address = {
    street1: sec.address.street1,
    street2: null,
    city: sec.address.city,
    stateOrCountry: sec.address.stateOrCountry,
    zipCode: sec.address.zipCode,
    stateOrCountryDescription: sec.address.stateOrCountryDescription,
    isForeignLocation: sec.address.country ? 1 : 0,
    foreignStateTerritory: null,
    country: sec.address.country ?? null,
    countryCode: sec.address.countryCode ?? null,
  };
  return {
    cik: cik10(sec.cik),
    entityType: "operating",
    sic: sec.sic,
    sicDescription: sec.sicDescription,
    ownerOrg: "",
    insiderTransactionForOwnerExists: 0,
    insiderTransactionForIssuerExists: sec.annualForm === "10-K" ? 1 : 0,
    name: company.name,
    tickers: sec.tickers,
    exchanges: sec.exchanges,
    ein: sec.ein,
    lei: null,
    description: "",
    website: company.site ? `${baseUrl}/sites/${company.site.slug}/` : "",
    investorWebsite: "",
    category: sec.category,
    fiscalYearEnd: sec.fiscalYearEnd,
    stateOfIncorporation: sec.stateOfIncorporation,
    stateOfIncorporationDescription: sec.stateOfIncorporation,
    addresses: {
      mailing: address,
      business: { ...address, isForeignLocation: address.isForeignLocation || null },
    },
    phone: sec.phone,
    flags: "",
    formerNames: sec.formerNames,
    filings: {
      recent: {
        accessionNumber: column("accessionNumber"),
        filingDate: column("filingDate"),
        reportDate: column("reportDate"),
        acceptanceDateTime: filings.map(
          (filing) => `${filing.filingDate}T16:05:${String(sec.cik % 60).padStart(2, "0")}.000Z`,
        ),
        act: filings.map((filing) => (filing.form === "4" ? "" : "34")),
        form: column("form"),
        fileNumber: filings.map((filing) => (filing.form === "4" ? "" : fileNumber)),
        filmNumber: filings.map((filing) =>
          filing.form === "4"
            ? ""
            : `${filing.accessionNumber.slice(11, 13)}${filing.accessionNumber.slice(-6)}`,
        ),
        items: column("items"),
        core_type: filings.map((filing) => (XBRL_FORMS.has(filing.form) ? "XBRL" : filing.form)),
        size: filings.map((filing) => (SIZE_BY_FORM[filing.form] ?? 24_000) + (sec.cik % 997)),
        isXBRL: filings.map((filing) => (XBRL_FORMS.has(filing.form) ? 1 : 0)),
        isInlineXBRL: filings.map((filing) => (XBRL_FORMS.has(filing.form) ? 1 : 0)),
        primaryDocument: column("primaryDocument"),
        primaryDocDescription: column("primaryDocDescription"),
      },
      files: [],
    },
  };
}

/** www.sec.gov/files/company_tickers.json: every registrant's ticker, keyed "0", "1", …. */
export function renderCompanyTickers(
  dataset: DemoDataset,
): Record<string, { cik_str: number; ticker: string; title: string }> {
  const rows: Record<string, { cik_str: number; ticker: string; title: string }> = {};
  let index = 0;
  for (const company of dataset.companies) {
    for (const ticker of company.sec?.tickers ?? []) {
      rows[String(index++)] = { cik_str: company.sec?.cik ?? 0, ticker, title: company.name };
    }
  }
  return rows;
}
