/** Proleptic Gregorian calendar helpers; months are 1–12, days of week 1–7 with 1 = Sunday (AWS numbering). */

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day of week in AWS numbering: 1 = SUN … 7 = SAT. */
export function dayOfWeek(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

export function isWeekend(year: number, month: number, day: number): boolean {
  const weekday = dayOfWeek(year, month, day);
  return weekday === 1 || weekday === 7;
}
