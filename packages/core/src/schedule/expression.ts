import { daysInMonth } from "./calendar";
import { parseCron } from "./cron-fields";
import { InvalidScheduleExpressionError } from "./errors";

/**
 * Which days a cron schedule fires on. AWS lets only one of day-of-month and day-of-week
 * carry a value (the other is `?`), so a schedule has exactly one rule. Days of week use
 * AWS numbering: 1 = SUN … 7 = SAT.
 */
export type DayRule =
  | { readonly kind: "days-of-month"; readonly days: readonly number[] }
  | { readonly kind: "last-day-of-month" }
  | { readonly kind: "last-weekday-of-month" }
  | { readonly kind: "weekday-nearest"; readonly day: number }
  | { readonly kind: "days-of-week"; readonly days: readonly number[] }
  | { readonly kind: "last-day-of-week-in-month"; readonly dayOfWeek: number }
  | { readonly kind: "nth-day-of-week-in-month"; readonly dayOfWeek: number; readonly nth: number };

/** `cron(minutes hours day-of-month month day-of-week year)`, each list sorted ascending. */
export interface CronExpression {
  readonly kind: "cron";
  readonly expression: string;
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly days: DayRule;
  readonly months: readonly number[];
  readonly years: readonly number[];
}

export type RateUnit = "minute" | "hour" | "day";

/** `rate(value unit)`: a fixed period, counted from the schedule's start. */
export interface RateExpression {
  readonly kind: "rate";
  readonly expression: string;
  readonly value: number;
  readonly unit: RateUnit;
  readonly periodMs: number;
}

/** A wall-clock time without a zone; months are 1–12. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** `at(yyyy-mm-ddThh:mm:ss)`: one wall-clock time, read in the schedule's time zone. */
export interface AtExpression {
  readonly kind: "at";
  readonly expression: string;
  readonly at: WallClock;
}

export type ScheduleExpression = CronExpression | RateExpression | AtExpression;

const UNIT_MS: Record<RateUnit, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const RATE = /^rate\((\S+) (\S+)\)$/;
const AT = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/;

/**
 * Parses an EventBridge Scheduler expression (`cron(...)`, `rate(...)` or `at(...)`) with
 * the rules AWS enforces, so a schedule that works locally also deploys.
 *
 * @throws InvalidScheduleExpressionError naming the part that is wrong.
 * @example parseScheduleExpression("cron(0 9 ? * 2#1 *)") // 09:00 on the first Monday of each month
 */
export function parseScheduleExpression(expression: string): ScheduleExpression {
  if (typeof expression !== "string" || expression.trim() === "") {
    throw new InvalidScheduleExpressionError(String(expression), "expected cron(...), rate(...) or at(...)");
  }
  // Scheduler takes the expression as written: no spaces around it or inside its parentheses.
  if (expression !== expression.trim()) {
    throw new InvalidScheduleExpressionError(expression, "remove the spaces before or after the expression");
  }
  if (/^\w+\(\s|\s\)$/.test(expression)) {
    throw new InvalidScheduleExpressionError(expression, "remove the spaces just inside the parentheses");
  }
  const text = expression;
  if (text.startsWith("cron(")) return parseCron(text);
  if (text.startsWith("rate(")) return parseRate(text);
  if (text.startsWith("at(")) return parseAt(text);
  throw new InvalidScheduleExpressionError(text, "expected cron(...), rate(...) or at(...)");
}

function parseRate(text: string): RateExpression {
  const match = RATE.exec(text);
  if (!match)
    throw new InvalidScheduleExpressionError(
      text,
      "expected rate(value unit) with one space between them, e.g. rate(5 minutes)",
    );
  const [, valueText = "", unitText = ""] = match;
  if (!/^[1-9]\d*$/.test(valueText)) {
    throw new InvalidScheduleExpressionError(
      text,
      `rate value "${valueText}" must be a positive whole number`,
    );
  }
  const value = Number(valueText);
  const unit = unitText.replace(/s$/, "");
  if (unit !== "minute" && unit !== "hour" && unit !== "day") {
    throw new InvalidScheduleExpressionError(
      text,
      `rate unit "${unitText}" must be one of minute(s), hour(s), day(s)`,
    );
  }
  const plural = unitText.endsWith("s");
  if (value === 1 && plural) {
    throw new InvalidScheduleExpressionError(text, `a rate of 1 takes the singular unit: rate(1 ${unit})`);
  }
  if (value !== 1 && !plural) {
    throw new InvalidScheduleExpressionError(
      text,
      `a rate of ${value} takes the plural unit: rate(${value} ${unit}s)`,
    );
  }
  return { kind: "rate", expression: text, value, unit, periodMs: value * UNIT_MS[unit] };
}

function parseAt(text: string): AtExpression {
  const match = AT.exec(text);
  if (!match) {
    throw new InvalidScheduleExpressionError(
      text,
      "expected at(yyyy-mm-ddThh:mm:ss), e.g. at(2025-11-20T13:00:00)",
    );
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12) throw new InvalidScheduleExpressionError(text, `month ${month} is not 01-12`);
  const lastDay = daysInMonth(year, month);
  if (day < 1 || day > lastDay) {
    throw new InvalidScheduleExpressionError(text, `day ${day} does not exist in ${year}-${match[2]}`);
  }
  if (hour > 23) throw new InvalidScheduleExpressionError(text, `hour ${hour} is not 00-23`);
  if (minute > 59) throw new InvalidScheduleExpressionError(text, `minute ${minute} is not 00-59`);
  if (second > 59) throw new InvalidScheduleExpressionError(text, `second ${second} is not 00-59`);
  return { kind: "at", expression: text, at: { year, month, day, hour, minute, second } };
}
