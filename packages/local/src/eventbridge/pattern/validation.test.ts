import { describe, expect, it } from "vitest";
import { compilePattern, InvalidEventPatternError } from "./index";

/** The reason compilePattern gives for refusing the pattern. */
function refusal(pattern: unknown): string {
  try {
    compilePattern(pattern);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEventPatternError);
    return (error as InvalidEventPatternError).reason;
  }
  throw new Error(`pattern was accepted: ${JSON.stringify(pattern)}`);
}

describe("InvalidEventPatternError", () => {
  it("reads like the AWS InvalidEventPatternException and is not retryable", () => {
    const error = new InvalidEventPatternError("Empty arrays are not allowed");
    expect(error.message).toBe("Event pattern is not valid. Reason: Empty arrays are not allowed");
    expect(error.name).toBe("InvalidEventPatternError");
    expect(error.awsErrorType).toBe("InvalidEventPatternException");
    expect(error.retryable).toBe(false);
  });
});

describe("pattern validation", () => {
  it("refuses patterns that are not JSON objects", () => {
    expect(refusal(["source"])).toBe("Filter is not an object");
    expect(refusal("[1]")).toBe("Filter is not an object");
    expect(refusal(null)).toBe("Filter is not an object");
    expect(refusal("{not json")).toMatch(/^Filter is not valid JSON/);
  });

  it("refuses empty objects and empty match lists", () => {
    expect(refusal({})).toBe("Empty objects are not allowed");
    expect(refusal({ detail: {} })).toBe("Empty objects are not allowed");
    expect(refusal({ source: [] })).toBe("Empty arrays are not allowed");
  });

  it("refuses a field whose value is neither an object nor an array", () => {
    expect(refusal({ source: "dossier.sec" })).toBe('"source" must be an object or an array');
    expect(refusal({ source: null })).toBe('"source" must be an object or an array');
  });

  it("refuses nested arrays as match values", () => {
    expect(refusal({ source: [["a"]] })).toBe("Match value must be String, number, true, false, or null");
  });

  it("refuses unknown operators and operator objects with two keys", () => {
    expect(refusal({ a: [{ regex: "x" }] })).toBe("Unrecognized match type regex");
    expect(refusal({ a: [{}] })).toBe("Match expression name not found");
    expect(refusal({ a: [{ prefix: "x", suffix: "y" }] })).toBe("Only one key allowed in match expression");
  });

  it("refuses operands of the wrong type", () => {
    expect(refusal({ a: [{ prefix: 1 }] })).toBe("prefix match pattern must be a string");
    expect(refusal({ a: [{ suffix: null }] })).toBe("suffix match pattern must be a string");
    expect(refusal({ a: [{ "equals-ignore-case": 1 }] })).toBe(
      "equals-ignore-case match pattern must be a string",
    );
    expect(refusal({ a: [{ exists: "yes" }] })).toBe("exists match pattern must be either true or false.");
    expect(refusal({ a: [{ prefix: { "ignore-case": "x" } }] })).toBe(
      "Unsupported prefix pattern: ignore-case",
    );
  });

  it("refuses malformed numeric expressions", () => {
    expect(refusal({ n: [{ numeric: ">" }] })).toBe("Value of numeric must be an array.");
    expect(refusal({ n: [{ numeric: ["!=", 1] }] })).toBe("Unrecognized numeric range operator: !=");
    expect(refusal({ n: [{ numeric: [">", "1"] }] })).toBe("Value of > must be numeric");
    expect(refusal({ n: [{ numeric: ["<", 10, ">", 0] }] })).toBe("Too many elements in numeric expression");
    expect(refusal({ n: [{ numeric: [">", 0, ">", 10] }] })).toBe("Bad numeric range operator: >");
    expect(refusal({ n: [{ numeric: [">", 0, "<", 10, 5] }] })).toBe(
      "Too many terms in numeric range expression",
    );
  });

  it("refuses numeric ranges whose bottom is not below the top", () => {
    expect(refusal({ n: [{ numeric: [">", 10, "<", 10] }] })).toBe("Bottom must be less than top");
    expect(refusal({ n: [{ numeric: [">=", 10, "<=", 5] }] })).toBe("Bottom must be less than top");
  });

  it("refuses numbers EventBridge cannot compare", () => {
    expect(refusal({ n: [{ numeric: [">", 6e9, "<", 7e9] }] })).toBe(
      "Value must be between -5.0E9 and 5.0E9, inclusive",
    );
    expect(refusal({ n: [{ numeric: ["=", 1.0000001] }] })).toBe("Only values upto 6 decimals are supported");
  });

  it("refuses malformed CIDR blocks", () => {
    expect(refusal({ ip: [{ cidr: "10.0.0.0" }] })).toBe("Malformed CIDR, one '/' required");
    expect(refusal({ ip: [{ cidr: "10.0.0.0/x" }] })).toBe("Malformed CIDR, mask bits must be an integer");
    expect(refusal({ ip: [{ cidr: "10.0.0.0/-1" }] })).toBe("Malformed CIDR, mask bits must not be negative");
    expect(refusal({ ip: [{ cidr: "10.0.0.0/32" }] })).toBe("IPv4 mask bits must be < 32");
    expect(refusal({ ip: [{ cidr: "::/128" }] })).toBe("IPv6 mask bits must be < 128");
    expect(refusal({ ip: [{ cidr: "10.0.0.256/8" }] })).toBe("Invalid IP address: 10.0.0.256");
    expect(refusal({ ip: [{ cidr: "example.com/8" }] })).toBe("Nonstandard IP address: example.com");
  });

  it("refuses consecutive stars and stray escapes in wildcards, with the byte position", () => {
    expect(refusal({ k: [{ wildcard: "a**b" }] })).toBe("Consecutive wildcard characters at pos 2");
    expect(refusal({ k: [{ wildcard: "é**" }] })).toBe("Consecutive wildcard characters at pos 3");
    expect(refusal({ k: [{ wildcard: "a\\b" }] })).toBe("Invalid escape character at pos 2");
    expect(refusal({ k: [{ "anything-but": { wildcard: ["ok*", "x**"] } }] })).toBe(
      "Consecutive wildcard characters at pos 2",
    );
  });

  it("refuses malformed anything-but expressions", () => {
    expect(refusal({ a: [{ "anything-but": true }] })).toBe(
      "Value of anything-but must be an array or single string/number value.",
    );
    expect(refusal({ a: [{ "anything-but": ["a", 1] }] })).toBe(
      "Inside anything but list, either all values are number or string, mixed type is not supported",
    );
    expect(refusal({ a: [{ "anything-but": [null] }] })).toBe(
      "Inside anything but list, start|null|boolean is not supported.",
    );
    expect(refusal({ a: [{ "anything-but": { exists: true } }] })).toBe(
      "Unsupported anything-but pattern: exists",
    );
    expect(refusal({ a: [{ "anything-but": { prefix: "" } }] })).toBe("Null prefix/suffix not allowed");
    expect(refusal({ a: [{ "anything-but": { suffix: 1 } }] })).toBe(
      "prefix/suffix match pattern must be a string",
    );
  });

  it("refuses $or that is not a list of at least two objects", () => {
    expect(refusal({ $or: { a: ["x"] } })).toBe("It must be an Array followed with $or.");
    expect(refusal({ $or: [{ a: ["x"] }] })).toBe("There must have at least 2 Objects in $or relationship.");
    expect(refusal({ $or: [{ a: ["x"] }, "b"] })).toBe(
      "Only JSON object is allowed in array of $or relationship.",
    );
  });

  it("refuses operator names used as field names inside $or", () => {
    expect(refusal({ $or: [{ prefix: ["x"] }, { a: ["y"] }] })).toBe(
      "prefix is Ruler reserved fieldName which cannot be used inside $or.",
    );
  });

  it("refuses $or lists that expand to too many alternatives", () => {
    const branches = Array.from({ length: 40 }, (_, i) => ({ [`f${i}`]: [i] }));
    expect(refusal({ a: { $or: branches }, b: { $or: branches } })).toMatch(/more than 1000 alternatives/);
  });
});
