import { describe, expect, it } from "vitest";
import { SlidingRateWindow } from "./rate-window";

describe("SlidingRateWindow", () => {
  it("admits 10 requests in a second and refuses the 11th", () => {
    // Prepare
    let now = 5_000;
    const window = new SlidingRateWindow(10, 1_000, () => now);

    // Act
    const verdicts = Array.from({ length: 11 }, () => {
      now += 50;
      return window.admit();
    });

    // Assess
    expect(verdicts.slice(0, 10)).toEqual(Array(10).fill(true));
    expect(verdicts[10]).toBe(false);
  });

  it("admits again once the earliest requests slide out of the window", () => {
    let now = 0;
    const window = new SlidingRateWindow(2, 1_000, () => now);
    window.admit();
    window.admit();
    expect(window.admit()).toBe(false);

    now = 1_000;

    expect(window.admit()).toBe(true);
  });

  it("keeps counting refused requests, so a client that hammers stays refused", () => {
    let now = 0;
    const window = new SlidingRateWindow(3, 1_000, () => now);
    for (let i = 0; i < 10; i++) {
      window.admit();
      now += 90;
    }

    // 900 ms after the first burst began, the last ten arrivals still fill the window.
    expect(window.admit()).toBe(false);
  });

  it("rejects a limit that is not positive", () => {
    expect(() => new SlidingRateWindow(0)).toThrow(RangeError);
  });
});
