import { dayOfWeek, daysInMonth, isWeekend } from "./calendar";
import type { DayRule } from "./expression";

/** The days of one month a day rule fires on, ascending. */
export function matchingDays(rule: DayRule, year: number, month: number): number[] {
  const lastDay = daysInMonth(year, month);
  switch (rule.kind) {
    case "days-of-month":
      return rule.days.filter((day) => day <= lastDay);
    case "last-day-of-month":
      return [lastDay];
    case "last-weekday-of-month":
      return [nearestWeekday(year, month, lastDay, lastDay)];
    case "weekday-nearest":
      // A day the month does not have (31W in April) fires nowhere, as a plain 31 would.
      return rule.day <= lastDay ? [nearestWeekday(year, month, rule.day, lastDay)] : [];
    case "days-of-week": {
      const days: number[] = [];
      for (let day = 1; day <= lastDay; day++) {
        if (rule.days.includes(dayOfWeek(year, month, day))) days.push(day);
      }
      return days;
    }
    case "last-day-of-week-in-month": {
      const shift = (dayOfWeek(year, month, lastDay) - rule.dayOfWeek + 7) % 7;
      return [lastDay - shift];
    }
    case "nth-day-of-week-in-month": {
      const first = 1 + ((rule.dayOfWeek - dayOfWeek(year, month, 1) + 7) % 7);
      const day = first + (rule.nth - 1) * 7;
      return day <= lastDay ? [day] : [];
    }
  }
}

/** The weekday nearest `day` without leaving the month: Saturday → Friday, Sunday → Monday, unless that crosses a month edge. */
function nearestWeekday(year: number, month: number, day: number, lastDay: number): number {
  if (!isWeekend(year, month, day)) return day;
  const saturday = dayOfWeek(year, month, day) === 7;
  if (saturday) return day === 1 ? 3 : day - 1;
  return day === lastDay ? day - 2 : day + 1;
}
