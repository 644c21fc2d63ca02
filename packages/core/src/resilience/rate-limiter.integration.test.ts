import { createLocalDynamoClients, startLocalStore } from "@dossier/local/dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { createStore } from "../store";
import { RateLimitBacklogError } from "./errors";
import { createSharedRateLimiter } from "./rate-limiter";

const { table, store } = await startLocalStore();
afterAll(() => table.close());

let sequence = 0;
const nextUpstream = () => `upstream-${++sequence}`;

/** The most timestamps that fall inside any window [t, t + windowMs). */
function maxInAnyWindow(timestamps: number[], windowMs: number): number {
  const sorted = [...timestamps].sort((a, b) => a - b);
  let max = 0;
  for (let start = 0, end = 0; start < sorted.length; start++) {
    while (end < sorted.length && (sorted[end] ?? 0) < (sorted[start] ?? 0) + windowMs) end++;
    max = Math.max(max, end - start);
  }
  return max;
}

describe("shared rate limiter", () => {
  it("books back-to-back callers one interval apart and lets an idle caller through at once", async () => {
    let clock = 1_000_000;
    const sleeps: number[] = [];
    const limiter = createSharedRateLimiter({
      store,
      upstream: nextUpstream(),
      ratePerSecond: 10,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });

    await limiter.acquire();
    await limiter.acquire();
    await limiter.acquire();
    clock += 10_000;
    await limiter.acquire();

    expect(limiter.intervalMs).toBe(118);
    expect(sleeps).toEqual([118, 236]);
  });

  it("gives up a slot it reaches too late and books the next one", async () => {
    let clock = 3_000_000;
    const sleeps: number[] = [];
    let lateWakeUps = 1;
    const limiterUpstream = nextUpstream();
    const limiter = createSharedRateLimiter({
      store,
      upstream: limiterUpstream,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        // The first timer fires 200 ms late, as on an overloaded machine.
        clock += ms + (lateWakeUps-- > 0 ? 200 : 0);
      },
    });
    await limiter.acquire();

    await limiter.acquire();

    // Slot +118 reached at +318: abandoned. The bucket is idle again by then, so the new slot is +318.
    expect(sleeps).toEqual([118]);
    expect(clock).toBe(3_000_318);
    const bucket = await store.entities.rateBucket.get({ upstream: limiterUpstream }).go();
    expect(bucket.data?.tat).toBe(3_000_318 + 118);
  });

  it("refuses to wait longer than maxWaitMs and says how far the backlog reaches", async () => {
    const clock = 2_000_000;
    const upstream = nextUpstream();
    const options = {
      store,
      upstream,
      ratePerSecond: 10,
      maxWaitMs: 300,
      now: () => clock,
      sleep: async () => {},
    };
    const limiter = createSharedRateLimiter(options);
    for (let index = 0; index < 3; index++) await limiter.acquire();

    const error = await createSharedRateLimiter(options)
      .acquire()
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RateLimitBacklogError);
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 354 });
  });

  it("never lets 50 concurrent acquirers on 5 workers exceed 10 slots in any second", async () => {
    const name = nextUpstream();
    // Virtual time: every worker reads the same clock, which never moves on its own; each caller
    // starts its request at the slot it was booked (now + the wait it was told to sleep).
    const clock = 5_000_000;
    const waits: number[] = [];
    // Each worker has its own SDK client and limiter, like a separate Lambda container.
    const clients = Array.from({ length: 5 }, () => createLocalDynamoClients(table.endpoint).documentClient);
    const workers = clients.map((client) =>
      createSharedRateLimiter({
        store: createStore({ client, table: table.tableName }),
        upstream: name,
        now: () => clock,
        sleep: async (ms) => void waits.push(ms),
        maxWaitMs: 60_000,
      }),
    );

    await Promise.all(
      Array.from({ length: 50 }, async (_, index) => workers[index % workers.length]?.acquire()),
    );
    for (const client of clients) client.destroy();
    // A caller booked at the current instant does not sleep: it starts at once.
    const startedAt = [...waits.map((ms) => clock + ms), ...Array<number>(50 - waits.length).fill(clock)];

    expect(startedAt).toHaveLength(50);
    expect(maxInAnyWindow(startedAt, 1_000)).toBeLessThanOrEqual(10);
    // Paced, not starved: 50 slots one interval apart, the first at once.
    const sorted = [...startedAt].sort((a, b) => a - b);
    expect(sorted[0]).toBe(clock);
    expect((sorted[49] ?? 0) - clock).toBe(49 * 118);
  });

  it("books with one write per acquire once it knows whether the upstream is idle or backlogged", async () => {
    const { documentClient } = createLocalDynamoClients(table.endpoint);
    const writes: string[] = [];
    documentClient.middlewareStack.add(
      (next, context) => async (args) => {
        writes.push(context.commandName ?? "");
        return next(args);
      },
      { step: "initialize" },
    );
    let clock = 7_000_000;
    const limiter = createSharedRateLimiter({
      store: createStore({ client: documentClient, table: table.tableName }),
      upstream: nextUpstream(),
      now: () => clock,
      sleep: async () => {},
    });
    const writesPerAcquire = async (count: number, advanceMs: number) => {
      const before = writes.length;
      for (let index = 0; index < count; index++) {
        await limiter.acquire();
        clock += advanceMs;
      }
      return (writes.length - before) / count;
    };

    // Far below the limit: every request finds the bucket idle.
    await writesPerAcquire(1, 10_000);
    const idle = await writesPerAcquire(5, 10_000);
    // At the limit: every request queues behind the previous one (the first of these still found
    // the bucket idle, the second learns that it is not).
    await writesPerAcquire(2, 0);
    const backlogged = await writesPerAcquire(5, 0);
    documentClient.destroy();

    expect(idle).toBe(1);
    expect(backlogged).toBe(1);
  });
});
