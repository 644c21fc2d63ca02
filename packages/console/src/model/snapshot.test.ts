import { describe, expect, it } from "vitest";
import { Snapshot } from "./snapshot";

describe("Snapshot", () => {
  it("shares one read between callers within its age and reads again after it", async () => {
    let clock = 0;
    let reads = 0;
    const snapshot = new Snapshot(
      async () => ++reads,
      1000,
      () => clock,
    );

    const [first, second] = await Promise.all([snapshot.get(), snapshot.get()]);
    clock = 999;
    const third = await snapshot.get();
    clock = 1000;
    const fourth = await snapshot.get();

    expect([first, second, third, fourth]).toEqual([1, 1, 1, 2]);
  });

  it("does not keep a failed read", async () => {
    let fail = true;
    const snapshot = new Snapshot(
      async () => {
        if (fail) throw new Error("table unreachable");
        return "rows";
      },
      60_000,
      () => 0,
    );

    await expect(snapshot.get()).rejects.toThrow("table unreachable");
    fail = false;
    await expect(snapshot.get()).resolves.toBe("rows");
  });
});
