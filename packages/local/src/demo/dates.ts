const DAY_MS = 86_400_000;

/** Adds days to an ISO date (YYYY-MM-DD) in UTC. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Period end of fiscal year `fy` for an EDGAR fiscalYearEnd "MMDD". */
export function fiscalYearEndDate(fy: number, fiscalYearEnd: string): string {
  return `${fy}-${fiscalYearEnd.slice(0, 2)}-${fiscalYearEnd.slice(2, 4)}`;
}

/** Calendar quarter (1–4) a date falls in. */
export function calendarQuarter(isoDate: string): number {
  return Math.floor((Number(isoDate.slice(5, 7)) - 1) / 3) + 1;
}
