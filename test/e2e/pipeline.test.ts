import { batchRunId } from "@dossier/core/pipeline";
import { BatchCompleted, parseDetail } from "@dossier/events";
import { runBatch } from "@dossier/local/batch";
import {
  type DemoFixtureServer,
  type DemoRequestCase,
  demoRequests,
  generateDemoDataset,
  startDemoFixtureServer,
} from "@dossier/local/demo";
import { type LocalRuntime, startLocalRuntime } from "@dossier/local/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordEvents } from "../support";
import {
  demoEnvironment,
  readProfileObject,
  runsWithoutExactlyOneTerminal,
  terminalsByRun,
  toCompanyRequest,
} from "./harness";

const outcomeOf: Record<string, string> = {
  "Profile.Completed": "completed",
  "Profile.Incomplete": "incomplete",
  "Extraction.Failed": "failed",
};

describe("a 30-company demo batch on a fresh runtime", () => {
  let fixture: DemoFixtureServer;
  let runtime: LocalRuntime;
  let events: ReturnType<typeof recordEvents>;
  let cases: DemoRequestCase[];
  let report: Awaited<ReturnType<typeof runBatch>>;
  let batchMs: number;

  beforeAll(async () => {
    const dataset = generateDemoDataset();
    fixture = await startDemoFixtureServer({ dataset });
    cases = demoRequests(dataset, fixture.baseUrl);
    runtime = await startLocalRuntime({
      retryBaseDelayMs: 20,
      sweepIntervalMs: 0,
      extractorConcurrency: 8,
      environment: demoEnvironment(fixture),
    });
    events = recordEvents(runtime);
    const started = Date.now();
    report = await runBatch(
      runtime,
      cases.map((entry) => toCompanyRequest(entry.request)),
      { parts: ["sec", "leadership"], force: false, timeoutMs: 90_000 },
    );
    batchMs = Date.now() - started;
    await runtime.drain();
    console.info(`30-company batch: Batch.Completed after ${batchMs} ms`);
  }, 120_000);

  afterAll(async () => {
    await runtime?.stop();
    await fixture?.close();
  });

  it("ends every one of the 30 runs in exactly one terminal event", () => {
    const expectedRunIds = cases.map((_, index) => batchRunId(report.batchId, index));
    const byRun = terminalsByRun(events);
    expect(runsWithoutExactlyOneTerminal(byRun, expectedRunIds)).toEqual({});
    expect([...byRun.keys()].sort()).toEqual([...expectedRunIds].sort());
  });

  it("publishes one Batch.Completed whose counts add up to the terminal events", () => {
    const completions = events.filter((event) => event["detail-type"] === BatchCompleted.detailType);
    expect(completions).toHaveLength(1);
    const summary = parseDetail(BatchCompleted, completions[0]?.detail);
    const byRun = terminalsByRun(events);
    const tally = { completed: 0, incomplete: 0, failed: 0 } as Record<string, number>;
    for (const [terminal] of byRun.values()) {
      const outcome = outcomeOf[terminal?.["detail-type"] ?? ""] ?? "unknown";
      tally[outcome] = (tally[outcome] ?? 0) + 1;
    }
    expect(summary.batchId).toBe(report.batchId);
    expect(summary.total).toBe(cases.length);
    expect(summary.completed + summary.incomplete + summary.failed).toBe(summary.total);
    expect({ completed: summary.completed, incomplete: summary.incomplete, failed: summary.failed }).toEqual(
      tally,
    );
  });

  it("fails the ambiguous-name and unknown-ticker requests with a reason", () => {
    const byRun = terminalsByRun(events);
    const failing = cases
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry }) => entry.expect === "failed");
    expect(failing.map(({ entry }) => entry.key)).toEqual(["ambiguous:northwind", "unknown:qzxq"]);
    for (const { index } of failing) {
      const [terminal] = byRun.get(batchRunId(report.batchId, index)) ?? [];
      expect(terminal?.["detail-type"]).toBe("Extraction.Failed");
      expect(String(terminal?.detail.reason)).not.toBe("");
    }
  });

  it("ends the requests the data set expects incomplete (private company, broken site) with a profile", () => {
    const byRun = terminalsByRun(events);
    const incomplete = cases
      .map((entry, index) => ({ entry, terminal: byRun.get(batchRunId(report.batchId, index))?.[0] }))
      .filter(({ entry }) => entry.expect === "incomplete");
    expect(incomplete.length).toBeGreaterThan(0);
    for (const { entry, terminal } of incomplete) {
      expect({ key: entry.key, type: terminal?.["detail-type"] }).toEqual({
        key: entry.key,
        type: "Profile.Incomplete",
      });
      expect(String(terminal?.detail.profileKey)).toMatch(/^profiles\/.+\/profile\.json$/);
    }
  });

  it("ends every request exactly as the data set expects: 26 completed, 2 incomplete, 2 failed", () => {
    const byRun = terminalsByRun(events);
    const got = cases.map((entry, index) => {
      const [terminal] = byRun.get(batchRunId(report.batchId, index)) ?? [];
      return { entry, terminal, outcome: outcomeOf[terminal?.["detail-type"] ?? ""] ?? "none" };
    });
    const unmet = got
      .filter(({ entry, outcome }) => outcome !== entry.expect)
      .map(
        ({ entry, terminal, outcome }) =>
          `${entry.key} expected ${entry.expect} (${entry.reason}), got ${outcome}: ${JSON.stringify(terminal?.detail.missing ?? terminal?.detail.reason)}`,
      );
    expect(unmet).toEqual([]);
    const tally = { completed: 0, incomplete: 0, failed: 0 } as Record<string, number>;
    for (const { outcome } of got) tally[outcome] = (tally[outcome] ?? 0) + 1;
    expect(tally).toEqual({ completed: 26, incomplete: 2, failed: 2 });
  });

  it("writes a profile with SEC financials for a completed registrant", async () => {
    const index = cases.findIndex((entry) => entry.key === "brightwater-analytics");
    const [terminal] = terminalsByRun(events).get(batchRunId(report.batchId, index)) ?? [];
    const profile = await readProfileObject<{ financials: unknown[]; executives: { name: string }[] }>(
      String(terminal?.detail.profileKey),
    );
    expect(profile.financials.length).toBeGreaterThan(0);
    expect(profile.executives.map((executive) => executive.name)).toContain("Maria Okafor");
  });

  it("leaves latest.json with the run's merged profile and the outcome of each of its parts", async () => {
    const index = cases.findIndex((entry) => entry.key === "brightwater-analytics");
    const [terminal] = terminalsByRun(events).get(batchRunId(report.batchId, index)) ?? [];
    const latest = await readProfileObject<{
      profile: { runId: string; executives: { name: string }[] };
      parts: Record<string, { runId: string; status: string; missing: string[]; s3Key: string }>;
    }>(String(terminal?.detail.latestKey));
    expect(latest.profile.runId).toBe(terminal?.detail.runId);
    expect(latest.profile.executives.map((executive) => executive.name)).toContain("Maria Okafor");
    expect(Object.keys(latest.parts).sort()).toEqual(["leadership", "sec"]);
    for (const part of Object.values(latest.parts)) {
      expect(part).toMatchObject({ runId: terminal?.detail.runId, status: "succeeded" });
      expect(Array.isArray(part.missing)).toBe(true);
      // The merged part keeps a reference to its own document, whose data is in the profile now.
      expect(part.s3Key).toMatch(
        new RegExp(`/runs/${String(terminal?.detail.runId)}/(sec|leadership)\\.json$`),
      );
    }
  });
});
