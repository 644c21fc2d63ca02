import { RuleTargets } from "@dossier/core/topology";
import { type DetailType, parseAnyDetail, type RuleKey, Rules, Sources } from "@dossier/events";
import { compilePattern } from "@dossier/local/eventbridge/pattern";
import { describe, expect, it } from "vitest";
import { sampleDetails } from "../../events/test/samples";

// Who publishes each detail-type in the pipeline (requests come from other systems).
const publisher: Record<DetailType, string> = {
  "Extraction.Requested": Sources.requests,
  "Extraction.PartCompleted": Sources.sec,
  "Profile.Updated": Sources.merge,
  "Profile.Changed": Sources.merge,
  "Profile.Completed": Sources.merge,
  "Profile.Incomplete": Sources.merge,
  "Extraction.Failed": Sources.merge,
  "Batch.Requested": Sources.scheduler,
  "Batch.Completed": Sources.batch,
  "Circuit.Opened": Sources.resilience,
  "Circuit.Closed": Sources.resilience,
  "Leadership.ChangeFiled": Sources.filings,
};

function event(
  detailType: DetailType,
  overrides: Record<string, unknown> = {},
  source = publisher[detailType],
) {
  const detail = structuredClone(sampleDetails[detailType]);
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete detail[key];
    else detail[key] = value;
  }
  return {
    version: "0",
    id: "7bf73129-1428-4cd3-a780-95db273d1602",
    "detail-type": detailType,
    source,
    account: "123456789012",
    time: "2026-11-02T10:00:00Z",
    region: "us-east-1",
    resources: [],
    // Parsed by the contract's zod schema, so every sample is an event the pipeline could publish.
    detail: parseAnyDetail(detailType, detail),
  };
}

const samples = {
  ...Object.fromEntries(
    (Object.keys(sampleDetails) as DetailType[]).map((detailType) => [detailType, event(detailType)]),
  ),
  "Extraction.Requested sec only": event("Extraction.Requested", { parts: ["sec"] }),
  "Extraction.Requested leadership only": event("Extraction.Requested", { parts: ["leadership"] }),
  "Extraction.PartCompleted leadership": event(
    "Extraction.PartCompleted",
    { part: "leadership" },
    Sources.leadership,
  ),
  "Extraction.PartCompleted failed": event("Extraction.PartCompleted", { status: "failed" }),
  "Extraction.PartCompleted skipped": event(
    "Extraction.PartCompleted",
    { status: "skipped" },
    Sources.leadership,
  ),
  "Extraction.PartCompleted from another system": event("Extraction.PartCompleted", {}, "acme.crm"),
  "Extraction.PartCompleted timed out by the sweep": event(
    "Extraction.PartCompleted",
    { status: "failed", reason: "timed out after 600 s waiting for sec" },
    Sources.ledger,
  ),
  "Extraction.PartCompleted from the merge": event("Extraction.PartCompleted", {}, Sources.merge),
  "Extraction.Requested from another system": event("Extraction.Requested", {}, "acme.crm"),
  "Extraction.Failed from the ledger": event("Extraction.Failed", {}, Sources.ledger),
  "Profile.Completed outside a batch": event("Profile.Completed", { batchId: undefined }),
  "Extraction.Failed outside a batch": event("Extraction.Failed", { batchId: undefined }, Sources.ledger),
} as Record<string, ReturnType<typeof event>>;

// Written by hand from the architecture, not derived from the patterns under test.
const intended: Record<RuleKey, string[]> = {
  secExtractor: [
    "Extraction.Requested",
    "Extraction.Requested sec only",
    "Extraction.Requested from another system",
  ],
  leadershipExtractor: [
    "Extraction.Requested",
    "Extraction.Requested leadership only",
    "Extraction.Requested from another system",
  ],
  runLedger: [
    "Extraction.Requested",
    "Extraction.Requested sec only",
    "Extraction.Requested leadership only",
    "Extraction.Requested from another system",
  ],
  progressiveMerge: [
    "Extraction.PartCompleted",
    "Extraction.PartCompleted leadership",
    "Extraction.PartCompleted failed",
    "Extraction.PartCompleted skipped",
    "Extraction.PartCompleted timed out by the sweep",
  ],
  batchFanOut: ["Batch.Requested"],
  batchLedger: [
    "Profile.Completed",
    "Profile.Incomplete",
    "Extraction.Failed",
    "Extraction.Failed from the ledger",
  ],
};

describe("bus rules deployed from Rules", () => {
  it("has an intended selection for every rule the stacks deploy", () => {
    expect(Object.keys(intended).sort()).toEqual(Object.keys(Rules).sort());
  });

  describe.each(Object.entries(Rules) as [RuleKey, (typeof Rules)[RuleKey]][])("%s", (key, rule) => {
    const pattern = compilePattern(rule.eventPattern);

    it("selects exactly the events of its intended detail-types", () => {
      const selected = Object.entries(samples)
        .filter(([, sample]) => pattern.matches(sample))
        .map(([name]) => name)
        .sort();
      expect(selected).toEqual([...intended[key]].sort());
    });

    it("has a name EventBridge accepts and a retry policy within EventBridge's limits", () => {
      expect(rule.name).toMatch(/^[.\-_A-Za-z0-9]{1,64}$/);
      const { retryPolicy } = RuleTargets[key];
      expect(retryPolicy.maximumRetryAttempts).toBeGreaterThanOrEqual(0);
      expect(retryPolicy.maximumRetryAttempts).toBeLessThanOrEqual(185);
      expect(retryPolicy.maximumEventAgeSeconds).toBeGreaterThanOrEqual(60);
      expect(retryPolicy.maximumEventAgeSeconds).toBeLessThanOrEqual(86_400);
    });
  });

  it("keeps rule names unique on the bus", () => {
    const names = Object.values(Rules).map((rule) => rule.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
