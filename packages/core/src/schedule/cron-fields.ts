import { InvalidScheduleExpressionError } from "./errors";
import type { CronExpression, DayRule } from "./expression";

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly allowStep: boolean;
}

const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

const MINUTES: FieldSpec = { name: "minutes", min: 0, max: 59, allowStep: true };
const HOURS: FieldSpec = { name: "hours", min: 0, max: 23, allowStep: true };
const DAY_OF_MONTH: FieldSpec = { name: "day-of-month", min: 1, max: 31, allowStep: true };
const MONTH: FieldSpec = { name: "month", min: 1, max: 12, names: MONTH_NAMES, allowStep: true };
// AWS lists no `/` for day-of-week (unlike Quartz), so neither do we.
const DAY_OF_WEEK: FieldSpec = { name: "day-of-week", min: 1, max: 7, names: DAY_NAMES, allowStep: false };
const YEAR: FieldSpec = { name: "year", min: 1970, max: 2199, allowStep: true };

const CRON = /^cron\((.*)\)$/;

/** Parses `cron(minutes hours day-of-month month day-of-week year)` with AWS field rules. */
export function parseCron(text: string): CronExpression {
  const match = CRON.exec(text);
  const fields = match?.[1]?.trim().split(/\s+/) ?? [];
  if (fields.length !== 6) {
    const hint = fields.length === 5 ? " (AWS cron has a year field: add * at the end)" : "";
    throw new InvalidScheduleExpressionError(
      text,
      `expected 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}${hint}`,
    );
  }
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return {
    kind: "cron",
    expression: text,
    minutes: parseList(text, minutes, MINUTES),
    hours: parseList(text, hours, HOURS),
    days: parseDays(text, dayOfMonth.toUpperCase(), dayOfWeek.toUpperCase()),
    months: parseList(text, month.toUpperCase(), MONTH),
    years: parseList(text, year, YEAR),
  };
}

function parseDays(text: string, dayOfMonth: string, dayOfWeek: string): DayRule {
  if (dayOfMonth === "?" && dayOfWeek === "?") {
    throw new InvalidScheduleExpressionError(text, "day-of-month and day-of-week cannot both be ?");
  }
  if (dayOfMonth !== "?" && dayOfWeek !== "?") {
    throw new InvalidScheduleExpressionError(
      text,
      "one of day-of-month and day-of-week must be ? (AWS cannot combine them), e.g. cron(0 10 * * ? *)",
    );
  }
  return dayOfWeek === "?" ? parseDayOfMonth(text, dayOfMonth) : parseDayOfWeek(text, dayOfWeek);
}

function parseDayOfMonth(text: string, field: string): DayRule {
  if (field === "L") return { kind: "last-day-of-month" };
  if (field === "LW") return { kind: "last-weekday-of-month" };
  const nearest = /^(\d+)W$/.exec(field);
  if (nearest) {
    return { kind: "weekday-nearest", day: parseValue(text, nearest[1] ?? "", DAY_OF_MONTH) };
  }
  if (/[LW]/.test(field)) {
    throw new InvalidScheduleExpressionError(
      text,
      `day-of-month "${field}": L, LW and nW (e.g. 15W) must stand alone in the field`,
    );
  }
  return { kind: "days-of-month", days: parseList(text, field, DAY_OF_MONTH) };
}

function parseDayOfWeek(text: string, field: string): DayRule {
  // Alone, L is the last day of the week: Saturday.
  if (field === "L") return { kind: "days-of-week", days: [7] };
  const last = /^([^,#-]+)L$/.exec(field);
  if (last)
    return { kind: "last-day-of-week-in-month", dayOfWeek: parseValue(text, last[1] ?? "", DAY_OF_WEEK) };
  const nth = /^([^,#-]+)#(\d+)$/.exec(field);
  if (nth) {
    const count = Number(nth[2]);
    if (count < 1 || count > 5) {
      throw new InvalidScheduleExpressionError(
        text,
        `day-of-week "${field}": the number after # must be 1-5`,
      );
    }
    return {
      kind: "nth-day-of-week-in-month",
      dayOfWeek: parseValue(text, nth[1] ?? "", DAY_OF_WEEK),
      nth: count,
    };
  }
  if (/[L#]/.test(field)) {
    throw new InvalidScheduleExpressionError(
      text,
      `day-of-week "${field}": L, nL (e.g. 6L) and n#k (e.g. 3#2) must stand alone in the field`,
    );
  }
  return { kind: "days-of-week", days: parseList(text, field, DAY_OF_WEEK) };
}

/** A comma list of `*`, `v`, `a-b`, each optionally `/step`; returns the sorted distinct values. */
function parseList(text: string, field: string, spec: FieldSpec): number[] {
  const values = new Set<number>();
  for (const item of field.split(",")) {
    for (const value of parseItem(text, item, spec)) values.add(value);
  }
  return [...values].sort((a, b) => a - b);
}

function parseItem(text: string, item: string, spec: FieldSpec): number[] {
  const fail = (reason: string): never => {
    throw new InvalidScheduleExpressionError(text, `${spec.name} "${item}": ${reason}`);
  };
  if (item === "") fail("empty list item");
  if (item === "?") fail("? is only allowed alone in day-of-month or day-of-week");
  const [base = "", stepText, ...rest] = item.split("/");
  if (rest.length > 0) fail("more than one /");
  let step = 1;
  if (stepText !== undefined) {
    if (!spec.allowStep) fail(`/ is not allowed in ${spec.name}`);
    if (!/^\d+$/.test(stepText)) fail(`step "${stepText}" must be a whole number`);
    step = Number(stepText);
    if (step < 1 || step > spec.max - spec.min) fail(`step must be 1-${spec.max - spec.min}`);
  }
  let start: number;
  let end: number;
  if (base === "*") {
    start = spec.min;
    end = spec.max;
  } else if (base.includes("-")) {
    const [from = "", to = "", ...more] = base.split("-");
    if (more.length > 0) fail("a range has one -");
    start = parseValue(text, from, spec);
    end = parseValue(text, to, spec);
    if (end < start)
      fail(`range ${from}-${to} runs backwards; split it, e.g. ${from}-${spec.max},${spec.min}-${to}`);
  } else {
    start = parseValue(text, base, spec);
    // `v/step` counts from v to the end of the field, as in AWS's `0/15` (every 15 minutes).
    end = stepText === undefined ? start : spec.max;
  }
  const values: number[] = [];
  for (let value = start; value <= end; value += step) values.push(value);
  return values;
}

function parseValue(text: string, token: string, spec: FieldSpec): number {
  const named = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  if (named >= 0) return named + 1;
  if (!/^\d+$/.test(token)) {
    const expected = spec.names
      ? `${spec.min}-${spec.max} or ${spec.names[0]}-${spec.names.at(-1)}`
      : `${spec.min}-${spec.max}`;
    throw new InvalidScheduleExpressionError(text, `${spec.name} "${token}" is not a value (${expected})`);
  }
  const value = Number(token);
  if (value < spec.min || value > spec.max) {
    const hint = spec === DAY_OF_WEEK ? " (AWS counts 1 = SUN … 7 = SAT, not Unix 0-6)" : "";
    throw new InvalidScheduleExpressionError(
      text,
      `${spec.name} value ${value} is out of range ${spec.min}-${spec.max}${hint}`,
    );
  }
  return value;
}
