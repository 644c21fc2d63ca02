import { z } from "zod";
import { padCik } from "./identity";

const nullableString = z.string().nullish();

const Address = z.looseObject({
  street1: nullableString,
  street2: nullableString,
  city: nullableString,
  stateOrCountry: nullableString,
  stateOrCountryDescription: nullableString,
  zipCode: nullableString,
  country: nullableString,
});

/** Column-oriented filing list, as in `filings.recent` and in every extra page. */
export const FilingColumns = z.looseObject({
  accessionNumber: z.array(z.string()).default([]),
  filingDate: z.array(z.string()).default([]),
  reportDate: z.array(z.string().nullable()).optional(),
  form: z.array(z.string()).default([]),
  primaryDocument: z.array(z.string()).optional(),
  primaryDocDescription: z.array(z.string().nullable()).optional(),
});
export type FilingColumns = z.infer<typeof FilingColumns>;

/** data.sec.gov/submissions/CIK##########.json; tolerant: unknown fields pass, most fields optional. */
export const SubmissionsJson = z.looseObject({
  cik: z.union([z.string(), z.number()]),
  name: z.string().nullish(),
  tickers: z.array(z.string().nullable()).nullish(),
  exchanges: z.array(z.string().nullable()).nullish(),
  sic: nullableString,
  sicDescription: nullableString,
  stateOfIncorporation: nullableString,
  fiscalYearEnd: nullableString,
  website: nullableString,
  phone: nullableString,
  addresses: z.looseObject({ business: Address.nullish(), mailing: Address.nullish() }).nullish(),
  formerNames: z
    .array(z.looseObject({ name: z.string(), from: nullableString, to: nullableString }))
    .nullish(),
  filings: z
    .looseObject({
      recent: FilingColumns.nullish(),
      files: z
        .array(
          z.looseObject({
            name: z.string(),
            filingCount: z.number().optional(),
            filingFrom: z.string().optional(),
            filingTo: z.string().optional(),
          }),
        )
        .nullish(),
    })
    .nullish(),
});
export type SubmissionsJson = z.infer<typeof SubmissionsJson>;

export const SecAddress = z.object({
  street1: z.string().optional(),
  street2: z.string().optional(),
  city: z.string().optional(),
  stateOrCountry: z.string().optional(),
  zipCode: z.string().optional(),
  country: z.string().optional(),
});
export type SecAddress = z.infer<typeof SecAddress>;

export const SecIdentity = z.object({
  name: z.string(),
  cik: z.string(),
  tickers: z.array(z.string()),
  exchanges: z.array(z.string()),
  sic: z.string().optional(),
  sicDescription: z.string().optional(),
  stateOfIncorporation: z.string().optional(),
  fiscalYearEnd: z.string().optional(),
  addresses: z.object({ business: SecAddress.optional(), mailing: SecAddress.optional() }),
  phone: z.string().optional(),
  formerNames: z.array(
    z.object({ name: z.string(), from: z.string().optional(), to: z.string().optional() }),
  ),
  website: z.string().optional(),
});
export type SecIdentity = z.infer<typeof SecIdentity>;

export const Filing = z.object({
  form: z.string(),
  filed: z.string(),
  reportDate: z.string().optional(),
  accessionNumber: z.string(),
  primaryDocument: z.string().optional(),
  primaryDocumentUrl: z.string().optional(),
});
export type Filing = z.infer<typeof Filing>;

export interface ParsedSubmissions {
  identity: SecIdentity;
  filings: Filing[];
}

export interface SubmissionsOptions {
  /** Base of EDGAR archive URLs; default https://www.sec.gov. */
  wwwBaseUrl?: string;
}

/** Annual report forms, original and amended, domestic and foreign. */
export const ANNUAL_REPORT_FORMS: ReadonlySet<string> = new Set([
  "10-K",
  "10-K/A",
  "20-F",
  "20-F/A",
  "40-F",
  "40-F/A",
]);

