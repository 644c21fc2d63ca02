import { describe, expect, it } from "vitest";
import type { MergedExecutive, MergedProfile } from "../profile/merge";
import { diffProfiles, summariseChanges } from "./profile-diff";

function executive(
  name: string,
  title: string,
  sources: MergedExecutive["sources"] = ["sec-10k", "website"],
): MergedExecutive {
  return {
    name,
    title,
    age: undefined,
    sources,
    confirmed: sources.length === 2,
    titleSource: "sec-10k",
    confidence: 0.95,
    provenance: [{ kind: "website", url: "https://acme.example/leadership", method: "json-ld" }],
  };
}

function year(fiscalYear: number, revenue: number, accessionNumber = `0000000001-${fiscalYear}-000001`) {
  return {
    fiscalYear,
    periodEnd: `${fiscalYear}-12-31`,
    form: "10-K",
    accessionNumber,
    filed: `${fiscalYear + 1}-02-20`,
    revenue: {
      value: revenue,
      confidence: 1,
      provenance: { taxonomy: "us-gaap", concept: "Revenues", unit: "USD", accessionNumber, form: "10-K" },
    },
  };
}

/** A profile of Acme as a run merges it; every test changes one thing of it. */
function acme(overrides: Partial<MergedProfile> = {}): MergedProfile {
  return {
    companyId: "cik-0000000001",
    runId: "run_0001abcd",
    status: "completed",
    completeness: 100,
    missing: [],
    identity: {
      name: "Acme Corp",
      tickers: ["ACME"],
      sic: "7372",
      website: "https://acme.example",
      addresses: {
        business: { street1: "1 Main St", city: "Springfield", stateOrCountry: "IL", zipCode: "62701" },
      },
    },
    financials: [year(2024, 1_000), year(2025, 1_200)],
    executives: [
      executive("Timothy D. Rowe", "Chief Executive Officer"),
      executive("Ada Park", "Chief Financial Officer"),
    ],
    board: [{ name: "Grace Hill", title: "Director" }],
    uncertain: [],
    notFound: {},
    sources: { identity: null, fetchedAt: { "EDGAR submissions": "2026-12-01T10:00:00Z" } },
    parts: {
      sec: { status: "succeeded", completeness: 100, missing: [], cached: false, durationMs: 10 },
      leadership: { status: "succeeded", completeness: 100, missing: [], cached: false, durationMs: 10 },
    },
    cached: false,
    timings: { requestedAt: "2026-12-01T10:00:00Z", mergedAt: "2026-12-01T10:00:01Z", durationMs: 1000 },
    ...overrides,
  };
}

