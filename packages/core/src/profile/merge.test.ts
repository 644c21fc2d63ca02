import { describe, expect, it } from "vitest";
import { mergeProfile, type PartDocument, profileCompleteness } from "./merge";

const requestedAt = new Date("2026-11-22T10:00:00Z");
const now = new Date("2026-11-22T10:00:02Z");

function sec(overrides: Partial<PartDocument> = {}): PartDocument {
  return {
    part: "sec",
    runId: "run_0001abcd",
    status: "succeeded",
    completeness: 100,
    missing: [],
    cached: false,
    durationMs: 900,
    data: {
      identity: { name: "NVIDIA CORP", cik: "1045810" },
      financials: [{ fiscalYear: 2025 }],
      executives: {
        officers: [
          { name: "Jen-Hsun Huang", title: "President and Chief Executive Officer", age: 61 },
          {
            name: "Colette M. Kress",
            title: "Executive Vice President and Chief Financial Officer",
            age: 57,
          },
        ],
      },
    },
    ...overrides,
  };
}

function leadership(people: { name: string; title: string; category: string }[]): PartDocument {
  return {
    part: "leadership",
    runId: "run_0001abcd",
    status: "succeeded",
    completeness: 90,
    missing: ["board"],
    cached: true,
    durationMs: 700,
    data: {
      website: "https://www.nvidia.com",
      people: people.map((person) => ({ ...person, sourceUrl: "https://www.nvidia.com/leadership" })),
    },
  };
}

describe("mergeProfile", () => {
  it("confirms officers the 10-K and the website both list, matching nicknames and initials", () => {
    const profile = mergeProfile({
      companyId: "cik-0001045810",
      runId: "run_0001abcd",
      partsExpected: ["sec", "leadership"],
      documents: {
        sec: sec(),
        leadership: leadership([
          { name: "Jensen Huang", title: "Founder and CEO", category: "executive" },
          { name: "Colette Kress", title: "CFO", category: "executive" },
          { name: "Debora Shoquist", title: "EVP, Operations", category: "executive" },
          { name: "Mark Stevens", title: "Director", category: "board" },
        ]),
      },
      threshold: 95,
      requestedAt,
      now,
    });
    expect(
      profile.executives.map((executive) => [executive.name, executive.confirmed, executive.sources]),
    ).toEqual([
      ["Jen-Hsun Huang", true, ["sec-10k", "website"]],
      ["Colette M. Kress", true, ["sec-10k", "website"]],
      ["Debora Shoquist", false, ["website"]],
    ]);
    expect(profile.board).toHaveLength(1);
    expect(profile.executives[0]?.websiteTitle).toBe("Founder and CEO");
  });

  it("weighs expected parts only and ends incomplete below the threshold", () => {
    const profile = mergeProfile({
      companyId: "cik-0001045810",
      runId: "run_0001abcd",
      partsExpected: ["sec", "leadership"],
      documents: {
        sec: sec(),
        leadership: { ...leadership([]), status: "failed", completeness: 0, reason: "timeout" },
      },
      threshold: 95,
      requestedAt,
      now,
    });
    expect(profile.completeness).toBe(60);
    expect(profile.status).toBe("incomplete");
    expect(profile.missing).toEqual(["leadership: failed"]);
    expect(profile.timings.durationMs).toBe(2000);
  });

  it("credits the SEC officers from the website when the 10-K defers them to the proxy", () => {
    const profile = mergeProfile({
      companyId: "cik-0009900001",
      runId: "run_0001abcd",
      partsExpected: ["sec", "leadership"],
      documents: {
        sec: sec({ completeness: 80, missing: ["executives"], data: { identity: {}, financials: [] } }),
        leadership: leadership([
          { name: "Ada Park", title: "Chief Executive Officer", category: "executive" },
        ]),
      },
      threshold: 95,
      requestedAt,
      now,
    });
    expect(profile.completeness).toBe(96);
    expect(profile.missing).toEqual(["leadership.board"]);
    expect(profile.status).toBe("completed");
  });

  it("marks the profile cached only when every part came from the cache", () => {
    const profile = mergeProfile({
      companyId: "c",
      runId: "run_0001abcd",
      partsExpected: ["sec", "leadership"],
      documents: { sec: sec(), leadership: leadership([]) },
      threshold: 95,
      requestedAt,
      now,
    });
    expect(profile.cached).toBe(false);
  });
});

describe("profileCompleteness", () => {
  it("reports a part that never reported as missing", () => {
    expect(profileCompleteness(["sec", "leadership"], { sec: sec() })).toEqual({
      completeness: 60,
      missing: ["leadership: no outcome"],
    });
  });
});
