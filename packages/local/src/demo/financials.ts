import { addDays, fiscalYearEndDate } from "./dates";
import type { Random } from "./random";
import type { DemoFiscalYear, DemoRestatement } from "./types";

/** The few numbers a company's financial history is grown from. */
export interface FinancialProfile {
  latestFy: number;
  yearCount: number;
  fiscalYearEnd: string;
  /** Revenue of the latest full year, in the reporting currency. */
  latestRevenue: number;
  growth: number;
  /** Net margin; negative for loss makers. */
  margin: number;
  /** Total assets as a multiple of revenue (banks and utilities carry far more). */
  assetMultiple: number;
  restate: boolean;
}

export interface FinancialHistory {
  years: DemoFiscalYear[];
  interimYear: DemoFiscalYear;
  restatement?: DemoRestatement;
}

const roundTo = (value: number, unit: number): number => Math.round(value / unit) * unit;

/**
 * Grows `yearCount` full fiscal years plus the following interim year from a profile; values
 * are rounded like filings round them (thousands, EPS to cents).
 */
export function buildFinancialHistory(profile: FinancialProfile, random: Random): FinancialHistory {
  const unit = profile.latestRevenue >= 1e9 ? 1_000_000 : 1_000;
  const liabilityRatio = random.between(0.35, 0.7);
  const cashRatio = random.between(0.05, 0.2);
  const latestShares = roundTo(Math.max(profile.latestRevenue / random.between(20, 60), 5_000_000), 1_000);
  const firstFy = profile.latestFy - profile.yearCount + 1;
  const all: DemoFiscalYear[] = [];
  for (let fy = firstFy; fy <= profile.latestFy + 1; fy++) {
    const yearsBack = profile.latestFy - fy;
    const revenue = roundTo(
      (profile.latestRevenue / (1 + profile.growth) ** yearsBack) * random.between(0.97, 1.03),
      unit,
    );
    const netIncome = roundTo(revenue * profile.margin * random.between(0.85, 1.15), unit);
    const assets = roundTo(revenue * profile.assetMultiple * random.between(0.95, 1.05), unit);
    const liabilities = roundTo(assets * liabilityRatio, unit);
    const sharesOutstanding = roundTo(latestShares * (1 - 0.01 * yearsBack), 1_000);
    const end = fiscalYearEndDate(fy, profile.fiscalYearEnd);
    all.push({
      fy,
      start: addDays(fiscalYearEndDate(fy - 1, profile.fiscalYearEnd), 1),
      end,
      revenue,
      netIncome,
      assets,
      liabilities,
      equity: assets - liabilities,
      cash: roundTo(assets * cashRatio, unit),
      operatingCashFlow: roundTo(netIncome + revenue * random.between(0.04, 0.09), unit),
      epsDiluted: Math.round((netIncome / (sharesOutstanding * 1.01)) * 100) / 100,
      sharesOutstanding,
    });
  }
  const interimYear = all.pop();
  if (!interimYear) throw new RangeError("yearCount must be at least 1");
  const restated = profile.restate ? all[all.length - 2] : undefined;
  return {
    years: all,
    interimYear,
    ...(restated && {
      restatement: {
        fy: restated.fy,
        concept: "NetIncomeLoss",
        // The original filing overstated earnings; the next annual report corrects them.
        originalValue: roundTo(restated.netIncome * 1.08, unit),
        restatedValue: restated.netIncome,
      },
    }),
  };
}