describe("diffProfiles", () => {
  it("finds nothing when only order, spacing, case, fetch times, confidence and URLs differ", () => {
    const before = acme();
    const after = acme({
      runId: "run_0002abcd",
      executives: [
        {
          ...executive("Ada  Park", "chief financial officer"),
          confidence: 0.7,
          sourceUrl: "https://acme.example/team",
        },
        executive("Tim Rowe", "Chief Executive Officer."),
      ],
      sources: { identity: null, fetchedAt: { "EDGAR submissions": "2026-12-08T10:00:00Z" } },
      identity: { ...(acme().identity ?? {}), name: "ACME CORP", tickers: ["acme"] },
      timings: { requestedAt: "2026-12-08T10:00:00Z", mergedAt: "2026-12-08T10:00:01Z", durationMs: 900 },
    });
    expect(diffProfiles(before, after)).toEqual([]);
  });

  it("names who joined, who left and whose title changed, matching name variants as one person", () => {
    const after = acme({
      executives: [
        executive("Tim Rowe", "President and Chief Executive Officer"),
        executive("Lena Ortiz", "Chief Financial Officer"),
      ],
    });
    expect(diffProfiles(acme(), after)).toEqual([
      { kind: "executive-joined", name: "Lena Ortiz", title: "Chief Financial Officer" },
      { kind: "executive-left", name: "Ada Park", title: "Chief Financial Officer" },
      {
        kind: "executive-title-changed",
        name: "Tim Rowe",
        from: "Chief Executive Officer",
        to: "President and Chief Executive Officer",
      },
    ]);
  });

  it("names board members who joined or left", () => {
    const after = acme({ board: [{ name: "Omar Reyes", title: "Director" }] });
    expect(diffProfiles(acme(), after)).toEqual([
      { kind: "board-member-joined", name: "Omar Reyes" },
      { kind: "board-member-left", name: "Grace Hill" },
    ]);
  });

  it("reports a newer fiscal year and a value restated for the same year, not a longer history", () => {
    const after = acme({
      financials: [
        year(2023, 900),
        year(2024, 990, "0000000001-26-000007"),
        year(2025, 1_200),
        year(2026, 1_500),
      ],
    });
    expect(diffProfiles(acme(), after)).toEqual([
      {
        kind: "value-restated",
        metric: "revenue",
        fiscalYear: 2024,
        from: 1_000,
        to: 990,
        accessionNumber: "0000000001-26-000007",
      },
      {
        kind: "fiscal-year-reported",
        fiscalYear: 2026,
        form: "10-K",
        accessionNumber: "0000000001-2026-000001",
      },
    ]);
  });

  it("reports identity fields that changed, not ones that appeared", () => {
    const before = acme({ identity: { ...(acme().identity ?? {}), website: undefined } });
    const after = acme({
      identity: {
        ...(acme().identity ?? {}),
        name: "Acme Robotics Corp",
        tickers: ["ACME", "ACMEW"],
        sic: "3569",
        addresses: {
          business: { street1: "9 Harbor Rd", city: "Boston", stateOrCountry: "MA", zipCode: "02110" },
        },
      },
    });
    expect(diffProfiles(before, after)).toEqual([
      { kind: "identity-changed", field: "name", from: "Acme Corp", to: "Acme Robotics Corp" },
      { kind: "identity-changed", field: "tickers", from: "ACME", to: "ACME, ACMEW" },
      { kind: "identity-changed", field: "sic", from: "7372", to: "3569" },
      {
        kind: "identity-changed",
        field: "address",
        from: "1 Main St, Springfield, IL, 62701",
        to: "9 Harbor Rd, Boston, MA, 02110",
      },
    ]);
  });

  it("reports the website's team diverging from the 10-K once, when the divergence is new", () => {
    const after = acme({
      executives: [...acme().executives, executive("Noor Haddad", "Chief Technology Officer", ["website"])],
    });
    const changes = diffProfiles(acme(), after);
    expect(changes).toContainEqual({
      kind: "website-team-diverges",
      websiteOnly: ["Noor Haddad"],
      filingOnly: [],
    });
    expect(diffProfiles(after, { ...after, runId: "run_0003abcd" })).toEqual([]);
  });

  it("says nothing about a half whose part did not succeed this time", () => {
    const before = acme({
      executives: [...acme().executives, executive("Noor Haddad", "Chief Technology Officer", ["website"])],
    });
    const failedSite = acme({
      executives: [
        executive("Timothy D. Rowe", "Chief Executive Officer", ["sec-10k"]),
        executive("Ada Park", "Chief Financial Officer", ["sec-10k"]),
      ],
      board: [],
      parts: {
        sec: { status: "succeeded", completeness: 100, missing: [], cached: false, durationMs: 10 },
        leadership: {
          status: "failed",
          completeness: 0,
          missing: [],
          cached: false,
          durationMs: 10,
          reason: "down",
        },
      },
    });
    expect(diffProfiles(before, failedSite)).toEqual([]);
  });

  it("summarises the changes in one line", () => {
    const after = acme({
      executives: [
        executive("Tim Rowe", "Chief Executive Officer"),
        executive("Lena Ortiz", "Chief Financial Officer"),
      ],
      financials: [...acme().financials, year(2026, 1_500)],
    });
    expect(summariseChanges(diffProfiles(acme(), after))).toBe(
      "1 executive joined; 1 executive left; fiscal year 2026 reported",
    );
  });
});
