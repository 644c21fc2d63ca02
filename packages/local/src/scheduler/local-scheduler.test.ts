import { InvalidScheduleExpressionError } from "@dossier/core/schedule";
import { describe, expect, it } from "vitest";
import { createLocalScheduler, LIST_RETRY_MS, type LocalSchedulerOptions } from "./local-scheduler";
import type { ScheduleRecord } from "./schedule-record";

/** Lets the scheduler's promise chain (all in-memory) finish. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function fakeClock(startIso: string) {
  let current = Date.parse(startIso);
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => new Date(current),
    setTimer: (callback: () => void, delayMs: number) => {
      const id = nextId++;
      timers.set(id, { at: current + delayMs, callback });
      return id;
    },
    clearTimer: (handle: unknown) => {
      timers.delete(handle as number);
    },
    /** When each armed timer goes off. */
    pending: () => [...timers.values()].map((timer) => new Date(timer.at).toISOString()),
    /** Moves the clock to `iso`, running each timer at its own time on the way. */
    async advanceTo(iso: string) {
      const target = Date.parse(iso);
      for (;;) {
        const [entry] = [...timers.entries()]
          .filter(([, timer]) => timer.at <= target)
          .sort(([, a], [, b]) => a.at - b.at);
        if (!entry) break;
        const [id, timer] = entry;
        timers.delete(id);
        current = Math.max(current, timer.at);
        timer.callback();
        await settle();
      }
      current = target;
    },
  };
}

function memoryStore(records: ScheduleRecord[]) {
  const schedules = new Map(records.map((record) => [record.name, record]));
  const marks: { name: string; firedAt: string; nextFireAt?: string }[] = [];
  return {
    schedules,
    marks,
    list: async () => [...schedules.values()],
    markFired: async (name: string, firedAt: Date, nextFireAt: Date | undefined) => {
      marks.push({
        name,
        firedAt: firedAt.toISOString(),
        ...(nextFireAt ? { nextFireAt: nextFireAt.toISOString() } : {}),
      });
      const record = schedules.get(name);
      if (record) schedules.set(name, { ...record, lastFiredAt: firedAt });
    },
  };
}

function record(
  name: string,
  expression: string,
  createdAt: string,
  extra: Partial<ScheduleRecord> = {},
): ScheduleRecord {
  return { name, expression, timezone: "UTC", enabled: true, createdAt: new Date(createdAt), ...extra };
}

function setup(records: ScheduleRecord[], startIso: string, options: Partial<LocalSchedulerOptions> = {}) {
  const clock = fakeClock(startIso);
  const store = memoryStore(records);
  const fired: { name: string; scheduledTime: string; firedAt: string }[] = [];
  const errors: { error: unknown; name?: string }[] = [];
  const scheduler = createLocalScheduler({
    list: store.list,
    markFired: store.markFired,
    fire: async (schedule, scheduledTime) => {
      fired.push({
        name: schedule.name,
        scheduledTime: scheduledTime.toISOString(),
        firedAt: clock.now().toISOString(),
      });
    },
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    onError: (error, schedule) => errors.push({ error, ...(schedule ? { name: schedule.name } : {}) }),
    ...options,
  });
  return { clock, store, fired, errors, scheduler };
}

