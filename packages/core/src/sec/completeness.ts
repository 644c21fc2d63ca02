import type { FinancialMetric, FiscalYearFinancials } from "./companyfacts";
import type { ExecutiveOfficers } from "./executives";
import type { SecIdentity } from "./submissions";

/** What the score looks at: the parts of the SEC data that feed a company profile. */
export interface SecCompletenessInput {
  identity?: SecIdentity | undefined;
  financials?: readonly FiscalYearFinancials[] | undefined;
  executives?: ExecutiveOfficers | undefined;
}

export interface SecCompleteness {
  /** 0..100, the sum of the weights of the fields present. */
  score: number;
  /** Dotted paths of the weighted fields that are absent, e.g. `financials.revenue`. */
  missing: string[];
}

/**
 * Weights of the SEC completeness score (they sum to 100):
 *
 * | field                              | weight | present when                                  |
 * |------------------------------------|-------:|-----------------------------------------------|
 * | identity.name                      |      8 | non-empty                                      |
 * | identity.cik                       |      6 | non-empty                                      |
 * | identity.tickers                   |      4 | at least one                                   |
 * | identity.exchanges                 |      2 | at least one                                   |
 * | identity.sic                       |      5 | SIC code present                               |
 * | identity.stateOfIncorporation      |      3 | present                                        |
 * | identity.fiscalYearEnd             |      4 | present                                        |
 * | identity.addresses.business        |      6 | street or city present                         |
 * | identity.phone                     |      2 | present                                        |
 * | financials.revenue                 |      8 | in the newest fiscal year                      |
 * | financials.netIncome               |      8 | 〃                                             |
 * | financials.totalAssets             |      5 | 〃                                             |
 * | financials.totalLiabilities        |      4 | 〃                                             |
 * | financials.stockholdersEquity      |      4 | 〃                                             |
 * | financials.cashAndEquivalents      |      3 | 〃                                             |
 * | financials.operatingCashFlow       |      4 | 〃                                             |
 * | financials.epsDiluted              |      2 | 〃                                             |
 * | financials.sharesOutstanding       |      2 | 〃                                             |
 * | executives                         |     20 | at least one executive officer                 |
 *
 * Identity is 40, financials 40, executives 20: a profile without numbers or people is at
 * most 40 % complete. Employees are not weighted (few filers tag them in XBRL).
 */
export const SEC_COMPLETENESS_WEIGHTS = {
  identity: {
    name: 8,
    cik: 6,
    tickers: 4,
    exchanges: 2,
    sic: 5,
    stateOfIncorporation: 3,
    fiscalYearEnd: 4,
    "addresses.business": 6,
    phone: 2,
  },
  financials: {
    revenue: 8,
    netIncome: 8,
    totalAssets: 5,
    totalLiabilities: 4,
    stockholdersEquity: 4,
    cashAndEquivalents: 3,
    operatingCashFlow: 4,
    epsDiluted: 2,
    sharesOutstanding: 2,
  } satisfies Partial<Record<FinancialMetric, number>>,
  executives: 20,
} as const;

function identityHas(
  identity: SecIdentity | undefined,
  field: keyof typeof SEC_COMPLETENESS_WEIGHTS.identity,
): boolean {
  if (!identity) return false;
  switch (field) {
    case "tickers":
      return identity.tickers.length > 0;
    case "exchanges":
      return identity.exchanges.length > 0;
    case "addresses.business":
      return Boolean(identity.addresses.business?.street1 || identity.addresses.business?.city);
    default:
      return Boolean(identity[field]);
  }
}

/** Scores SEC data by the weights in {@link SEC_COMPLETENESS_WEIGHTS} and lists what is missing. */
export function secCompleteness(input: SecCompletenessInput): SecCompleteness {
  let score = 0;
  const missing: string[] = [];
  for (const [field, weight] of Object.entries(SEC_COMPLETENESS_WEIGHTS.identity)) {
    if (identityHas(input.identity, field as keyof typeof SEC_COMPLETENESS_WEIGHTS.identity)) score += weight;
    else missing.push(`identity.${field}`);
  }
  const latest = input.financials?.[0];
  for (const [metric, weight] of Object.entries(SEC_COMPLETENESS_WEIGHTS.financials)) {
    if (latest?.[metric as FinancialMetric] !== undefined) score += weight;
    else missing.push(`financials.${metric}`);
  }
  if ((input.executives?.officers.length ?? 0) > 0) score += SEC_COMPLETENESS_WEIGHTS.executives;
  else missing.push("executives");
  return { score, missing };
}
