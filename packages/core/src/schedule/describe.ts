import {
  type CronExpression,
  type DayRule,
  parseScheduleExpression,
  type ScheduleExpression,
} from "./expression";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const ORDINALS = ["first", "second", "third", "fourth", "fifth"];

/**
 * A one-line English reading of a schedule expression, for listings and logs.
 *
 * @example describe("cron(0/5 8-17 ? * MON-FRI *)") // "every 5 minutes during hours 08-17, on Monday-Friday"
 */
export function describe(expression: string | ScheduleExpression): string {
  const schedule = typeof expression === "string" ? parseScheduleExpression(expression) : expression;
  switch (schedule.kind) {
    case "rate":
      return schedule.value === 1 ? `every ${schedule.unit}` : `every ${schedule.value} ${schedule.unit}s`;
    case "at": {
      const { year, month, day, hour, minute, second } = schedule.at;
      return `once, at ${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}`;
    }
    case "cron":
      return [
        describeTime(schedule),
        describeDays(schedule.days),
        schedule.months.length === 12
          ? ""
          : `in ${ranges(schedule.months, (month) => MONTHS[month - 1] ?? "")}`,
        schedule.years.length === 230 ? "" : `in ${ranges(schedule.years, String)}`,
      ]
        .filter(Boolean)
        .join(", ");
  }
}

function describeTime({ minutes, hours }: CronExpression): string {
  if (minutes.length * hours.length <= 4) {
    const times = hours.flatMap((hour) => minutes.map((minute) => `${pad(hour)}:${pad(minute)}`));
    return `at ${times.join(", ")}`;
  }
  const step = evenStep(minutes);
  const everyMinutes =
    minutes.length === 60 ? "every minute" : step && minutes[0] === 0 ? `every ${step} minutes` : undefined;
  const minutePart = everyMinutes ?? `at minutes ${ranges(minutes, pad)}`;
  return hours.length === 24 ? minutePart : `${minutePart} during hours ${ranges(hours, pad)}`;
}

function describeDays(rule: DayRule): string {
  switch (rule.kind) {
    case "days-of-month":
      return rule.days.length === 31 ? "every day" : `on day ${ranges(rule.days, String)} of the month`;
    case "last-day-of-month":
      return "on the last day of the month";
    case "last-weekday-of-month":
      return "on the last weekday of the month";
    case "weekday-nearest":
      return `on the weekday nearest day ${rule.day} of the month`;
    case "days-of-week":
      return rule.days.length === 7 ? "every day" : `on ${ranges(rule.days, weekday)}`;
    case "last-day-of-week-in-month":
      return `on the last ${weekday(rule.dayOfWeek)} of the month`;
    case "nth-day-of-week-in-month":
      return `on the ${ORDINALS[rule.nth - 1]} ${weekday(rule.dayOfWeek)} of the month`;
  }
}

/** The common difference of values that step evenly through a whole field, e.g. 0,15,30,45 → 15. */
function evenStep(values: readonly number[]): number | undefined {
  const [first, second] = values;
  if (first === undefined || second === undefined) return undefined;
  const step = second - first;
  const even = values.every((value, index) => value === first + index * step);
  return even && 60 - (values.at(-1) ?? 0) <= step ? step : undefined;
}

/** Sorted values as compact runs: 1,2,3,5 → "1-3, 5". */
function ranges(values: readonly number[], label: (value: number) => string): string {
  const runs: [number, number][] = [];
  for (const value of values) {
    const last = runs.at(-1);
    if (last && value === last[1] + 1) last[1] = value;
    else runs.push([value, value]);
  }
  return runs.map(([from, to]) => (from === to ? label(from) : `${label(from)}-${label(to)}`)).join(", ");
}

function weekday(day: number): string {
  return WEEKDAYS[day - 1] ?? String(day);
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}
