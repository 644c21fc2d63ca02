import { describe, expect, it } from "vitest";
import { previousVersion, stateMachineName, versionNumber } from "../../stacks/rollback";

const machine = "arn:aws:states:us-east-1:123456789012:stateMachine:dossier-production-progressiveMerge";
const version = (n: number) => `${machine}:${n}`;

describe("rollback version choice", () => {
  it("reads the version number from a version ARN", () => {
    expect(versionNumber(`${machine}:12`)).toBe(12);
    expect(() => versionNumber(`${machine}:live`)).toThrow(/not a state machine version ARN/);
  });

  it("picks the newest version published before the live one", () => {
    const versions = [version(3), version(9), version(10), version(7)];
    expect(previousVersion(versions, `${machine}:10`)).toBe(`${machine}:9`);
    // Rolled back once already: the next rollback goes further back, not forward to 10.
    expect(previousVersion(versions, `${machine}:9`)).toBe(`${machine}:7`);
  });

  it("compares version numbers, not strings (10 is after 9)", () => {
    expect(previousVersion([version(9), version(10), version(2)], `${machine}:10`)).toBe(`${machine}:9`);
  });

  it("has nothing to roll back to from the oldest version", () => {
    expect(previousVersion([version(4), version(5)], `${machine}:4`)).toBeUndefined();
  });

  it("names a stage's state machine so the command finds it by stage", () => {
    expect(stateMachineName("production", "progressiveMerge")).toBe("dossier-production-progressiveMerge");
  });
});
