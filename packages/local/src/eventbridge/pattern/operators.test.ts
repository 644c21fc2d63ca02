import { describe, expect, it } from "vitest";
import { compilePattern } from "./index";

const matches = (pattern: unknown, event: unknown): boolean => compilePattern(pattern).matches(event);

describe("exact values", () => {
  it("matches a string field against any string of the list", () => {
    const pattern = { source: ["dossier.sec", "dossier.leadership"] };
    expect(matches(pattern, { source: "dossier.leadership" })).toBe(true);
    expect(matches(pattern, { source: "dossier.profile" })).toBe(false);
  });

  it('compares numbers numerically, so 3.0 equals 3 but the string "3" does not', () => {
    expect(matches({ n: [3.0] }, { n: 3 })).toBe(true);
    expect(matches({ n: [3] }, { n: 3.5 })).toBe(false);
    expect(matches({ n: [3] }, { n: "3" })).toBe(false);
  });

  it("matches booleans and null only against the same JSON literal", () => {
    expect(matches({ b: [true] }, { b: true })).toBe(true);
    expect(matches({ b: [true] }, { b: "true" })).toBe(false);
    expect(matches({ v: [null] }, { v: null })).toBe(true);
    expect(matches({ v: [null] }, { v: "null" })).toBe(false);
  });

  it("does not let null match a missing field", () => {
    expect(matches({ v: [null] }, {})).toBe(false);
  });

  it("matches the empty string only against an empty string", () => {
    expect(matches({ v: [""] }, { v: "" })).toBe(true);
    expect(matches({ v: [""] }, { v: null })).toBe(false);
    expect(matches({ v: [""] }, {})).toBe(false);
  });

  it("requires every field of the pattern to match", () => {
    const pattern = { source: ["dossier.sec"], "detail-type": ["Extraction.PartCompleted"] };
    expect(matches(pattern, { source: "dossier.sec", "detail-type": "Extraction.PartCompleted" })).toBe(true);
    expect(matches(pattern, { source: "dossier.sec", "detail-type": "Extraction.Requested" })).toBe(false);
  });

  it("descends into nested objects", () => {
    const pattern = { detail: { status: { code: ["succeeded"] } } };
    expect(matches(pattern, { detail: { status: { code: "succeeded" } } })).toBe(true);
    expect(matches(pattern, { detail: { status: "succeeded" } })).toBe(false);
  });

  it("ignores inherited object members such as toString", () => {
    expect(matches({ toString: [{ exists: true }] }, {})).toBe(false);
    expect(matches({ constructor: [{ exists: false }] }, {})).toBe(true);
  });
});

describe("event arrays", () => {
  it("match when any element matches", () => {
    expect(matches({ tags: ["b"] }, { tags: ["a", "b"] })).toBe(true);
    expect(matches({ tags: ["c"] }, { tags: ["a", ["b"]] })).toBe(false);
    expect(matches({ tags: ["b"] }, { tags: [["a", ["b"]]] })).toBe(true);
  });

  it("combine fields of one element only, never of different elements", () => {
    const pattern = { people: { first: ["Anna"], last: ["Jones"] } };
    expect(
      matches(pattern, {
        people: [
          { first: "Anna", last: "Smith" },
          { first: "Peter", last: "Jones" },
        ],
      }),
    ).toBe(false);
    expect(matches(pattern, { people: [{ first: "Peter" }, { first: "Anna", last: "Jones" }] })).toBe(true);
  });
});

describe("prefix and suffix", () => {
  it("match the start or the end of strings only", () => {
    expect(matches({ key: [{ prefix: "profiles/" }] }, { key: "profiles/cik-1/latest.json" })).toBe(true);
    expect(matches({ key: [{ prefix: "profiles/" }] }, { key: "batches/1" })).toBe(false);
    expect(matches({ key: [{ suffix: ".json" }] }, { key: "profiles/cik-1/latest.json" })).toBe(true);
    expect(matches({ n: [{ prefix: "1" }] }, { n: 12 })).toBe(false);
  });

  it("ignore case when given equals-ignore-case", () => {
    expect(matches({ k: [{ prefix: { "equals-ignore-case": "PRO" } }] }, { k: "profile" })).toBe(true);
    expect(matches({ k: [{ suffix: { "equals-ignore-case": ".JSON" } }] }, { k: "a.Json" })).toBe(true);
    expect(matches({ k: [{ suffix: { "equals-ignore-case": ".JSON" } }] }, { k: "a.xml" })).toBe(false);
  });
});

