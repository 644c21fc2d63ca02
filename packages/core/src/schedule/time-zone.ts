import { InvalidTimezoneError } from "./errors";
import type { WallClock } from "./expression";

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone: timezone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      throw new InvalidTimezoneError(timezone);
    }
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** Throws InvalidTimezoneError unless the runtime knows the IANA zone. */
export function assertTimezone(timezone: string): void {
  formatterFor(timezone);
}

/** The wall clock in `timezone` at an instant (milliseconds dropped). */
export function toWallClock(instant: number, timezone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

function wallAsUtc(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** Offset of `timezone` from UTC at an instant, in milliseconds (positive east of Greenwich). */
export function offsetAt(instant: number, timezone: string): number {
  const wholeSeconds = instant - (((instant % 1000) + 1000) % 1000);
  return wallAsUtc(toWallClock(wholeSeconds, timezone)) - wholeSeconds;
}

/**
 * Every instant at which `timezone` shows this wall clock, earliest first: none inside a
 * spring-forward gap, two inside a fall-back fold, otherwise one. Assumes at most one offset
 * change within a day of the wall time, which holds for every zone in the IANA database.
 */
export function fromWallClock(wall: WallClock, timezone: string): number[] {
  const local = wallAsUtc(wall);
  const offsets = new Set([offsetAt(local - DAY_MS, timezone), offsetAt(local + DAY_MS, timezone)]);
  const instants = new Set<number>();
  for (const offset of offsets) {
    const instant = local - offset;
    if (offsetAt(instant, timezone) === offset) instants.add(instant);
  }
  return [...instants].sort((a, b) => a - b);
}

/**
 * The instant a one-off wall-clock time means. In a fold it is the first occurrence; in a
 * gap the time moves forward by the gap (02:30 on a spring-forward night becomes 03:30),
 * so a one-time schedule still fires instead of silently never firing.
 */
export function resolveWallClock(wall: WallClock, timezone: string): number {
  const [first] = fromWallClock(wall, timezone);
  if (first !== undefined) return first;
  const local = wallAsUtc(wall);
  return local - offsetAt(local - DAY_MS, timezone);
}
