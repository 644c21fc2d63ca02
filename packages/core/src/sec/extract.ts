import { z } from "zod";
import { NetError } from "../net";
import type { SecClient } from "./client";
import { extractFinancials, FiscalYearFinancials } from "./companyfacts";
import { secCompleteness } from "./completeness";
import { AmbiguousCompanyError, SecError, SecNotFoundError } from "./errors";
import { ExecutiveOfficers, parseExecutiveOfficers } from "./executives";
import {
  buildTickerIndex,
  type CompanyQuery,
  companyIdForCik,
  normalizeTicker,
  parseCik,
  type Resolution,
  resolveCompany,
  type TickerIndex,
} from "./identity";
import {
  additionalFilingPages,
  Filing,
  latestAnnualReport,
  mergeFilingPage,
  type ParsedSubmissions,
  parseSubmissions,
  SecIdentity,
} from "./submissions";

/** How many filings of the recent list the part keeps (the profile shows the latest few). */
const RECENT_FILINGS_KEPT = 20;
/** Older filing pages fetched at most when the recent list has no annual report. */
const MAX_EXTRA_PAGES = 3;

/** The SEC part of a profile, as written to S3 and merged into the profile. */
export const SecPart = z.object({
  companyId: z.string(),
  cik: z.string(),
  ticker: z.string().nullable(),
  identity: SecIdentity,
  recentFilings: z.array(Filing),
  latestAnnualReport: Filing.optional(),
  financials: z.array(FiscalYearFinancials),
  executives: ExecutiveOfficers.optional(),
  /** Why a piece is absent when the cause is known (no XBRL facts, document too large, …). */
  notes: z.array(z.string()),
  retrievedAt: z.string(),
});
export type SecPart = z.infer<typeof SecPart>;

export type SecExtraction =
  | {
      status: "succeeded";
      data: SecPart;
      completeness: number;
      missing: string[];
      reason?: string;
      requests: number;
    }
  | { status: "skipped"; data: null; completeness: 0; missing: string[]; reason: string; requests: number };

export interface ExtractSecPartInput {
  request: CompanyQuery;
  client: SecClient;
  now: () => Date;
  /**
   * Loads the ticker index (company_tickers.json is large and changes daily at most, so callers
   * keep one). Called only for a request without a CIK: a CIK needs no lookup.
   */
  loadTickerIndex?: () => Promise<TickerIndex>;
}

function skipped(reason: string, requests: number): SecExtraction {
  return {
    status: "skipped",
    data: null,
    completeness: 0,
    missing: secCompleteness({}).missing,
    reason,
    requests,
  };
}

/** The newest definitive proxy statement among the filings, if any. */
function latestProxyStatement(filings: readonly Filing[]): Filing | undefined {
  return filings
    .filter((filing) => filing.form === "DEF 14A")
    .sort((a, b) => b.filed.localeCompare(a.filed))[0];
}

/** Permanent errors of one optional piece become a note; transient ones abort the part so it is retried. */
function asNote(error: unknown, what: string): string {
  if ((error instanceof SecError || error instanceof NetError) && !error.retryable) {
    return `${what}: ${error.message}`;
  }
  throw error;
}

/**
 * Builds the SEC part for one company: company_tickers → resolve → submissions (older pages
 * only when the recent list has no annual report) → companyfacts → latest 10-K document →
 * executive officers.
 *
 * Outcomes: `skipped` (not a failure) when the company has no SEC registration — unknown
 * ticker or name, malformed CIK, CIK unknown to EDGAR. A registrant with no filings at all
 * `succeeded` with its identity only (low completeness) and a `reason` saying so, because the
 * identity (name, addresses, SIC) is still worth having. `requests` counts SEC calls (not retries).
 * @throws AmbiguousCompanyError (permanent) when a name matches several registrants.
 * @throws SecError with `retryable: true` when SEC keeps failing (5xx, 429, timeouts).
 */
