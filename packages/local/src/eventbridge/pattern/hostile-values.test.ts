import { describe, expect, it } from "vitest";
import { compilePattern } from "./compile";
import { looksLikeIp } from "./ip-address";
import { testEventPattern } from "./test-event-pattern";

describe("event values a publisher controls", () => {
  // Each of these once took a backtracking regular expression tens of seconds on one value.
  const huge = "a".repeat(300_000);
  const hexWithoutColons = "f".repeat(300_000);
  const colonsAndHex = `${"f:".repeat(150_000)}x`;

  it.each([
    ["300 KB of letters", huge],
    ["300 KB of hex digits", hexWithoutColons],
    ["300 KB of hex and colons ending in a non-hex character", colonsAndHex],
  ])("%s is not an IP address and does not match a cidr pattern", (_name, value) => {
    const pattern = compilePattern({ detail: { ip: [{ cidr: "10.0.0.0/8" }, { cidr: "2001:db8::/32" }] } });

    expect(looksLikeIp(value)).toBe(false);
    expect(pattern.matches({ detail: { ip: value } })).toBe(false);
  });

  it("still matches real addresses in both families", () => {
    const pattern = compilePattern({ detail: { ip: [{ cidr: "10.0.0.0/8" }, { cidr: "2001:db8::/32" }] } });
    expect(pattern.matches({ detail: { ip: "10.1.2.3" } })).toBe(true);
    expect(pattern.matches({ detail: { ip: "2001:0db8:0000:0000:0000:0000:0000:0001" } })).toBe(true);
    expect(pattern.matches({ detail: { ip: "11.1.2.3" } })).toBe(false);
  });
});

describe("patterns and test events AWS refuses as too costly", () => {
  it("refuses a wildcard with more than five stars as too complex", () => {
    expect(() => compilePattern({ detail: { name: [{ wildcard: "*a*b*c*d*e*" }] } })).toThrow(
      /Rule is too complex/,
    );
    expect(() => compilePattern({ detail: { name: [{ wildcard: "*a*b*c*d*" }] } })).not.toThrow();
  });

  it("refuses a TestEventPattern event nested deeper than the bus accepts", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const event = `{"id":"1","account":"1","source":"s","time":"t","region":"r","detail-type":"d","detail":{"x":${deep}}}`;
    expect(() => testEventPattern('{"source":["s"]}', event)).toThrow(/nested more than 1001 levels/);
  });
});