describe("equals-ignore-case", () => {
  it("matches a string that differs only in case", () => {
    expect(matches({ name: [{ "equals-ignore-case": "Alice" }] }, { name: "aLICE" })).toBe(true);
    expect(matches({ name: [{ "equals-ignore-case": "Alice" }] }, { name: "Alicia" })).toBe(false);
  });

  it("accepts case forms of a different length, as ß and SS", () => {
    expect(matches({ s: [{ "equals-ignore-case": "straße" }] }, { s: "STRASSE" })).toBe(true);
    expect(matches({ s: [{ "equals-ignore-case": "straße" }] }, { s: "STRAS" })).toBe(false);
  });

  it("compares each pattern character with its lower- and upper-case form only, as EventBridge does", () => {
    // "ß" upper-cases to "SS", but nothing lower-cases to "ss" from it.
    expect(matches({ s: [{ "equals-ignore-case": "straße" }] }, { s: "strasse" })).toBe(false);
  });

  it("accepts case forms of a different length at the start or the end of a value", () => {
    expect(matches({ s: [{ prefix: { "equals-ignore-case": "groß" } }] }, { s: "GROSSE Tür" })).toBe(true);
    expect(matches({ s: [{ prefix: { "equals-ignore-case": "groß" } }] }, { s: "GROS" })).toBe(false);
    expect(matches({ s: [{ suffix: { "equals-ignore-case": "straße" } }] }, { s: "HAUPTSTRASSE" })).toBe(
      true,
    );
    expect(matches({ s: [{ suffix: { "equals-ignore-case": "straße" } }] }, { s: "Hauptweg" })).toBe(false);
  });
});

describe("anything-but", () => {
  it("matches any value except the listed strings, also numbers and null", () => {
    const pattern = { state: [{ "anything-but": ["stopped", "terminated"] }] };
    expect(matches(pattern, { state: "running" })).toBe(true);
    expect(matches(pattern, { state: "stopped" })).toBe(false);
    expect(matches(pattern, { state: 5 })).toBe(true);
    expect(matches(pattern, { state: null })).toBe(true);
  });

  it("does not match a missing field", () => {
    expect(matches({ state: [{ "anything-but": "stopped" }] }, {})).toBe(false);
  });

  it("excludes numbers numerically", () => {
    expect(matches({ n: [{ "anything-but": [100, 200] }] }, { n: 100.0 })).toBe(false);
    expect(matches({ n: [{ "anything-but": 100 }] }, { n: "100" })).toBe(true);
  });

  it("excludes strings by prefix, suffix, wildcard or case-insensitive equality", () => {
    expect(matches({ k: [{ "anything-but": { prefix: "tmp/" } }] }, { k: "tmp/x" })).toBe(false);
    expect(matches({ k: [{ "anything-but": { prefix: "tmp/" } }] }, { k: "data/x" })).toBe(true);
    expect(matches({ k: [{ "anything-but": { suffix: ".tmp" } }] }, { k: "a.tmp" })).toBe(false);
    expect(matches({ k: [{ "anything-but": { wildcard: "*/tmp/*" } }] }, { k: "a/tmp/b" })).toBe(false);
    expect(matches({ k: [{ "anything-but": { wildcard: ["*.tmp", "*.bak"] } }] }, { k: "a.txt" })).toBe(true);
    expect(matches({ k: [{ "anything-but": { "equals-ignore-case": ["Gold"] } }] }, { k: "GOLD" })).toBe(
      false,
    );
    expect(matches({ k: [{ "anything-but": { "equals-ignore-case": "Gold" } }] }, { k: "silver" })).toBe(
      true,
    );
  });

  it("matches an array when one element is not excluded", () => {
    expect(matches({ k: [{ "anything-but": "a" }] }, { k: ["a", "b"] })).toBe(true);
    expect(matches({ k: [{ "anything-but": "a" }] }, { k: ["a"] })).toBe(false);
  });
});

describe("numeric", () => {
  it("compares with =, <, <=, > and >=", () => {
    expect(matches({ n: [{ numeric: ["=", 3] }] }, { n: 3.0 })).toBe(true);
    expect(matches({ n: [{ numeric: ["<", 3] }] }, { n: 3 })).toBe(false);
    expect(matches({ n: [{ numeric: ["<=", 3] }] }, { n: 3 })).toBe(true);
    expect(matches({ n: [{ numeric: [">", 3] }] }, { n: 3 })).toBe(false);
    expect(matches({ n: [{ numeric: [">=", 3] }] }, { n: 3 })).toBe(true);
  });

  it("checks both ends of a range", () => {
    const pattern = { n: [{ numeric: [">", 0, "<=", 5] }] };
    expect(matches(pattern, { n: 0 })).toBe(false);
    expect(matches(pattern, { n: 0.000001 })).toBe(true);
    expect(matches(pattern, { n: 5 })).toBe(true);
    expect(matches(pattern, { n: 5.000001 })).toBe(false);
  });

  it("ignores strings and numbers beyond ±5e9 or six decimals", () => {
    expect(matches({ n: [{ numeric: [">", 0] }] }, { n: "10" })).toBe(false);
    expect(matches({ n: [{ numeric: [">", 0] }] }, { n: 6e9 })).toBe(false);
    expect(matches({ n: [{ numeric: [">", 0] }] }, { n: 0.0000001 })).toBe(false);
  });
});

