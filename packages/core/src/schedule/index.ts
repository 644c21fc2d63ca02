/**
 * EventBridge Scheduler expressions: parse and validate `cron()`, `rate()` and `at()` as AWS
 * does, compute fire times in an IANA zone, and build the CreateSchedule input.
 *
 * DST, following AWS's documented Scheduler behaviour: a cron time a spring-forward gap
 * removes is skipped; a cron time a fall-back fold repeats fires once, at its first
 * occurrence; rate() days are 24-hour periods. For at(), a time inside a gap moves forward
 * by the gap and a repeated time means its first occurrence (AWS does not document these).
 */
export { type EventBridgeScheduleSpec, toCreateScheduleInput } from "./aws";
export { describe } from "./describe";
export { InvalidScheduleExpressionError, InvalidScheduleOptionsError, InvalidTimezoneError } from "./errors";
export {
  type AtExpression,
  type CronExpression,
  type DayRule,
  parseScheduleExpression,
  type RateExpression,
  type RateUnit,
  type ScheduleExpression,
  type WallClock,
} from "./expression";
export { type FireTimeOptions, nextFireTimes } from "./next-fire-times";
export { assertTimezone } from "./time-zone";
