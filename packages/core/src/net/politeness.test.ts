import { describe, expect, it } from "vitest";
import { createPoliteness } from "./politeness";
import type { Timer } from "./timer";

function fakeTimer(): Timer & { slept: number[] } {
  // Time stands still: every caller arrives at the same instant, so each wait shows its queue position.
  const slept: number[] = [];
  return {
    slept,
    now: () => 1_000,
    sleep: async (ms) => {
      slept.push(ms);
    },
  };
}

describe("createPoliteness", () => {
  it("spaces requests to one host by the delay and leaves other hosts alone", async () => {
    const timer = fakeTimer();
    const wait = createPoliteness(500, timer);
    await wait("a.example");
    await wait("b.example");
    await wait("a.example");
    expect(timer.slept).toEqual([500]);
  });

  it("queues concurrent callers for the same host one delay apart", async () => {
    const timer = fakeTimer();
    const wait = createPoliteness(300, timer);
    await Promise.all([wait("a.example"), wait("a.example"), wait("a.example")]);
    expect(timer.slept).toEqual([300, 600]);
  });
});