describe("exists", () => {
  it("true matches any leaf value, null and empty string included", () => {
    expect(matches({ v: [{ exists: true }] }, { v: null })).toBe(true);
    expect(matches({ v: [{ exists: true }] }, { v: "" })).toBe(true);
    expect(matches({ v: [{ exists: true }] }, {})).toBe(false);
  });

  it("false matches a missing field", () => {
    expect(matches({ v: [{ exists: false }] }, {})).toBe(true);
    expect(matches({ v: [{ exists: false }] }, { v: "x" })).toBe(false);
  });

  it("treats objects and empty arrays as having no leaf value", () => {
    expect(matches({ v: [{ exists: true }] }, { v: { nested: 1 } })).toBe(false);
    expect(matches({ v: [{ exists: false }] }, { v: { nested: 1 } })).toBe(true);
    expect(matches({ v: [{ exists: false }] }, { v: [] })).toBe(true);
    expect(matches({ v: [{ exists: true }] }, { v: [1] })).toBe(true);
  });

  it("false under a nested object matches when the parent is missing", () => {
    expect(matches({ detail: { error: [{ exists: false }] } }, { source: "x" })).toBe(true);
  });
});

describe("cidr", () => {
  it("matches IPv4 addresses inside the block", () => {
    const pattern = { ip: [{ cidr: "10.0.0.0/24" }] };
    expect(matches(pattern, { ip: "10.0.0.255" })).toBe(true);
    expect(matches(pattern, { ip: "10.0.1.0" })).toBe(false);
    expect(matches(pattern, { ip: "not an ip" })).toBe(false);
  });

  it("clears host bits written in the block", () => {
    expect(matches({ ip: [{ cidr: "192.168.1.77/24" }] }, { ip: "192.168.1.1" })).toBe(true);
  });

  it("matches IPv6 addresses in any spelling", () => {
    const pattern = { ip: [{ cidr: "2001:db8::/32" }] };
    expect(matches(pattern, { ip: "2001:0db8:0000:0000:0000:0000:0000:0001" })).toBe(true);
    expect(matches(pattern, { ip: "2001:db9::1" })).toBe(false);
    expect(matches(pattern, { ip: "10.0.0.1" })).toBe(false);
  });

  it("lets an exact IP string match other spellings of the same address", () => {
    expect(matches({ ip: ["::1"] }, { ip: "0:0:0:0:0:0:0:1" })).toBe(true);
  });
});

describe("wildcard", () => {
  it("lets * stand for any run of characters, also none", () => {
    const pattern = { key: [{ wildcard: "dir/*.png" }] };
    expect(matches(pattern, { key: "dir/a.png" })).toBe(true);
    expect(matches(pattern, { key: "dir/.png" })).toBe(true);
    expect(matches(pattern, { key: "dir/a.jpg" })).toBe(false);
  });

  it("places several stars in order", () => {
    const pattern = { key: [{ wildcard: "a*b*c" }] };
    expect(matches(pattern, { key: "axxbyyc" })).toBe(true);
    expect(matches(pattern, { key: "acb" })).toBe(false);
  });

  it("reads \\* as a literal star", () => {
    expect(matches({ key: [{ wildcard: "a\\*b" }] }, { key: "a*b" })).toBe(true);
    expect(matches({ key: [{ wildcard: "a\\*b" }] }, { key: "axb" })).toBe(false);
  });

  it("matches strings only", () => {
    expect(matches({ key: [{ wildcard: "*" }] }, { key: 1 })).toBe(false);
    expect(matches({ key: [{ wildcard: "*" }] }, { key: "" })).toBe(true);
  });
});

describe("$or", () => {
  it("matches when any branch matches", () => {
    const pattern = {
      source: ["dossier.sec"],
      $or: [{ detail: { status: ["failed"] } }, { detail: { retry: [true] } }],
    };
    expect(matches(pattern, { source: "dossier.sec", detail: { status: "failed" } })).toBe(true);
    expect(matches(pattern, { source: "dossier.sec", detail: { retry: true } })).toBe(true);
    expect(matches(pattern, { source: "dossier.sec", detail: { status: "succeeded" } })).toBe(false);
    expect(matches(pattern, { source: "other", detail: { status: "failed" } })).toBe(false);
  });

  it("works inside nested objects and inside other $or branches", () => {
    const pattern = {
      detail: { $or: [{ a: [1] }, { $or: [{ b: [2] }, { c: [3] }] }] },
    };
    expect(matches(pattern, { detail: { c: 3 } })).toBe(true);
    expect(matches(pattern, { detail: { d: 4 } })).toBe(false);
  });
});

describe("compiled pattern", () => {
  it("accepts the pattern as a JSON string", () => {
    expect(compilePattern('{"source":["dossier.sec"]}').matches({ source: "dossier.sec" })).toBe(true);
  });

  it("does not match events that are not objects", () => {
    const pattern = compilePattern({ v: [{ exists: false }] });
    expect(pattern.matches([])).toBe(false);
    expect(pattern.matches("{}")).toBe(false);
    expect(pattern.matches(null)).toBe(false);
  });
});