describe("createLocalScheduler", () => {
  it("fires a cron schedule on time and re-arms for the next occurrence", async () => {
    // Prepare
    const { clock, store, fired, scheduler } = setup(
      [record("quarterly", "cron(0/15 * * * ? *)", "2025-01-15T10:07:00Z")],
      "2025-01-15T10:07:30Z",
    );

    // Act
    await scheduler.start();
    const armed = clock.pending();
    await clock.advanceTo("2025-01-15T10:20:00Z");

    // Assess
    expect(armed).toEqual(["2025-01-15T10:15:00.000Z"]);
    expect(fired).toEqual([
      { name: "quarterly", scheduledTime: "2025-01-15T10:15:00.000Z", firedAt: "2025-01-15T10:15:00.000Z" },
    ]);
    expect(store.marks).toEqual([
      { name: "quarterly", firedAt: "2025-01-15T10:15:00.000Z", nextFireAt: "2025-01-15T10:30:00.000Z" },
    ]);
    expect(clock.pending()).toEqual(["2025-01-15T10:30:00.000Z"]);
  });

  it("keeps one timer, for the earliest next fire among all schedules", async () => {
    const { clock, fired, scheduler } = setup(
      [
        record("hourly", "cron(0 * * * ? *)", "2025-01-15T10:05:00Z"),
        record("every-20", "cron(0/20 * * * ? *)", "2025-01-15T10:05:00Z"),
      ],
      "2025-01-15T10:05:00Z",
    );

    await scheduler.start();
    const first = clock.pending();
    await clock.advanceTo("2025-01-15T11:00:00Z");

    expect(first).toEqual(["2025-01-15T10:20:00.000Z"]);
    expect(fired.map(({ name, scheduledTime }) => `${name}@${scheduledTime.slice(11, 16)}`)).toEqual([
      "every-20@10:20",
      "every-20@10:40",
      "hourly@11:00",
      "every-20@11:00",
    ]);
    expect(clock.pending()).toEqual(["2025-01-15T11:20:00.000Z"]);
  });

  it("reads cron in the schedule's time zone", async () => {
    const { clock, scheduler } = setup(
      [record("ny-morning", "cron(0 6 ? * MON *)", "2025-03-01T00:00:00Z", { timezone: "America/New_York" })],
      "2025-03-04T00:00:00Z",
    );

    await scheduler.start();

    expect(clock.pending()).toEqual(["2025-03-10T10:00:00.000Z"]);
  });

  it("fires rate() at creation and then every period counted from it", async () => {
    const { clock, fired, scheduler } = setup(
      [record("five", "rate(5 minutes)", "2025-01-15T10:00:20Z")],
      "2025-01-15T10:00:20Z",
    );

    await scheduler.start();
    await clock.advanceTo("2025-01-15T10:11:00Z");

    expect(fired.map((fire) => fire.scheduledTime)).toEqual([
      "2025-01-15T10:00:20.000Z",
      "2025-01-15T10:05:20.000Z",
      "2025-01-15T10:10:20.000Z",
    ]);
    expect(clock.pending()).toEqual(["2025-01-15T10:15:20.000Z"]);
  });

  it("fires an at() schedule once and then leaves no timer", async () => {
    const { clock, store, fired, scheduler } = setup(
      [record("once", "at(2025-01-15T10:30:00)", "2025-01-15T10:00:00Z")],
      "2025-01-15T10:00:00Z",
    );

    await scheduler.start();
    await clock.advanceTo("2025-01-16T00:00:00Z");
    await scheduler.refresh();

    expect(fired.map((fire) => fire.scheduledTime)).toEqual(["2025-01-15T10:30:00.000Z"]);
    expect(store.marks).toEqual([{ name: "once", firedAt: "2025-01-15T10:30:00.000Z" }]);
    expect(clock.pending()).toEqual([]);
  });

  it("ignores disabled schedules", async () => {
    const { clock, fired, scheduler } = setup(
      [record("off", "rate(1 minute)", "2025-01-15T10:00:00Z", { enabled: false })],
      "2025-01-15T10:00:00Z",
    );

    await scheduler.start();
    await clock.advanceTo("2025-01-15T11:00:00Z");

    expect(fired).toEqual([]);
    expect(clock.pending()).toEqual([]);
  });

  it("on start, fires occurrences missed while down once, as the latest, when within the grace window", async () => {
    // Prepare: fired last at 10:00, the runtime was down until 10:07:30.
    const { clock, store, fired, scheduler } = setup(
      [
        record("minutely", "rate(1 minute)", "2025-01-15T09:00:00Z", {
          lastFiredAt: new Date("2025-01-15T10:00:00Z"),
        }),
      ],
      "2025-01-15T10:07:30Z",
    );

    // Act
    await scheduler.start();

    // Assess
    expect(fired).toEqual([
      { name: "minutely", scheduledTime: "2025-01-15T10:07:00.000Z", firedAt: "2025-01-15T10:07:30.000Z" },
    ]);
    expect(store.marks).toEqual([
      { name: "minutely", firedAt: "2025-01-15T10:07:00.000Z", nextFireAt: "2025-01-15T10:08:00.000Z" },
    ]);
    expect(clock.pending()).toEqual(["2025-01-15T10:08:00.000Z"]);
  });

  it("on start, drops an occurrence missed by more than the grace window", async () => {
    const { clock, store, fired, scheduler } = setup(
      [
        record("nightly", "cron(0 2 * * ? *)", "2025-01-01T00:00:00Z", {
          lastFiredAt: new Date("2025-01-14T02:00:00Z"),
        }),
      ],
      "2025-01-15T02:16:00Z",
    );

    await scheduler.start();

    expect(fired).toEqual([]);
    expect(store.marks).toEqual([]);
    expect(clock.pending()).toEqual(["2025-01-16T02:00:00.000Z"]);
  });

  it("honours a custom grace window", async () => {
    const { fired, scheduler } = setup(
      [
        record("nightly", "cron(0 2 * * ? *)", "2025-01-01T00:00:00Z", {
          lastFiredAt: new Date("2025-01-14T02:00:00Z"),
        }),
      ],
      "2025-01-15T05:00:00Z",
      { graceMs: 4 * 3_600_000 },
    );

    await scheduler.start();

    expect(fired.map((fire) => fire.scheduledTime)).toEqual(["2025-01-15T02:00:00.000Z"]);
  });

  it("picks up a new schedule on refresh() and forgets a deleted one", async () => {
    const { clock, store, fired, scheduler } = setup([], "2025-01-15T10:00:00Z");
    await scheduler.start();
    const before = clock.pending();

    store.schedules.set("new", record("new", "cron(30 10 * * ? *)", "2025-01-15T10:00:00Z"));
    await scheduler.refresh();
    const afterCreate = clock.pending();
    store.schedules.delete("new");
    await scheduler.refresh();
    await clock.advanceTo("2025-01-15T11:00:00Z");

    expect(before).toEqual([]);
    expect(afterCreate).toEqual(["2025-01-15T10:30:00.000Z"]);
    expect(clock.pending()).toEqual([]);
    expect(fired).toEqual([]);
  });

  it("reports a schedule with a bad expression and keeps firing the others", async () => {
    const { clock, fired, errors, scheduler } = setup(
      [
        record("broken", "cron(0 10 * * *)", "2025-01-15T00:00:00Z"),
        record("fine", "cron(0 11 * * ? *)", "2025-01-15T00:00:00Z"),
      ],
      "2025-01-15T10:00:00Z",
    );

    await scheduler.start();
    await clock.advanceTo("2025-01-15T11:00:00Z");

    expect(errors).toHaveLength(2);
    expect(errors[0]?.name).toBe("broken");
    expect(errors[0]?.error).toBeInstanceOf(InvalidScheduleExpressionError);
    expect(fired.map((fire) => fire.name)).toEqual(["fine"]);
  });

  it("reports a failing fire, counts the occurrence as fired and moves on", async () => {
    const failure = new Error("bus unavailable");
    const { clock, store, errors, scheduler } = setup(
      [record("hourly", "cron(0 * * * ? *)", "2025-01-15T00:00:00Z")],
      "2025-01-15T10:30:00Z",
      {
        fire: async () => {
          throw failure;
        },
      },
    );

    await scheduler.start();
    await clock.advanceTo("2025-01-15T11:00:00Z");

    expect(errors).toEqual([{ error: failure, name: "hourly" }]);
    expect(store.marks.map((mark) => mark.firedAt)).toEqual(["2025-01-15T11:00:00.000Z"]);
    expect(clock.pending()).toEqual(["2025-01-15T12:00:00.000Z"]);
  });

  it("retries listing later when the store fails, and start() reports it", async () => {
    const failure = new Error("dynalite not ready");
    let calls = 0;
    const { clock, fired, errors, scheduler } = setup([], "2025-01-15T10:00:00Z", {
      list: async () => {
        calls += 1;
        if (calls === 1) throw failure;
        return [record("five", "rate(5 minutes)", "2025-01-15T10:00:00Z")];
      },
    });

    await expect(scheduler.start()).rejects.toBe(failure);
    const retry = clock.pending();
    await clock.advanceTo("2025-01-15T10:00:10Z");

    expect(errors).toEqual([{ error: failure }]);
    expect(retry).toEqual([new Date(Date.parse("2025-01-15T10:00:00Z") + LIST_RETRY_MS).toISOString()]);
    expect(fired.map((fire) => fire.scheduledTime)).toEqual(["2025-01-15T10:00:00.000Z"]);
  });

  it("arms a far-future schedule in steps setTimeout can hold, then fires it on time", async () => {
    const { clock, fired, scheduler } = setup(
      [record("new-year", "cron(0 0 1 1 ? *)", "2025-01-15T00:00:00Z")],
      "2025-01-15T00:00:00Z",
    );

    await scheduler.start();
    const first = clock.pending();
    await clock.advanceTo("2026-01-01T00:00:00Z");

    expect(first).toEqual([new Date(Date.parse("2025-01-15T00:00:00Z") + 2_147_483_647).toISOString()]);
    expect(fired.map((fire) => fire.scheduledTime)).toEqual(["2026-01-01T00:00:00.000Z"]);
  });

  it("stop() disarms the timer so nothing fires afterwards", async () => {
    const { clock, fired, scheduler } = setup(
      [
        record("minutely", "rate(1 minute)", "2025-01-15T10:00:00Z", {
          lastFiredAt: new Date("2025-01-15T10:00:00Z"),
        }),
      ],
      "2025-01-15T10:00:30Z",
    );

    await scheduler.start();
    await scheduler.stop();
    await clock.advanceTo("2025-01-15T10:10:00Z");
    await scheduler.refresh();

    expect(fired).toEqual([]);
    expect(clock.pending()).toEqual([]);
  });

  it("fires an at() schedule 300 ms away on the real clock, never early", async () => {
    // Prepare: a clock shifted so the next whole second (at() has second precision) is 300 ms away.
    const realStart = Date.now();
    const target = new Date(Math.floor(realStart / 1000) * 1000 + 10_000);
    const shift = target.getTime() - 300 - realStart;
    const now = () => new Date(Date.now() + shift);
    const at = `at(${target.toISOString().slice(0, 19)})`;
    const fired: { scheduledTime: Date; at: Date }[] = [];
    let resolveFired: () => void = () => undefined;
    const firedOnce = new Promise<void>((resolve) => {
      resolveFired = resolve;
    });
    const soon = record("soon", at, now().toISOString());
    const scheduler = createLocalScheduler({
      list: async () => [soon],
      markFired: async () => undefined,
      fire: async (_schedule, scheduledTime) => {
        fired.push({ scheduledTime, at: now() });
        resolveFired();
      },
      now,
    });

    // Act: the real timers arm it; should they never fire it, the test's own timeout ends it.
    await scheduler.start();
    await firedOnce;
    await scheduler.stop();

    // Assess: fired once, for its own time, and never early. How late is the machine's business.
    expect(fired).toHaveLength(1);
    expect(fired[0]?.scheduledTime.toISOString()).toBe(target.toISOString());
    expect((fired[0]?.at.getTime() ?? 0) - target.getTime()).toBeGreaterThanOrEqual(0);
  });
});