// SEC pads empty values with "" and, in some old dumps, the string "None".
function text(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed && trimmed !== "None" ? trimmed : undefined;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function address(raw: z.infer<typeof Address> | null | undefined): SecAddress | undefined {
  if (!raw) return undefined;
  const result = compact({
    street1: text(raw.street1),
    street2: text(raw.street2),
    city: text(raw.city),
    stateOrCountry: text(raw.stateOrCountry),
    zipCode: text(raw.zipCode),
    country: text(raw.country),
  });
  return Object.keys(result).length > 0 ? result : undefined;
}

/**
 * The EDGAR URL of a filing's primary document:
 * `{www}/Archives/edgar/data/{cik}/{accession without dashes}/{document}`.
 */
export function primaryDocumentUrl(
  cik: string | number,
  accessionNumber: string,
  primaryDocument: string,
  wwwBaseUrl = "https://www.sec.gov",
): string {
  const base = wwwBaseUrl.replace(/\/+$/, "");
  const cikPath = String(Number(padCik(cik)));
  return `${base}/Archives/edgar/data/${cikPath}/${accessionNumber.replace(/-/g, "")}/${encodeURIComponent(primaryDocument)}`;
}

/** Turns one column-oriented filing page into filing rows, with document URLs. */
export function filingsFromColumns(
  cik: string | number,
  columns: FilingColumns,
  options: SubmissionsOptions = {},
): Filing[] {
  const filings: Filing[] = [];
  columns.accessionNumber.forEach((accessionNumber, i) => {
    const form = columns.form[i];
    const filed = columns.filingDate[i];
    if (form === undefined || filed === undefined) return;
    const primaryDocument = text(columns.primaryDocument?.[i]);
    filings.push(
      compact({
        form,
        filed,
        reportDate: text(columns.reportDate?.[i]),
        accessionNumber,
        primaryDocument,
        primaryDocumentUrl: primaryDocument
          ? primaryDocumentUrl(cik, accessionNumber, primaryDocument, options.wwwBaseUrl)
          : undefined,
      }),
    );
  });
  return filings;
}

/**
 * Parses a submissions document into the registrant's identity and its recent filings
 * (newest first, as SEC lists them). Throws a ZodError when the body is not a submissions file.
 */
export function parseSubmissions(json: unknown, options: SubmissionsOptions = {}): ParsedSubmissions {
  const raw = SubmissionsJson.parse(json);
  const cik = padCik(String(raw.cik).trim());
  const identity: SecIdentity = compact({
    name: text(raw.name) ?? "",
    cik,
    tickers: (raw.tickers ?? []).flatMap((t) => (text(t) ? [t as string] : [])),
    exchanges: (raw.exchanges ?? []).flatMap((e) => (text(e) ? [e as string] : [])),
    sic: text(raw.sic),
    sicDescription: text(raw.sicDescription),
    stateOfIncorporation: text(raw.stateOfIncorporation),
    fiscalYearEnd: text(raw.fiscalYearEnd),
    addresses: compact({
      business: address(raw.addresses?.business),
      mailing: address(raw.addresses?.mailing),
    }),
    phone: text(raw.phone),
    formerNames: (raw.formerNames ?? []).map((f) =>
      compact({ name: f.name, from: text(f.from)?.slice(0, 10), to: text(f.to)?.slice(0, 10) }),
    ),
    website: text(raw.website),
  });
  const recent = raw.filings?.recent;
  return { identity, filings: recent ? filingsFromColumns(cik, recent, options) : [] };
}

/** Names of the older filing pages (`CIK##########-submissions-001.json`), newest page first. */
export function additionalFilingPages(json: unknown): string[] {
  const raw = SubmissionsJson.parse(json);
  return (raw.filings?.files ?? [])
    .slice()
    .sort((a, b) => (b.filingTo ?? "").localeCompare(a.filingTo ?? ""))
    .map((f) => f.name);
}

/**
 * Appends an extra filing page (a bare column object, as SEC serves it) to parsed submissions.
 * Accessions already present are not repeated; the result stays newest first.
 */
export function mergeFilingPage(
  parsed: ParsedSubmissions,
  pageJson: unknown,
  options: SubmissionsOptions = {},
): ParsedSubmissions {
  const page = FilingColumns.parse(pageJson);
  const known = new Set(parsed.filings.map((f) => f.accessionNumber));
  const added = filingsFromColumns(parsed.identity.cik, page, options).filter(
    (f) => !known.has(f.accessionNumber),
  );
  const filings = [...parsed.filings, ...added].sort((a, b) => b.filed.localeCompare(a.filed));
  return { identity: parsed.identity, filings };
}

/** The newest annual report (10-K, 20-F, 40-F; originals before amendments on the same day). */
export function latestAnnualReport(filings: readonly Filing[]): Filing | undefined {
  const originals = filings.filter((f) => ANNUAL_REPORT_FORMS.has(f.form) && !f.form.endsWith("/A"));
  const pool = originals.length > 0 ? originals : filings.filter((f) => ANNUAL_REPORT_FORMS.has(f.form));
  return pool.reduce<Filing | undefined>(
    (best, f) => (best === undefined || f.filed > best.filed ? f : best),
    undefined,
  );
}
