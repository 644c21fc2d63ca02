import type { CompanyRequest } from "@dossier/events";
import { companyIdForCik, resolveCompany, type TickerIndex } from "../sec/identity";

/** Multi-label public suffixes common enough that "registrable domain" must know them. */
const twoLabelSuffixes = new Set([
  "co.uk",
  "org.uk",
  "ac.uk",
  "com.au",
  "net.au",
  "co.jp",
  "co.nz",
  "com.br",
  "com.cn",
  "co.in",
  "co.za",
  "com.mx",
  "co.kr",
  "com.sg",
]);

function slug(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

/**
 * The registrable domain of a website ("investor.apple.com" → "apple.com"), or undefined for
 * IP-literal hosts, which identify a server, not a company.
 */
export function registrableDomain(website: string): string | undefined {
  let host: string;
  try {
    host = new URL(website).hostname.toLowerCase().replace(/\.$/, "");
  } catch {
    return undefined;
  }
  if (/^\d+(\.\d+){3}$/.test(host) || host.includes(":") || host.startsWith("[")) return undefined;
  const labels = host.split(".").filter(Boolean);
  if (labels.length < 2) return undefined;
  const lastTwo = labels.slice(-2).join(".");
  return twoLabelSuffixes.has(lastTwo) && labels.length >= 3 ? labels.slice(-3).join(".") : lastTwo;
}

/**
 * The stable id a company's profiles live under: its CIK when known, else the registrable
 * domain of its website, else a slug of its name, else its ticker.
 *
 * @example companyIdFor({ ticker: "AAPL" }, "320193") // "cik-0000320193"
 */
export function companyIdFor(company: CompanyRequest, resolvedCik?: string): string {
  const cik = resolvedCik ?? company.cik;
  if (cik) return companyIdForCik(cik);
  const domain = company.website ? registrableDomain(company.website) : undefined;
  if (domain) return domain;
  if (company.name) return `name-${slug(company.name)}`;
  return `ticker-${slug(company.ticker ?? "unknown")}`;
}

/**
 * The company id with a ticker or name resolved through SEC's ticker list when it names exactly
 * one registrant; otherwise (unknown or ambiguous) the id {@link companyIdFor} gives.
 */
export function companyIdResolvedBy(index: TickerIndex, company: CompanyRequest): string {
  if (company.cik || !(company.ticker || company.name)) return companyIdFor(company);
  const resolution = resolveCompany(index, company);
  return resolution.kind === "resolved" ? companyIdForCik(resolution.cik) : companyIdFor(company);
}
