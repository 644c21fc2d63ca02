import { nextFireTimes, parseScheduleExpression } from "@dossier/core/schedule";
import type { ScheduleRecord } from "./schedule-record";

export interface DuePlan {
  /** The occurrence to fire now, if any: the latest one not yet fired within the grace window. */
  readonly due?: Date;
  /** The first occurrence after `now`, if the schedule has one. */
  readonly next?: Date;
}

const MIN_PERIOD_MS = 60_000;

/**
 * What a schedule owes at `now`. Occurrences after the last fire (or creation) that are at
 * most `graceMs` old collapse into one fire of the latest of them; older ones are dropped,
 * so a runtime that was down for a day does not replay a day of fires.
 */
export function planSchedule(record: ScheduleRecord, now: Date, graceMs: number): DuePlan {
  const schedule = parseScheduleExpression(record.expression);
  const base = record.lastFiredAt?.getTime() ?? record.createdAt.getTime() - 1;
  const windowStart = Math.max(base, now.getTime() - graceMs - 1);
  const bounds = { timezone: record.timezone, startDate: record.startDate ?? record.createdAt };
  // Occurrences are at least a minute apart, so this count covers the whole grace window.
  const inWindow = nextFireTimes(schedule, {
    ...bounds,
    after: new Date(windowStart),
    count: Math.floor(graceMs / MIN_PERIOD_MS) + 2,
    endDate: earliest(now, record.endDate),
  }).filter((time) => time.getTime() <= now.getTime());
  const [next] = nextFireTimes(schedule, {
    ...bounds,
    after: new Date(Math.max(now.getTime(), base)),
    count: 1,
    ...(record.endDate ? { endDate: record.endDate } : {}),
  });
  return { ...(inWindow.length > 0 ? { due: inWindow.at(-1) } : {}), ...(next ? { next } : {}) };
}

function earliest(date: Date, other: Date | undefined): Date {
  return other && other.getTime() < date.getTime() ? other : date;
}
