import { AsyncInvocationPolicy } from "@dossier/core/topology";
import { describe, expect, it } from "vitest";
import { createLocalEventBus, type LocalEventBusOptions } from "./bus";
import { entrySize, MAX_ENTRY_BYTES } from "./envelope";
import { EventBridgeResourceNotFoundError, EventBridgeValidationError, EventBusStoppedError } from "./errors";
import { createInstantClock } from "./instant-clock";
import { InvalidEventPatternError } from "./pattern";
import { retryDelayMs } from "./retry-policy";
import type { EventEnvelope, PutEventsRequestEntry } from "./types";

const BUS = "dossier-test";

const entry = (
  detail: Record<string, unknown> = { n: 1 },
  overrides: Partial<PutEventsRequestEntry> = {},
) => ({
  Source: "dossier.test",
  DetailType: "Thing.Happened",
  Detail: JSON.stringify(detail),
  EventBusName: BUS,
  ...overrides,
});

const thingPattern = { source: ["dossier.test"], "detail-type": ["Thing.Happened"] };

function newBus(options: Partial<LocalEventBusOptions> = {}) {
  const clock = createInstantClock();
  const bus = createLocalEventBus({
    busName: BUS,
    now: clock.now,
    timers: clock.timers,
    random: () => 0.5,
    retryBaseDelayMs: 1000,
    ...options,
  });
  return { bus, clock };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe("LocalEventBus.putEvents", () => {
  it("accepts valid entries and reports each invalid one with the AWS error code", async () => {
    // Prepare
    const { bus } = newBus();

    // Act
    const result = await bus.putEvents([
      entry(),
      entry({}, { DetailType: undefined }),
      entry({}, { Detail: "{not json" }),
      entry({}, { Detail: "[1,2]" }),
      entry({}, { EventBusName: "someone-elses-bus" }),
      entry({}, { Source: "aws.s3" }),
      entry({ n: 2 }, { EventBusName: bus.arn }),
    ]);

    // Assess
    expect(result.FailedEntryCount).toBe(5);
    expect(result.Entries[0]).toEqual({ EventId: expect.any(String) });
    expect(result.Entries[1]).toEqual({
      ErrorCode: "InvalidArgument",
      ErrorMessage: "Parameter DetailType is not valid. Reason: DetailType is a required argument.",
    });
    expect(result.Entries[2]).toEqual({ ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." });
    expect(result.Entries[3]).toEqual({ ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." });
    expect(result.Entries[4]).toMatchObject({ ErrorCode: "InvalidArgument" });
    expect(result.Entries[5]).toMatchObject({ ErrorCode: "NotAuthorizedForSourceException" });
    expect(result.Entries[6]).toEqual({ EventId: expect.any(String) });
    expect(bus.stats()).toMatchObject({ accepted: 2, rejected: 5 });
  });

  it("rejects a call with no entries or more than 10 as a whole", async () => {
    const { bus } = newBus();

    await expect(bus.putEvents([])).rejects.toBeInstanceOf(EventBridgeValidationError);
    await expect(bus.putEvents(Array.from({ length: 11 }, () => entry()))).rejects.toThrow(
      /length between 1 and 10/,
    );
    expect(bus.stats().accepted).toBe(0);
  });

  it("rejects an entry over 256 KB, counting Time as 14 bytes and text as UTF-8", async () => {
    // Prepare: "é" is two UTF-8 bytes, so this detail is over the limit in bytes but not in characters.
    const { bus } = newBus();
    const big = entry({ text: "é".repeat(MAX_ENTRY_BYTES / 2) });
    const small = entry({ text: "ok" }, { Time: new Date("2025-01-01T00:00:00Z"), Resources: ["arn:x"] });

    // Act
    const result = await bus.putEvents([big, small]);

    // Assess
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries[0]).toMatchObject({ ErrorCode: "InvalidArgument" });
    expect(result.Entries[0]).toHaveProperty(
      "ErrorMessage",
      expect.stringMatching(/over the 262144-byte limit/),
    );
    expect(entrySize(small)).toBe(
      14 + "dossier.test".length + "Thing.Happened".length + small.Detail.length + 5,
    );
  });

  it("rejects a call whose valid entries together exceed 256 KB", async () => {
    const { bus } = newBus();
    const third = entry({ text: "x".repeat(MAX_ENTRY_BYTES / 3) });

    await expect(bus.putEvents([third, third, third, third])).rejects.toThrow(/over the limit/);
  });

  it("returns before targets run and delivers the EventBridge envelope", async () => {
    // Prepare
    const { bus } = newBus();
    const gate = deferred();
    const received: EventEnvelope[] = [];
    bus.putRule({
      name: "things",
      eventPattern: thingPattern,
      targets: [
        {
          id: "slow",
          invoke: async (event) => {
            await gate.promise;
            received.push(event);
          },
        },
      ],
    });

    // Act
    const result = await bus.putEvents([entry({ company: "apple" }, { Resources: ["arn:aws:s3:::b"] })]);

    // Assess
    expect(received).toHaveLength(0);
    gate.resolve();
    await bus.drain();
    expect(received).toEqual([
      {
        version: "0",
        id: (result.Entries[0] as { EventId: string }).EventId,
        "detail-type": "Thing.Happened",
        source: "dossier.test",
        account: "000000000000",
        time: "2025-01-01T00:00:00Z",
        region: "us-east-1",
        resources: ["arn:aws:s3:::b"],
        detail: { company: "apple" },
      },
    ]);
    expect(bus.stats()).toMatchObject({ delivered: 1, inFlight: 0, scheduled: 0 });
  });

  it("delivers only to rules whose pattern matches", async () => {
    const { bus } = newBus();
    const seen: string[] = [];
    bus.putRule({
      name: "apple-only",
      eventPattern: { ...thingPattern, detail: { company: ["apple"] } },
      targets: [{ id: "t", invoke: async (event) => void seen.push(String(event.detail.company)) }],
    });

    await bus.putEvents([entry({ company: "apple" }), entry({ company: "msft" })]);
    await bus.drain();

    expect(seen).toEqual(["apple"]);
  });

  it("runs deliveries of different events concurrently up to the configured bound", async () => {
    // Prepare
    const { bus } = newBus({ concurrency: 3 });
    const gate = deferred();
    let running = 0;
    let peak = 0;
    bus.putRule({
      name: "things",
      eventPattern: thingPattern,
      targets: [
        {
          id: "t",
          invoke: async () => {
            running += 1;
            peak = Math.max(peak, running);
            await gate.promise;
            running -= 1;
          },
        },
      ],
    });

    // Act
    await bus.putEvents(Array.from({ length: 8 }, (_, n) => entry({ n })));
    await new Promise((resolve) => setImmediate(resolve));
    const peakWhileBlocked = peak;
    gate.resolve();
    await bus.drain();

    // Assess
    expect(peakWhileBlocked).toBe(3);
    expect(bus.stats().delivered).toBe(8);
  });

  it("stops without waiting forever for a target that never returns", async () => {
    // Prepare
    const { bus } = newBus({ stopGraceMs: 5_000 });
    bus.putRule({
      name: "hung",
      eventPattern: thingPattern,
      targets: [{ id: "t", invoke: () => new Promise(() => {}) }],
    });
    await bus.putEvents([entry()]);

    // Act
    await bus.stop();

    // Assess
    expect(bus.stats()).toMatchObject({ delivered: 0, deadLettered: 0 });
  });

  it("refuses work after stop", async () => {
    const { bus } = newBus();
    await bus.stop();

    await expect(bus.putEvents([entry()])).rejects.toBeInstanceOf(EventBusStoppedError);
  });
});

describe("LocalEventBus rules", () => {
  it("throws InvalidEventPatternError at putRule for an invalid pattern", () => {
    const { bus } = newBus();

    expect(() => bus.putRule({ name: "bad", eventPattern: { source: "not-an-array" }, targets: [] })).toThrow(
      InvalidEventPatternError,
    );
    expect(bus.listRules()).toEqual([]);
  });

  it("rejects retry policies outside the ranges AWS accepts", () => {
    const { bus } = newBus();
    const invoke = async () => {};

    expect(() =>
      bus.putRule({
        name: "r",
        eventPattern: thingPattern,
        targets: [{ id: "t", invoke, retryPolicy: { maximumRetryAttempts: 186 } }],
      }),
    ).toThrow(/between 0 and 185/);
    expect(() =>
      bus.putRule({
        name: "r",
        eventPattern: thingPattern,
        targets: [{ id: "t", invoke, retryPolicy: { maximumEventAgeSeconds: 59 } }],
      }),
    ).toThrow(/between 60 and 86400/);
  });

  it("lists, replaces and removes rules", () => {
    const { bus } = newBus();
    const invoke = async () => {};
    bus.putRule({ name: "r", eventPattern: thingPattern, targets: [{ id: "a", invoke }] });
    bus.putRule({ name: "r", eventPattern: thingPattern, targets: [{ id: "b", invoke }] });

    expect(bus.listRules()).toEqual([
      {
        name: "r",
        arn: "arn:aws:events:us-east-1:000000000000:rule/dossier-test/r",
        eventPattern: JSON.stringify(thingPattern),
        targetIds: ["b"],
      },
    ]);
    expect(bus.removeRule("r")).toBe(true);
    expect(bus.removeRule("r")).toBe(false);
  });
});

describe("LocalEventBus retries and dead letters", () => {
  it("retries a failing target maximumRetryAttempts times, dead-letters it, then redrives it once fixed", async () => {
    // Prepare
    const { bus } = newBus();
    let healthy = false;
    let attempts = 0;
    const delivered: unknown[] = [];
    bus.putRule({
      name: "things",
      eventPattern: thingPattern,
      targets: [
        {
          id: "flaky",
          retryPolicy: { maximumRetryAttempts: 3 },
          invoke: async (event) => {
            attempts += 1;
            if (!healthy) throw new Error("upstream is down");
            delivered.push(event.detail);
          },
        },
      ],
    });

    // Act
    await bus.putEvents([entry({ n: 7 })]);
    await bus.drain();

    // Assess: 1 attempt + 3 retries, then a dead letter carrying what went wrong.
    expect(attempts).toBe(4);
    expect(bus.stats()).toMatchObject({ delivered: 0, retries: 3, deadLettered: 1 });
    const [letter] = bus.listDeadLetters();
    expect(letter).toMatchObject({
      ruleName: "things",
      targetId: "flaky",
      errorMessage: "upstream is down",
      attempts: 4,
      event: { detail: { n: 7 } },
    });

    // Act: redrive while still broken keeps the letter, after the fix removes it.
    expect(await bus.redriveDeadLetters()).toEqual({ attempted: 1, redelivered: 0, failed: 1 });
    expect(bus.listDeadLetters()[0]?.attempts).toBe(5);
    healthy = true;
    expect(await bus.redriveDeadLetters({ ruleName: "things" })).toEqual({
      attempted: 1,
      redelivered: 1,
      failed: 0,
    });

    // Assess
    expect(delivered).toEqual([{ n: 7 }]);
    expect(bus.listDeadLetters()).toEqual([]);
    expect(bus.stats()).toMatchObject({ delivered: 1, redriven: 1 });
  });

  it("gives a function target Lambda's asynchronous retries, then its on-failure destination", async () => {
    // Prepare: wired as the runtime wires a rule whose target is a function.
    const { bus } = newBus();
    let attempts = 0;
    bus.putRule({
      name: "things",
      eventPattern: thingPattern,
      targets: [
        {
          id: "handler",
          retryPolicy: AsyncInvocationPolicy,
          failureDestination: "function on-failure destination",
          invoke: async () => {
            attempts += 1;
            throw new Error("handler failed");
          },
        },
      ],
    });

    // Act
    await bus.putEvents([entry({ n: 8 })]);
    await bus.drain();

    // Assess: one invocation and Lambda's two retries, not the rule's eight.
    expect(attempts).toBe(1 + AsyncInvocationPolicy.maximumRetryAttempts);
    expect(bus.listDeadLetters()).toEqual([
      expect.objectContaining({ destination: "function on-failure destination", attempts: 3 }),
    ]);
  });

  it("stops retrying once the event is older than maximumEventAgeSeconds", async () => {
    // Prepare: retries wait ~30 s, 60 s, 120 s… so a 120 s age limit allows only a few.
    const { bus, clock } = newBus({ retryBaseDelayMs: 30_000 });
    const attemptTimes: number[] = [];
    bus.putRule({
      name: "things",
      eventPattern: thingPattern,
      targets: [
        {
          id: "down",
          retryPolicy: { maximumEventAgeSeconds: 120 },
          invoke: async () => {
            attemptTimes.push(clock.now().getTime());
            throw new Error("still down");
          },
        },
      ],
    });
    const acceptedAt = clock.now().getTime();

    // Act
    await bus.putEvents([entry()]);
    await bus.drain();

    // Assess
    expect(attemptTimes.length).toBeGreaterThan(1);
    expect(attemptTimes.length).toBeLessThan(186);
    expect(Math.max(...attemptTimes) - acceptedAt).toBeLessThanOrEqual(120_000);
    expect(bus.listDeadLetters()).toHaveLength(1);
  });

  it("dead-letters deliveries owed to a rule that was removed before they ran", async () => {
    // Prepare: one delivery at a time, so "doomed" waits behind "blocker".
    const { bus } = newBus({ concurrency: 1 });
    const gate = deferred();
    bus.putRule({
      name: "blocker",
      eventPattern: thingPattern,
      targets: [{ id: "t", invoke: () => gate.promise }],
    });
    bus.putRule({
      name: "doomed",
      eventPattern: thingPattern,
      targets: [{ id: "t", invoke: async () => {} }],
    });

    await bus.putEvents([entry()]);
    bus.removeRule("doomed");
    gate.resolve();
    await bus.drain();

    expect(bus.listDeadLetters().map((letter) => letter.ruleName)).toEqual(["doomed"]);
  });
});

describe("LocalEventBus archive and replay", () => {
  it("replays archived events of a time range to the chosen rules with a replay-name", async () => {
    // Prepare: three events one hour apart.
    const { bus, clock } = newBus();
    const first: EventEnvelope[] = [];
    const second: EventEnvelope[] = [];
    bus.putRule({
      name: "first",
      eventPattern: thingPattern,
      targets: [{ id: "t", invoke: async (e) => void first.push(e) }],
    });
    bus.putRule({
      name: "second",
      eventPattern: thingPattern,
      targets: [{ id: "t", invoke: async (e) => void second.push(e) }],
    });
    const start = clock.now();
    for (const n of [1, 2, 3]) {
      await bus.putEvents([entry({ n })]);
      clock.advance(3_600_000);
    }
    await bus.drain();

    // Act: replay the second hour to rule "first" only.
    const result = await bus.replay({
      from: new Date(start.getTime() + 3_600_000),
      to: new Date(start.getTime() + 7_200_000),
      ruleNames: ["first"],
      name: "fix-1",
    });
    await bus.drain();

    // Assess
    expect(result).toEqual({ replayName: "fix-1", eventsInRange: 1, deliveries: 1 });
    expect(first.map((e) => e.detail.n)).toEqual([1, 2, 3, 2]);
    expect(first[3]?.["replay-name"]).toBe("fix-1");
    expect(first[3]?.id).toBe(first[1]?.id);
    expect(second).toHaveLength(3);
    expect((await bus.listArchive()).map((e) => e.detail.n)).toEqual([1, 2, 3]);
    expect((await bus.listArchive({ from: new Date(start.getTime() + 1) })).map((e) => e.detail.n)).toEqual([
      2, 3,
    ]);
  });

  it("refuses to replay to an unknown rule or an empty range", async () => {
    const { bus } = newBus();
    const now = new Date();

    await expect(bus.replay({ from: now, to: now })).rejects.toBeInstanceOf(EventBridgeValidationError);
    await expect(bus.replay({ from: new Date(0), to: now, ruleNames: ["nope"] })).rejects.toBeInstanceOf(
      EventBridgeResourceNotFoundError,
    );
  });
});

describe("retryDelayMs", () => {
  it("doubles per retry with equal jitter and caps at the maximum", () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1000 };

    expect(retryDelayMs(1, { ...options, random: () => 0 })).toBe(50);
    expect(retryDelayMs(1, { ...options, random: () => 1 })).toBe(100);
    expect(retryDelayMs(3, { ...options, random: () => 1 })).toBe(400);
    expect(retryDelayMs(10, { ...options, random: () => 1 })).toBe(1000);
  });
});
