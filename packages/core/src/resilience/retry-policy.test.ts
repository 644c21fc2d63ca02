import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter } from "./retry-policy";

describe("backoffDelay", () => {
  it("doubles the jitter ceiling with each attempt", () => {
    const almostOne = () => 0.999_999;

    const delays = [0, 1, 2, 3].map((attempt) => backoffDelay(attempt, { baseMs: 100, random: almostOne }));

    expect(delays).toEqual([99, 199, 399, 799]);
  });

  it("never exceeds maxMs however many attempts were made", () => {
    expect(backoffDelay(40, { baseMs: 100, maxMs: 5_000, random: () => 0.999_999 })).toBe(4_999);
  });

  it("spreads delays over the whole range from zero (full jitter)", () => {
    expect(backoffDelay(3, { baseMs: 100, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { baseMs: 100, random: () => 0.5 })).toBe(400);
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
