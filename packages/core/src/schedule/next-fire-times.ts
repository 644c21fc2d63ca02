import { matchingDays } from "./cron-days";
import { InvalidScheduleOptionsError } from "./errors";
import {
  type AtExpression,
  type CronExpression,
  parseScheduleExpression,
  type RateExpression,
  type ScheduleExpression,
  type WallClock,
} from "./expression";
import { assertTimezone, fromWallClock, resolveWallClock, toWallClock } from "./time-zone";

export interface FireTimeOptions {
  /** IANA zone the expression is read in; AWS's default is UTC. */
  readonly timezone?: string;
  /** Fire times are strictly after this instant. */
  readonly after: Date;
  /** How many fire times to return at most. */
  readonly count: number;
  /** Inclusive; for rate() the anchor every period counts from (the schedule's start or creation time). */
  readonly startDate?: Date;
  /** Inclusive. */
  readonly endDate?: Date;
}

/**
 * The next fire times of a schedule, in order, as AWS EventBridge Scheduler would invoke them.
 *
 * - cron() is read on the wall clock of `timezone`. A time that a spring-forward gap skips
 *   does not fire; a time that a fall-back fold repeats fires once, at its first occurrence
 *   (what AWS documents for Scheduler).
 * - rate() fires at `startDate + k × period`; days are 24-hour periods, whatever DST does.
 * - at() fires once; like AWS it ignores `startDate` and `endDate`.
 *
 * @throws InvalidScheduleExpressionError, InvalidTimezoneError, InvalidScheduleOptionsError
 * @example nextFireTimes("cron(0 6 ? * MON *)", { timezone: "America/New_York", after: new Date(), count: 3 })
 */
export function nextFireTimes(expression: string | ScheduleExpression, options: FireTimeOptions): Date[] {
  const schedule = typeof expression === "string" ? parseScheduleExpression(expression) : expression;
  const timezone = options.timezone ?? "UTC";
  assertTimezone(timezone);
  const after = instantOf(options.after, "after");
  const start = options.startDate === undefined ? undefined : instantOf(options.startDate, "startDate");
  const end =
    options.endDate === undefined ? Number.POSITIVE_INFINITY : instantOf(options.endDate, "endDate");
  if (!Number.isInteger(options.count) || options.count < 0) {
    throw new InvalidScheduleOptionsError(`count must be a whole number ≥ 0, got ${options.count}`);
  }
  switch (schedule.kind) {
    case "at":
      return atFireTimes(schedule, timezone, after, options.count);
    case "rate":
      return rateFireTimes(schedule, after, start, end, options.count);
    case "cron":
      return cronFireTimes(schedule, timezone, Math.max(after + 1, start ?? after + 1), end, options.count);
  }
}

function instantOf(date: Date, name: string): number {
  const instant = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(instant)) throw new InvalidScheduleOptionsError(`${name} must be a valid Date`);
  return instant;
}

function atFireTimes(schedule: AtExpression, timezone: string, after: number, count: number): Date[] {
  const instant = resolveWallClock(schedule.at, timezone);
  return count > 0 && instant > after ? [new Date(instant)] : [];
}

function rateFireTimes(
  schedule: RateExpression,
  after: number,
  start: number | undefined,
  end: number,
  count: number,
): Date[] {
  if (start === undefined) {
    throw new InvalidScheduleOptionsError(
      `${schedule.expression} counts from the schedule's start: pass startDate (its start or creation time)`,
    );
  }
  const firstIndex = after < start ? 0 : Math.floor((after - start) / schedule.periodMs) + 1;
  const times: Date[] = [];
  for (let index = firstIndex; times.length < count; index++) {
    const instant = start + index * schedule.periodMs;
    if (instant > end) break;
    times.push(new Date(instant));
  }
  return times;
}

function cronFireTimes(
  schedule: CronExpression,
  timezone: string,
  from: number,
  end: number,
  count: number,
): Date[] {
  const times: Date[] = [];
  const first = toWallClock(from, timezone);
  // Fire times are whole minutes: a start inside a minute moves to the next one.
  const startsOnMinute = first.second === 0 && from % 1000 === 0;
  let wall: WallClock | undefined = { ...first, second: 0, minute: first.minute + (startsOnMinute ? 0 : 1) };
  while (times.length < count) {
    wall = nextWallMatch(schedule, wall);
    if (!wall) break;
    // Earliest instant only: a gap has none (skipped), a fold fires at its first pass.
    const instant = fromWallClock(wall, timezone)[0];
    if (instant !== undefined && instant > end) break;
    if (instant !== undefined && instant >= from) times.push(new Date(instant));
    wall = { ...wall, minute: wall.minute + 1 };
  }
  return times;
}

/**
 * The first wall-clock minute at or after `wall` that matches the expression. Fields are
 * searched from the year down and an exhausted field carries into the next larger one, so
 * the search skips whole years, months, days and hours instead of walking minute by minute.
 * Field values may overflow (minute 60, day 32): the search carries them.
 */
function nextWallMatch(schedule: CronExpression, wall: WallClock): WallClock | undefined {
  let { year, month, day, hour, minute } = wall;
  for (;;) {
    const nextYear = schedule.years.find((value) => value >= year);
    if (nextYear === undefined) return undefined;
    if (nextYear > year) [year, month, day, hour, minute] = [nextYear, 1, 1, 0, 0];

    const nextMonth = schedule.months.find((value) => value >= month);
    if (nextMonth === undefined) {
      [year, month, day, hour, minute] = [year + 1, 1, 1, 0, 0];
      continue;
    }
    if (nextMonth > month) [month, day, hour, minute] = [nextMonth, 1, 0, 0];

    const nextDay = matchingDays(schedule.days, year, month).find((value) => value >= day);
    if (nextDay === undefined) {
      [month, day, hour, minute] = [month + 1, 1, 0, 0];
      continue;
    }
    if (nextDay > day) [day, hour, minute] = [nextDay, 0, 0];

    const nextHour = schedule.hours.find((value) => value >= hour);
    if (nextHour === undefined) {
      [day, hour, minute] = [day + 1, 0, 0];
      continue;
    }
    if (nextHour > hour) [hour, minute] = [nextHour, 0];

    const nextMinute = schedule.minutes.find((value) => value >= minute);
    if (nextMinute === undefined) {
      [hour, minute] = [hour + 1, 0];
      continue;
    }
    return { year, month, day, hour, minute: nextMinute, second: 0 };
  }
}
