import type { Timers } from "./types";

export interface InstantClock {
  now: () => Date;
  /** Moves the clock forward without firing anything. */
  advance: (ms: number) => void;
  timers: Timers;
}

/**
 * A clock whose timers fire on the next turn of the event loop and move the clock forward by
 * their delay, so tests exercise hours of retry backoff in milliseconds and without sleeping.
 * Timers that overlap each add their full delay: exact for one delivery, an over-estimate of
 * elapsed time for many.
 */
export function createInstantClock(start: Date = new Date("2025-01-01T00:00:00Z")): InstantClock {
  let nowMs = start.getTime();
  return {
    now: () => new Date(nowMs),
    advance: (ms) => {
      nowMs += ms;
    },
    timers: {
      setTimeout: (callback, ms) =>
        setImmediate(() => {
          nowMs += ms;
          callback();
        }),
      clearTimeout: (handle) => clearImmediate(handle as ReturnType<typeof setImmediate>),
    },
  };
}
