import { type DuePlan, planSchedule } from "./due";
import type { ScheduleRecord } from "./schedule-record";

export type TimerHandle = unknown;

/** `R` is the caller's own record type, so `fire` gets back whatever else it stores (e.g. companies). */
export interface LocalSchedulerOptions<R extends ScheduleRecord = ScheduleRecord> {
  /** Every schedule, enabled or not; read again on each firing and refresh(). */
  readonly list: () => Promise<R[]>;
  /** Records that the occurrence at `firedAt` was fired, and when the schedule fires next (undefined: never). */
  readonly markFired: (name: string, firedAt: Date, nextFireAt: Date | undefined) => Promise<void>;
  /** Delivers one occurrence, e.g. PutEvents on the local bus; `scheduledTime` is the occurrence, not the clock. */
  readonly fire: (schedule: R, scheduledTime: Date) => Promise<void>;
  readonly now?: () => Date;
  readonly setTimer?: (callback: () => void, delayMs: number) => TimerHandle;
  readonly clearTimer?: (handle: TimerHandle) => void;
  /**
   * How late an occurrence may still fire, in ms (default 15 minutes). Occurrences missed
   * while the runtime was down fire once on start, as the latest of them, if it is within
   * this window; older ones are dropped.
   */
  readonly graceMs?: number;
  /**
   * Where failures are reported (default console.error): a bad expression or zone, `fire` or
   * `markFired` rejecting (with the schedule), `list` rejecting (without one).
   */
  readonly onError?: (error: unknown, schedule?: R) => void;
}

export interface LocalScheduler {
  /** Fires what is due (including missed occurrences within the grace window) and arms the timer. */
  start(): Promise<void>;
  /** Disarms the timer and waits for a firing in progress to end. */
  stop(): Promise<void>;
  /** Re-reads the schedules (after a create, update or delete) and re-arms the timer. */
  refresh(): Promise<void>;
}

export const DEFAULT_GRACE_MS = 15 * 60_000;
/** After `list` fails, the timer retries this much later rather than leaving schedules unarmed. */
export const LIST_RETRY_MS = 10_000;
// setTimeout holds at most 2^31-1 ms; a farther fire time is reached by re-arming on wake-up.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The local stand-in for EventBridge Scheduler: one timer for the earliest next fire among
 * enabled schedules, re-armed after each firing and on refresh(). at() schedules fire once.
 * A failing fire is reported to `onError` and the occurrence still counts as fired, so one
 * bad target cannot stall the others or loop; delivery retries belong to `fire`.
 */
export function createLocalScheduler<R extends ScheduleRecord>(
  options: LocalSchedulerOptions<R>,
): LocalScheduler {
  const now = options.now ?? (() => new Date());
  const setTimer = options.setTimer ?? ((callback, delayMs) => setTimeout(callback, delayMs));
  const clearTimer =
    options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const onError =
    options.onError ??
    ((error: unknown, schedule?: ScheduleRecord) =>
      console.error(schedule ? `schedule "${schedule.name}" failed:` : "listing schedules failed:", error));

  let running = false;
  let timer: TimerHandle | undefined;
  let queue: Promise<void> = Promise.resolve();

  const disarm = () => {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
  };

  // Ticks never overlap: a timer firing during refresh() waits for it.
  const enqueue = (): Promise<void> => {
    const run = queue.then(tick);
    queue = run.catch(() => undefined);
    return run;
  };

  async function tick(): Promise<void> {
    if (!running) return;
    disarm();
    let records: R[];
    try {
      records = await options.list();
    } catch (error) {
      onError(error);
      if (running) arm(LIST_RETRY_MS);
      throw error;
    }
    let earliest: number | undefined;
    for (const record of records) {
      if (!record.enabled) continue;
      const next = await runSchedule(record);
      if (next !== undefined && (earliest === undefined || next < earliest)) earliest = next;
    }
    if (running && earliest !== undefined) arm(earliest - now().getTime());
  }

  function arm(delayMs: number): void {
    // A list failure was already reported by tick(); the retry timer it armed carries on.
    timer = setTimer(
      () => void enqueue().catch(() => undefined),
      Math.min(Math.max(0, delayMs), MAX_TIMER_MS),
    );
  }

  /** Fires the schedule if it is due; returns its next fire time. */
  async function runSchedule(record: R): Promise<number | undefined> {
    let plan: DuePlan;
    try {
      plan = planSchedule(record, now(), graceMs);
    } catch (error) {
      onError(error, record);
      return undefined;
    }
    if (plan.due) {
      // At least once: if markFired fails, a later tick fires this occurrence again.
      await options.fire(record, plan.due).catch((error: unknown) => onError(error, record));
      await options
        .markFired(record.name, plan.due, plan.next)
        .catch((error: unknown) => onError(error, record));
    }
    return plan.next?.getTime();
  }

  return {
    start() {
      running = true;
      return enqueue();
    },
    async stop() {
      running = false;
      disarm();
      await queue;
    },
    refresh: enqueue,
  };
}
