import { startLocalStore } from "@dossier/local/dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { createStore } from "../store";
import { type CircuitBreakerOptions, type CircuitTransition, createCircuitBreaker } from "./circuit-breaker";
import { CircuitOpenError } from "./errors";

const { table, store } = await startLocalStore();
afterAll(() => table.close());

class UpstreamError extends Error {}
const fail = () => Promise.reject(new UpstreamError("503 from upstream"));
const succeed = () => Promise.resolve("ok");

let sequence = 0;
/** A fresh upstream per test, a controllable clock and the transitions it reported. */
function setup(overrides: Partial<CircuitBreakerOptions> = {}) {
  const upstream = `upstream-${++sequence}`;
  const clock = { now: 1_700_000_000_000 };
  const transitions: CircuitTransition[] = [];
  const worker = () =>
    createCircuitBreaker({
      store,
      upstream,
      now: () => clock.now,
      onTransition: (event) => {
        transitions.push(event);
      },
      ...overrides,
    });
  return { upstream, clock, transitions, breaker: worker(), worker };
}

async function failTimes(
  breaker: ReturnType<typeof createCircuitBreaker>,
  times: number,
  clock?: { now: number },
) {
  for (let index = 0; index < times; index++) {
    await expect(breaker.execute(fail)).rejects.toBeInstanceOf(UpstreamError);
    if (clock) clock.now += 1_000;
  }
}

describe("circuit breaker", () => {
  it("opens the circuit after 5 failures in 60 s", async () => {
    const { breaker, clock, transitions, upstream } = setup();

    await failTimes(breaker, 4, clock);
    expect((await breaker.state()).state).toBe("closed");
    await failTimes(breaker, 1, clock);

    expect((await breaker.state()).state).toBe("open");
    const openedAt = clock.now - 1_000;
    expect(transitions).toEqual([
      { upstream, from: "closed", to: "open", at: openedAt, failures: 5, halfOpensAt: openedAt + 30_000 },
    ]);
  });

  it("stays closed when 5 failures are spread over more than 60 s", async () => {
    const { breaker, clock } = setup();

    for (let index = 0; index < 10; index++) {
      await failTimes(breaker, 1);
      clock.now += 16_000;
    }

    const state = await breaker.state();
    expect(state.state).toBe("closed");
    expect(state.failures.length).toBeLessThanOrEqual(5);
  });

  it("does not count errors that are not the upstream's fault", async () => {
    const { breaker } = setup({ isFailure: (error) => !(error instanceof RangeError) });

    for (let index = 0; index < 6; index++) {
      await expect(breaker.execute(() => Promise.reject(new RangeError("404")))).rejects.toBeInstanceOf(
        RangeError,
      );
    }

    expect((await breaker.state()).state).toBe("closed");
  });

  it("rejects calls while open without calling the upstream, saying when it will half-open", async () => {
    const { breaker, clock } = setup();
    await failTimes(breaker, 5);
    const openedAt = clock.now;
    clock.now += 29_000;
    let called = false;

    const attempt = breaker.execute(async () => {
      called = true;
    });

    const error = await attempt.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(error).toMatchObject({ retryable: true, retryAt: openedAt + 30_000 });
    expect((error as Error).message).toContain(new Date(openedAt + 30_000).toISOString());
    expect(called).toBe(false);
  });

  it("shares its state between workers: an open circuit in one rejects calls in another", async () => {
    const { breaker, worker } = setup();
    await failTimes(breaker, 5);

    await expect(worker().execute(succeed)).rejects.toBeInstanceOf(CircuitOpenError);
  });

  it("reuses a closed read for reuseClosedReadMs, then notices another environment opened it", async () => {
    const { clock, upstream, worker } = setup({ reuseClosedReadMs: 1_000 });
    const local = worker();
    expect(await local.execute(succeed)).toBe("ok");
    // Another environment (its own store client, so its own memory) opens the circuit.
    const elsewhere = createCircuitBreaker({
      store: createStore({ client: table.documentClient, table: table.tableName }),
      upstream,
      now: () => clock.now,
    });
    await failTimes(elsewhere, 5);

    clock.now += 500;
    expect(await local.execute(succeed)).toBe("ok");
    clock.now += 600;
    await expect(local.execute(succeed)).rejects.toBeInstanceOf(CircuitOpenError);
  });

  it("forgets a reused closed read as soon as one of its own calls fails", async () => {
    const { worker } = setup({ reuseClosedReadMs: 60_000 });
    const first = worker();
    expect(await first.execute(succeed)).toBe("ok");
    // Five failures through breakers sharing the store: each one is counted, so the circuit opens.
    await failTimes(first, 5);
    await expect(worker().execute(succeed)).rejects.toBeInstanceOf(CircuitOpenError);
  });

  it("reports exactly one opening when 20 workers fail at once", async () => {
    const { worker, transitions } = setup();

    await Promise.allSettled(Array.from({ length: 20 }, () => worker().execute(fail)));

    expect(transitions.filter((event) => event.to === "open")).toHaveLength(1);
  });

  it("lets exactly one of 20 concurrent callers probe after the cooldown, then closes on success", async () => {
    const { breaker, worker, clock, transitions, upstream } = setup();
    await failTimes(breaker, 5);
    clock.now += 30_000;
    let probes = 0;
    let releaseProbe: () => void = () => {};
    const probeGate = new Promise<void>((resolve) => {
      releaseProbe = resolve;
    });
    const slowSuccess = async () => {
      probes += 1;
      await probeGate;
      return "fresh";
    };

    let settled = 0;
    const calls = Array.from({ length: 20 }, () => {
      const call = worker().execute(slowSuccess);
      call.then(
        () => settled++,
        () => settled++,
      );
      return call;
    });
    // Everyone but the probe is refused while the probe is still in flight.
    await expect.poll(() => settled).toBe(19);
    releaseProbe();
    const results = await Promise.allSettled(calls);

    expect(probes).toBe(1);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejections = results.filter((result) => result.status === "rejected");
    expect(rejections.every((result) => result.reason instanceof CircuitOpenError)).toBe(true);
    expect((await breaker.state()).state).toBe("closed");
    expect(transitions.map(({ from, to }) => `${from}->${to}`)).toEqual([
      "closed->open",
      "open->half-open",
      "half-open->closed",
    ]);
    expect(transitions.at(-1)).toMatchObject({ upstream, failures: 0 });
    await expect(breaker.execute(succeed)).resolves.toBe("ok");
  });

  it("re-opens when the probe fails and waits a full cooldown again", async () => {
    const { breaker, clock, transitions } = setup();
    await failTimes(breaker, 5);
    clock.now += 30_000;

    await expect(breaker.execute(fail)).rejects.toBeInstanceOf(UpstreamError);
    const reopenedAt = clock.now;
    clock.now += 10_000;

    await expect(breaker.execute(succeed)).rejects.toMatchObject({ retryAt: reopenedAt + 30_000 });
    expect(transitions.map(({ to }) => to)).toEqual(["open", "half-open", "open"]);
  });

  it("hands the probe to another caller when the first probe outlives its timeout", async () => {
    const { breaker, clock } = setup({ probeTimeoutMs: 5_000 });
    await failTimes(breaker, 5);
    clock.now += 30_000;
    void breaker.execute(() => new Promise<never>(() => {}));
    await expect.poll(async () => (await breaker.state()).state).toBe("half-open");

    await expect(breaker.execute(succeed)).rejects.toBeInstanceOf(CircuitOpenError);
    clock.now += 5_000;
    await expect(breaker.execute(succeed)).resolves.toBe("ok");

    expect((await breaker.state()).state).toBe("closed");
  });
});
