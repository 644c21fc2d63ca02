import { describe, expect, it } from "vitest";
import { pathIn } from "./asl";
import type { FanOutState } from "./batch-fan-out";
import type { MergeState } from "./progressive-merge";

// The negative cases are checked by `npm run typecheck`: each @ts-expect-error fails the
// type-check the day its path becomes valid, and every real path in the ASL fails it the day a
// task stops returning what the path reads.
describe("JSONPaths typed against the tasks' outputs", () => {
  it("builds the paths the ASL reads", () => {
    const merge = pathIn<MergeState>();
    expect(merge("append.allIn")).toBe("$.append.allIn");
    expect(merge("final.detailType")).toBe("$.final.detailType");
    expect(pathIn<FanOutState>()("prepared.pages")).toBe("$.prepared.pages");
  });

  it("refuses paths no task returns", () => {
    const merge = pathIn<MergeState>();
    // @ts-expect-error AppendPart returns no `everyPart`: a Choice on it would never match.
    expect(merge("append.everyPart")).toBe("$.append.everyPart");
    // @ts-expect-error Finalize's decision has no `profileKey` at its top level.
    expect(merge("final.profileKey")).toBe("$.final.profileKey");
  });
});
