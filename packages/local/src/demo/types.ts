/** Canonical executive roles, the vocabulary the leadership extractor maps titles onto. */
export type CanonicalRole =
  | "CEO"
  | "CFO"
  | "COO"
  | "CTO"
  | "CIO"
  | "General Counsel"
  | "CMO"
  | "CHRO"
  | "President"
  | "Chair"
  | "CAO"
  | "Other";

/** One executive officer: the ground truth both the 10-K and the website render. */
export interface DemoExecutive {
  name: string;
  title: string;
  role: CanonicalRole;
  age: number;
  officerSince: number;
  /** Title as the website shows it when it differs from the filing (e.g. the German site). */
  siteTitle?: string;
}

/** A board member shown on "leadership and board" pages; not an executive officer. */
export interface DemoDirector {
  name: string;
  title: string;
}

export type LeadershipLayout = "cards" | "table" | "json-ld" | "headings" | "microdata" | "board";
/** Where the homepage exposes the leadership page. */
export type LinkPlacement = "nav" | "footer" | "sitemap-only";
export type SiteFault = "none" | "leadership-500" | "homepage-garbage";
export type SiteLanguage = "en" | "de";

/** Page paths relative to the site root (`/sites/<slug>/`). */
export interface DemoSitePages {
  about: string;
  leadership: string;
  products: string;
  contact: string;
}

export interface DemoSite {
  slug: string;
  layout: LeadershipLayout;
  placement: LinkPlacement;
  linkLabel: string;
  language: SiteLanguage;
  pages: DemoSitePages;
  /** Added to every response of this site (the slow site). */
  latencyMs: number;
  fault: SiteFault;
  board: DemoDirector[];
  tagline: string;
  founded: number;
  employees: number;
}

/** Which 10-K/20-F layout carries the executive officers, or that it defers to the proxy. */
export type FilingLayout = "table" | "inline" | "paragraphs" | "proxy-deferred" | "item-6";

/** One full fiscal year as the latest annual report states it (restated values win). */
export interface DemoFiscalYear {
  fy: number;
  start: string;
  end: string;
  revenue: number;
  netIncome: number;
  assets: number;
  liabilities: number;
  equity: number;
  cash: number;
  operatingCashFlow: number;
  epsDiluted: number;
  sharesOutstanding: number;
}

/** A value first reported in one annual report and changed in the next one. */
export interface DemoRestatement {
  fy: number;
  concept: "NetIncomeLoss";
  originalValue: number;
  restatedValue: number;
}

export interface DemoAddress {
  street1: string;
  city: string;
  stateOrCountry: string;
  stateOrCountryDescription: string;
  zipCode: string;
  /** Set for foreign filers, e.g. "Germany". */
  country?: string;
  countryCode?: string;
}

export interface DemoSecProfile {
  cik: number;
  tickers: string[];
  exchanges: string[];
  sic: string;
  sicDescription: string;
  stateOfIncorporation: string;
  /** MMDD, as EDGAR writes it. */
  fiscalYearEnd: string;
  category: string;
  ein: string;
  address: DemoAddress;
  phone: string;
  formerNames: { name: string; from: string; to: string }[];
  taxonomy: "us-gaap" | "ifrs-full";
  currency: "USD" | "EUR";
  annualForm: "10-K" | "20-F";
  /** Revenue concept by first fiscal year it applies to, oldest first. */
  revenueConcepts: { fromFy: number; concept: string }[];
  filingLayout: FilingLayout;
  /** Full fiscal years, oldest first, with restated values. */
  years: DemoFiscalYear[];
  /** The year after the last 10-K: only 10-Q quarters exist for it. */
  interimYear: DemoFiscalYear;
  interimQuarters: number;
  restatement?: DemoRestatement;
}

export type SpecialCase =
  | "broken-site"
  | "slow-site"
  | "private"
  | "ambiguous-name"
  | "proxy-deferred"
  | "ifrs-20f"
  | "restated"
  | "revenue-concept-change"
  | "footer-only-link"
  | "sitemap-only-link"
  | "german-site"
  | "board-listed"
  | "net-loss";

export interface DemoCompany {
  /** Stable key, also the site slug. */
  key: string;
  name: string;
  industry: string;
  origin: "curated" | "synthetic";
  executives: DemoExecutive[];
  sec?: DemoSecProfile;
  site?: DemoSite;
  specialCases: SpecialCase[];
}

export interface DemoDataset {
  seed: number;
  /** The bare name two registrants share; requested on its own it must not resolve. */
  ambiguousName: string;
  companies: DemoCompany[];
}

export type DemoOutcome = "completed" | "incomplete" | "failed";

/** What the demo puts into Extraction.Requested's `company`. */
export interface DemoRequest {
  ticker?: string;
  cik?: string;
  name?: string;
  website?: string;
}

export interface DemoRequestCase {
  /** Company key, or a descriptive key for requests that match no single company. */
  key: string;
  request: DemoRequest;
  expect: DemoOutcome;
  reason: string;
}
