import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusDir, describeOnSharedCorpus } from "../../../../test/shared-corpus";
import { parseLeadershipPage } from "../leadership/parse-page";
import { extractFinancials, FINANCIAL_METRICS } from "../sec/companyfacts";
import { parseExecutiveOfficers } from "../sec/executives";
import { mergeProfile, type PartDocument, profileCompleteness, type ValueSource } from "./merge";

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
      pagesVisited: ["https://www.nvidia.com/", "https://www.nvidia.com/leadership"],
      retrievedAt: "2026-11-02T10:00:05.000Z",
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

describeOnSharedCorpus("mergeProfile provenance and uncertainty", () => {
  const retrievedAt = "2026-11-22T10:00:01.000Z";
  const filing = {
    form: "10-K",
    accessionNumber: "0000051143-25-000015",
    filed: "2025-02-25",
    url: "https://www.sec.gov/Archives/edgar/data/51143/000005114325000015/ibm-20241231.htm",
  };
  // Real extractor output: one filer's facts and another's officers, as the walk checks sources only.
  const realSec = (): PartDocument => ({
    ...sec(),
    data: {
      identity: { name: "INTERNATIONAL BUSINESS MACHINES CORP", cik: "51143" },
      financials: extractFinancials(
        JSON.parse(readFileSync(path.join(corpusDir, "sec", "AAPL_companyfacts_CIK0000320193.json"), "utf8")),
      ),
      executives: {
        ...parseExecutiveOfficers(
          readFileSync(path.join(corpusDir, "filings", "ibm-10-k-2025-02-25.html"), "utf8"),
        ),
        document: filing,
      },
      notes: [],
      retrievedAt,
    },
  });
  const atlasUrl = "https://www.atlastravel.com/company/leadership";
  const realLeadership = (): PartDocument => ({
    ...leadership([]),
    data: {
      website: "https://www.atlastravel.com",
      people: parseLeadershipPage(
        readFileSync(
          path.join(corpusDir, "leadership", "atlastravel_company_leadership.EXCERPT.html"),
          "utf8",
        ),
        atlasUrl,
      ).people,
    },
  });

  function complete(source: ValueSource): boolean {
    return source.kind === "sec"
      ? Boolean(source.document && source.accessionNumber && source.filed && source.section)
      : Boolean(source.url && source.method);
  }

  it("gives every value of a merged profile its source", () => {
    const profile = mergeProfile({
      companyId: "cik-0000051143",
      runId: "run_0001abcd",
      partsExpected: ["sec", "leadership"],
      documents: { sec: realSec(), leadership: realLeadership() },
      threshold: 95,
      requestedAt,
      now,
    });
    const unsourced: string[] = [];
    if (!profile.sources.identity?.kind) unsourced.push("identity");
    for (const year of profile.financials as Record<string, unknown>[]) {
      for (const metric of FINANCIAL_METRICS) {
        const value = year[metric] as
          | { value: number; confidence?: number; provenance?: { accessionNumber?: string } }
          | undefined;
        if (value && (!value.provenance?.accessionNumber || !(value.confidence && value.confidence > 0))) {
          unsourced.push(`financials ${year.fiscalYear} ${metric}`);
        }
      }
    }
    for (const executive of profile.executives) {
      if (executive.provenance.length === 0 || !executive.provenance.every(complete)) {
        unsourced.push(`executive ${executive.name}`);
      }
      if (!(executive.confidence > 0)) unsourced.push(`confidence of ${executive.name}`);
    }
    expect(profile.executives.length).toBeGreaterThan(10);
    expect(profile.financials.length).toBeGreaterThan(5);
    expect(unsourced).toEqual([]);
    expect(profile.executives[0]?.provenance[0]).toEqual({
      kind: "sec",
      document: "10-K",
      accessionNumber: filing.accessionNumber,
      filed: filing.filed,
      url: filing.url,
      section: "Information About Our Executive Officers (at February 25, 2025):",
      method: "table",
    });
    // When each cited document was read, kept apart from the values.
    expect(profile.sources.fetchedAt).toEqual({
      "EDGAR submissions": retrievedAt,
      "EDGAR companyfacts": retrievedAt,
      [filing.url]: retrievedAt,
    });
  });

  it("says when each web page a value cites was read", () => {
    const profile = mergeProfile({
      companyId: "cik-0001045810",
      runId: "run_0001abcd",
      partsExpected: ["leadership"],
      documents: { leadership: leadership([{ name: "Jensen Huang", title: "CEO", category: "executive" }]) },
      threshold: 95,
      requestedAt: new Date("2026-11-02T10:00:00Z"),
      now: new Date("2026-11-02T10:00:10Z"),
    });
    for (const executive of profile.executives)
      for (const source of executive.provenance)
        if (source.kind === "website")
          expect(profile.sources.fetchedAt[source.url]).toBe("2026-11-02T10:00:05.000Z");
    expect(profile.executives).toHaveLength(1);
  });

  it("keeps both titles when the filing and the website disagree, and says which it shows", () => {
    const profile = mergeProfile({
      companyId: "cik-0001045810",
      runId: "run_0001abcd",
      partsExpected: ["sec", "leadership"],
      documents: {
        sec: sec(),
        leadership: leadership([{ name: "Jensen Huang", title: "Founder and CEO", category: "executive" }]),
      },
      threshold: 95,
      requestedAt,
      now,
    });
    expect(profile.executives[0]).toMatchObject({
      title: "President and Chief Executive Officer",
      websiteTitle: "Founder and CEO",
      titleSource: "sec-10k",
    });
    expect(profile.executives[0]?.titleNote).toMatch(/website says "Founder and CEO"/);
    expect(profile.executives[0]?.provenance.map((p) => p.kind)).toEqual(["sec", "website"]);
  });

  it("reports people below the confidence threshold as uncertain and says why the team is empty", () => {
    const profile = mergeProfile({
      companyId: "cik-0009900001",
      runId: "run_0001abcd",
      partsExpected: ["sec", "leadership"],
      documents: {
        sec: sec({
          completeness: 80,
          missing: ["executives"],
          data: {
            identity: {},
            financials: [],
            executives: {
              officers: [],
              note: 'Executive officers are in the proxy statement: "The information required by this item is incorporated by reference."',
            },
          },
        }),
        leadership: {
          ...leadership([]),
          data: {
            website: "https://example.com",
            people: [
              {
                name: "Ada Park",
                title: "Chief Executive Officer",
                category: "executive",
                sourceUrl: "https://example.com/team",
                method: "image-alt",
                confidence: 0.4,
              },
            ],
          },
        },
      },
      threshold: 95,
      requestedAt,
      now,
    });
    expect(profile.executives).toEqual([]);
    expect(profile.uncertain).toEqual([
      {
        name: "Ada Park",
        title: "Chief Executive Officer",
        confidence: 0.4,
        reason: "found only by image-alt with confidence 0.4, below 0.5",
        source: { kind: "website", url: "https://example.com/team", method: "image-alt", section: undefined },
      },
    ]);
    expect(profile.notFound.executives).toMatch(
      /^SEC: Executive officers are in the proxy statement.*; website: 1 people found only with low confidence$/,
    );
    // An uncertain person does not stand in for the SEC officers in the completeness.
    expect(profile.missing).toContain("sec.executives");
  });
});
