import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter, withRetries } from "./retry";

describe("backoffDelay", () => {
  it("doubles the jitter range with each retry: half fixed, half random", () => {
    const almostOne = () => 0.999_999;

    const delays = [0, 1, 2, 3].map((retry) =>
      Math.floor(backoffDelay(retry, { baseMs: 100, maxMs: 30_000, random: almostOne })),
    );

    expect(delays).toEqual([99, 199, 399, 799]);
  });

  it("never exceeds maxMs however many retries were made", () => {
    expect(backoffDelay(40, { baseMs: 100, maxMs: 5_000, random: () => 0.999_999 })).toBe(5_000);
  });

  it("spreads delays over the upper half of the range (equal jitter)", () => {
    expect(backoffDelay(3, { baseMs: 100, maxMs: 30_000, random: () => 0 })).toBe(400);
    expect(backoffDelay(3, { baseMs: 100, maxMs: 30_000, random: () => 0.5 })).toBe(600);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-01-06T12:00:00Z");

  it("reads delta-seconds as milliseconds", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
  });

  it("reads an HTTP-date relative to now", () => {
    expect(parseRetryAfter("Mon, 06 Jan 2025 12:00:30 GMT", now)).toBe(30_000);
  });

  it("never returns a negative wait for a date in the past", () => {
    expect(parseRetryAfter("Mon, 06 Jan 2025 11:00:00 GMT", now)).toBe(0);
  });

  it("returns undefined for a missing or unreadable header", () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});

describe("withRetries", () => {
  class Flaky extends Error {
    constructor(
      readonly retryable: boolean,
      readonly retryAfterMs?: number,
    ) {
      super("flaky");
    }
  }

  function run(failures: Flaky[], maxRetries = 3) {
    const sleeps: number[] = [];
    let attempts = 0;
    const result = withRetries(
      async () => {
        attempts += 1;
        const failure = failures.shift();
        if (failure) throw failure;
        return "done";
      },
      {
        maxRetries,
        baseDelayMs: 100,
        maxDelayMs: 10_000,
        isRetryable: (error) => error instanceof Flaky && error.retryable,
        retryAfterMs: (error) => (error as Flaky).retryAfterMs,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        random: () => 0.5,
      },
    );
    return { result, sleeps, attempts: () => attempts };
  }

  it("retries retryable errors with backoff until the attempt succeeds", async () => {
    const { result, sleeps } = run([new Flaky(true), new Flaky(true)]);
    await expect(result).resolves.toBe("done");
    expect(sleeps).toEqual([75, 150]);
  });

  it("waits what Retry-After asked for, plus jitter", async () => {
    const { result, sleeps } = run([new Flaky(true, 2_000)]);
    await expect(result).resolves.toBe("done");
    expect(sleeps).toEqual([2_050]);
  });

  it("throws a permanent error at once", async () => {
    const { result, attempts } = run([new Flaky(false)]);
    await expect(result).rejects.toMatchObject({ retryable: false });
    expect(attempts()).toBe(1);
  });

  it("gives up after maxRetries, and when the server asks for a longer wait than allowed", async () => {
    const spent = run([new Flaky(true), new Flaky(true), new Flaky(true)], 2);
    await expect(spent.result).rejects.toBeInstanceOf(Flaky);
    expect(spent.attempts()).toBe(3);
    const tooLong = run([new Flaky(true, 60_000)]);
    await expect(tooLong.result).rejects.toMatchObject({ retryAfterMs: 60_000 });
    expect(tooLong.sleeps).toEqual([]);
  });
});