export async function extractSecPart(input: ExtractSecPartInput): Promise<SecExtraction> {
  const { client, request } = input;
  let requests = 0;
  const call = <T>(fn: () => Promise<T>): Promise<T> => {
    requests += 1;
    return fn();
  };

  const loadIndex = async () =>
    input.loadTickerIndex
      ? input.loadTickerIndex()
      : buildTickerIndex(await call(() => client.getCompanyTickers()));
  // The request's identifiers were checked against each other at admission, so a CIK decides.
  const cik = request.cik === undefined ? undefined : parseCik(request.cik);
  const resolution: Resolution =
    cik !== undefined
      ? {
          kind: "resolved",
          cik,
          ticker: request.ticker ? normalizeTicker(request.ticker) : null,
          title: null,
        }
      : resolveCompany(await loadIndex(), request);
  if (resolution.kind === "ambiguous")
    throw new AmbiguousCompanyError(resolution.query, resolution.candidates);
  if (resolution.kind === "not-found") return skipped(resolution.reason, requests);

  let submissions: ParsedSubmissions;
  let submissionsJson: unknown;
  try {
    submissionsJson = await call(() => client.getSubmissions(resolution.cik));
    submissions = parseSubmissions(submissionsJson, { wwwBaseUrl: client.wwwBaseUrl });
  } catch (error) {
    if (error instanceof SecNotFoundError) {
      return skipped(`no SEC registration found for CIK ${resolution.cik}`, requests);
    }
    throw error;
  }

  const notes: string[] = [];
  let annual = latestAnnualReport(submissions.filings);
  for (const page of additionalFilingPages(submissionsJson).slice(0, annual ? 0 : MAX_EXTRA_PAGES)) {
    try {
      submissions = mergeFilingPage(submissions, await call(() => client.getSubmissionsPage(page)), {
        wwwBaseUrl: client.wwwBaseUrl,
      });
    } catch (error) {
      notes.push(asNote(error, `filing page ${page}`));
    }
    annual = latestAnnualReport(submissions.filings);
    if (annual) break;
  }

  let financials: FiscalYearFinancials[] = [];
  if (submissions.filings.length > 0) {
    try {
      financials = extractFinancials(await call(() => client.getCompanyFacts(resolution.cik)));
    } catch (error) {
      notes.push(asNote(error, "XBRL company facts"));
    }
  }

  let executives: ExecutiveOfficers | undefined;
  if (annual?.primaryDocumentUrl) {
    const url = annual.primaryDocumentUrl;
    try {
      executives = {
        ...parseExecutiveOfficers(await call(() => client.getDocument(url))),
        document: { form: annual.form, accessionNumber: annual.accessionNumber, filed: annual.filed, url },
      };
    } catch (error) {
      notes.push(asNote(error, `annual report ${annual.form} ${annual.accessionNumber}`));
    }
  } else if (submissions.filings.length > 0) {
    notes.push("No annual report (10-K, 20-F, 40-F) on EDGAR; executive officers unavailable.");
  }
  // A 10-K that incorporates Item 10 by reference leaves the officers to the proxy statement.
  const proxy = executives?.defersToProxy ? latestProxyStatement(submissions.filings) : undefined;
  if (proxy?.primaryDocumentUrl && executives) {
    const url = proxy.primaryDocumentUrl;
    try {
      const fromProxy = parseExecutiveOfficers(await call(() => client.getDocument(url)));
      if (fromProxy.officers.length > 0) {
        executives = {
          ...fromProxy,
          document: { form: proxy.form, accessionNumber: proxy.accessionNumber, filed: proxy.filed, url },
          defersToProxy: true,
          note: `${executives.note ?? "The 10-K defers executive officers to the proxy statement."} Read from ${proxy.form} filed ${proxy.filed}.`,
        };
      }
    } catch (error) {
      notes.push(asNote(error, `proxy statement ${proxy.form} ${proxy.accessionNumber}`));
    }
  }

  const data: SecPart = {
    companyId: companyIdForCik(submissions.identity.cik),
    cik: submissions.identity.cik,
    ticker: resolution.ticker ?? submissions.identity.tickers[0] ?? null,
    identity: submissions.identity,
    recentFilings: submissions.filings.slice(0, RECENT_FILINGS_KEPT),
    ...(annual ? { latestAnnualReport: annual } : {}),
    financials,
    ...(executives ? { executives } : {}),
    notes,
    retrievedAt: input.now().toISOString(),
  };
  const { score, missing } = secCompleteness(data);
  const result: SecExtraction = { status: "succeeded", data, completeness: score, missing, requests };
  if (submissions.filings.length === 0) {
    result.reason = `CIK ${resolution.cik} (${submissions.identity.name}) has no filings on EDGAR; identity only`;
  }
  return result;
}
