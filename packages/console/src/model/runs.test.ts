import type { RunItem } from "@dossier/core/store";
import { describe, expect, it } from "vitest";
import { filterRuns, matchesCompany, parseRunFilter, runTimeline } from "./runs";

const requestedAt = Date.parse("2026-12-01T10:00:00Z");

function run(overrides: Partial<RunItem> = {}): RunItem {
  return {
    runId: "run_1",
    companyId: "cik-0000320193",
    company: { ticker: "AAPL", cik: "320193", name: "Apple Inc." },
    partsExpected: ["sec", "leadership"],
    parts: {},
    retries: {},
    status: "running",
    sweepStatus: "pending",
    force: false,
    requestedAt,
    deadlineAt: requestedAt + 300_000,
    version: 1,
    ...overrides,
  };
}

describe("filterRuns", () => {
  const runs = [
    run({ runId: "a", status: "completed", batchId: "batch_1", requestedAt: requestedAt - 3_600_000 }),
    run({ runId: "b", status: "failed", companyId: "example.com", company: { name: "Example Corp" } }),
    run({ runId: "c", status: "running", batchId: "batch_1", requestedAt: requestedAt + 1000 }),
  ];

  it("combines status, company, batch and time filters, newest first", () => {
    // Act
    const byBatch = filterRuns(runs, { batch: "batch_1" }, requestedAt);
    const recent = filterRuns(runs, { sinceMinutes: 30 }, requestedAt);
    const failedExample = filterRuns(runs, { status: "failed", company: "example" }, requestedAt);

    // Assess
    expect(byBatch.map((r) => r.runId)).toEqual(["c", "a"]);
    expect(recent.map((r) => r.runId)).toEqual(["c", "b"]);
    expect(failedExample.map((r) => r.runId)).toEqual(["b"]);
  });

  it("ignores query values that are not a filter", () => {
    expect(parseRunFilter({ status: "exploded", since: "-4", company: "  " })).toEqual({
      status: undefined,
      company: undefined,
      batch: undefined,
      sinceMinutes: undefined,
    });
    expect(parseRunFilter({ status: "incomplete", since: "60" })).toMatchObject({
      status: "incomplete",
      sinceMinutes: 60,
    });
  });
});

describe("matchesCompany", () => {
  it("finds a company by name, ticker, id or CIK with or without leading zeros", () => {
    const apple = run();
    for (const query of ["apple", "AAPL", "cik-0000320193", "320193", "0000320193"])
      expect(matchesCompany(apple, query)).toBe(true);
    expect(matchesCompany(apple, "msft")).toBe(false);
  });
});

describe("runTimeline", () => {
  it("draws the request, each part for its duration, the merge up to the claim and the terminal event", () => {
    // Prepare
    const ended = run({
      status: "completed",
      terminalType: "Profile.Completed",
      completedAt: requestedAt + 5000,
      durationMs: 5000,
      retries: { leadership: 1 },
      parts: {
        sec: { status: "succeeded", durationMs: 1200, cached: true },
        leadership: { status: "succeeded", durationMs: 4000 },
      },
    });

    // Act
    const bars = runTimeline(ended, requestedAt + 60_000);

    // Assess
    expect(bars.map((bar) => [bar.label, bar.startMs, bar.endMs, bar.status])).toEqual([
      ["Extraction.Requested", 0, 0, "requested"],
      ["sec part", 0, 1200, "succeeded"],
      ["leadership part", 0, 4000, "succeeded"],
      ["merge", 4000, 5000, "completed"],
      ["Profile.Completed", 5000, 5000, "completed"],
    ]);
    expect(bars[1]?.note).toBe("from cache");
    expect(bars[2]?.note).toBe("1 failed delivery retried");
  });

  it("ends a part's bar where its outcome event was seen, when the console saw it", () => {
    const ended = run({
      status: "completed",
      completedAt: requestedAt + 5000,
      parts: {
        sec: { status: "succeeded", durationMs: 1200 },
        leadership: { status: "succeeded", durationMs: 4000 },
      },
    });
    const seen = [
      { detailType: "Extraction.Requested", at: requestedAt + 50 },
      { detailType: "Extraction.PartCompleted", part: "sec", at: requestedAt + 1500 },
    ];

    const bars = runTimeline(ended, requestedAt + 60_000, seen);

    // The request where it was seen; sec seen at 1.5 s after 1.2 s of work; leadership not seen.
    expect(bars.slice(0, 3).map((bar) => [bar.label, bar.startMs, bar.endMs])).toEqual([
      ["Extraction.Requested", 50, 50],
      ["sec part", 300, 1500],
      ["leadership part", 0, 4000],
    ]);
  });

  it("shows the parts of a running run as waiting up to now, with no merge yet", () => {
    const going = run({ parts: { sec: { status: "failed", durationMs: 800, reason: "SEC answered 404" } } });

    const bars = runTimeline(going, requestedAt + 2500);

    expect(bars.map((bar) => [bar.label, bar.endMs, bar.status])).toEqual([
      ["Extraction.Requested", 0, "requested"],
      ["sec part", 800, "failed"],
      ["leadership part", 2500, "waiting"],
    ]);
    expect(bars[1]?.note).toBe("SEC answered 404");
  });
});
