import { createHash } from "node:crypto";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { identifierConflict } from "@dossier/core/pipeline";
import { companyIdFor, companyIdResolvedBy } from "@dossier/core/profile";
import {
  buildTickerIndex,
  companyIdForCik,
  createSecClient,
  resolveCompany,
  SecUpstreamError,
  secConfigFromEnv,
  suggestTickers,
} from "@dossier/core/sec";
import type { CompanyRequest } from "@dossier/events";
import { CliError, ExitCode } from "./exit-codes";

const tickersMaxAgeMs = 12 * 60 * 60 * 1000;

async function tickerFile(home: string): Promise<unknown> {
  const config = secConfigFromEnv();
  // One copy per SEC address: the demo's fixture list never answers for sec.gov, nor the reverse.
  const source = createHash("sha256")
    .update(config.wwwBaseUrl ?? "")
    .digest("hex")
    .slice(0, 12);
  const file = path.join(home, "cache", `company_tickers.${source}.json`);
  try {
    if (Date.now() - (await stat(file)).mtimeMs < tickersMaxAgeMs)
      return JSON.parse(await readFile(file, "utf8"));
  } catch {
    // No usable copy yet: fetch one below.
  }
  const client = createSecClient(config);
  let tickers: unknown;
  try {
    tickers = await client.getCompanyTickers();
  } catch (error) {
    if (!(error instanceof SecUpstreamError)) throw error;
    throw new CliError(
      `could not fetch SEC's ticker list to find the company's CIK (${error.message}); check the network ` +
        "(or DOSSIER_SEC_WWW_URL), or ask with --cik, which needs no lookup",
      ExitCode.unavailable,
    );
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(tickers));
  return tickers;
}

/**
 * The company id a request's profile is stored under. A ticker or name is resolved to its CIK
 * through SEC's ticker list (cached in DOSSIER_HOME for 12 h) so profiles are keyed by CIK; an
 * ambiguous name is refused with its candidates, and a ticker SEC lists under another CIK than
 * the one given is refused before anything runs.
 */
export async function resolveCompanyId(
  company: CompanyRequest,
  home: string,
  useSec: boolean,
): Promise<string> {
  if (company.cik) {
    if (useSec && company.ticker) {
      const conflict = await identifierConflict({ company }, async () =>
        buildTickerIndex(await tickerFile(home)),
      );
      if (conflict) throw new CliError(`identifiers disagree: ${conflict}`, ExitCode.usage);
    }
    return companyIdForCik(company.cik);
  }
  if (!useSec || !(company.ticker || company.name)) return companyIdFor(company);
  const index = buildTickerIndex(await tickerFile(home));
  const resolution = resolveCompany(index, company);
  if (resolution.kind === "resolved") return companyIdForCik(resolution.cik);
  // An unknown ticker is most often a typo: say so before anything runs, unless a website gives
  // the leadership part something to work with (a company SEC does not list can still have a team).
  if (resolution.kind === "not-found" && company.ticker && !company.website) {
    const close = suggestTickers(index, company.ticker);
    throw new CliError(
      `SEC lists no ticker ${company.ticker.toUpperCase()}${
        close.length
          ? `; close matches:\n${close.map((entry) => `  ${entry.ticker.padEnd(8)} CIK ${String(entry.cik).padEnd(10)} ${entry.title}`).join("\n")}`
          : ""
      }\nask with --cik or --name, or add --website for the team alone`,
      ExitCode.notFound,
    );
  }
  if (resolution.kind === "ambiguous") {
    const candidates = resolution.candidates
      .slice(0, 10)
      .map(
        (candidate) =>
          `  ${candidate.ticker.padEnd(8)} CIK ${String(candidate.cik).padEnd(10)} ${candidate.title}`,
      )
      .join("\n");
    throw new CliError(
      `"${resolution.query}" matches several SEC registrants; ask again with --ticker or --cik:\n${candidates}`,
    );
  }
  return companyIdFor(company);
}

/**
 * The company ids of many requests at once: one read of SEC's ticker list for all of them (none
 * when every request gives a CIK, or without SEC settings), resolved as a batch resolves them.
 */
export async function companyIdsOf(
  companies: readonly CompanyRequest[],
  home: string,
  useSec: boolean,
): Promise<string[]> {
  if (!useSec || companies.every((company) => company.cik))
    return companies.map((company) => companyIdFor(company));
  const index = buildTickerIndex(await tickerFile(home));
  return companies.map((company) => companyIdResolvedBy(index, company));
}
