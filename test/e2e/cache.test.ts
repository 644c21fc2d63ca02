import { randomUUID } from "node:crypto";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { batchRunId } from "@dossier/core/pipeline";
import { ExtractionRequested, Sources, toPutEventsEntry } from "@dossier/events";
import { runBatch } from "@dossier/local/batch";
import {
  type DemoFixtureServer,
  type DemoRequestCase,
  demoRequests,
  generateDemoDataset,
  startDemoFixtureServer,
} from "@dossier/local/demo";
import type { EventEnvelope } from "@dossier/local/eventbridge";
import { LocalResourceNames, type LocalRuntime, startLocalRuntime } from "@dossier/local/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoEnvironment, isTerminal, toCompanyRequest, waitForEvent } from "./harness";

const repeatCount = 20;

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

interface Repeat {
  key: string;
  first: EventEnvelope;
  repeat: EventEnvelope;
  latencyMs: number;
}

describe("repeat requests inside the cache TTL", () => {
  let fixture: DemoFixtureServer;
  let runtime: LocalRuntime;
  let repeats: Repeat[];
  let upstreamBeforeRepeats: number;
  let upstreamAfterRepeats: number;

  beforeAll(async () => {
    const dataset = generateDemoDataset();
    fixture = await startDemoFixtureServer({ dataset });
    runtime = await startLocalRuntime({
      retryBaseDelayMs: 20,
      sweepIntervalMs: 0,
      extractorConcurrency: 8,
      environment: { ...demoEnvironment(fixture), DOSSIER_CACHE_TTL_SECONDS: "3600" },
    });
    const cases: DemoRequestCase[] = demoRequests(dataset, fixture.baseUrl)
      .filter((entry) => entry.expect === "completed")
      .slice(0, repeatCount);
    const firstRuns = new Map<string, EventEnvelope>();
    const batch = await runBatch(
      runtime,
      cases.map((entry) => toCompanyRequest(entry.request)),
      { parts: ["sec", "leadership"], force: false, timeoutMs: 90_000 },
    );
    await runtime.drain();
    const terminals = new Map<string, EventEnvelope>();
    runtime.onEvent((event) => {
      if (isTerminal(event)) terminals.set(String(event.detail.runId), event);
    });
    // The batch's terminal events were seen before this listener: read them back from the archive.
    for (const event of await runtime.bus.listArchive()) {
      if (isTerminal(event)) terminals.set(String(event.detail.runId), event);
    }
    for (const [index, entry] of cases.entries()) {
      const first = terminals.get(batchRunId(batch.batchId, index));
      if (first) firstRuns.set(entry.key, first);
    }

    const client = new EventBridgeClient({});
    upstreamBeforeRepeats = fixture.requestLog.length;
    repeats = [];
    // One at a time, so each latency is the pipeline's own and not a queue's.
    for (const entry of cases) {
      const runId = `run_${randomUUID().replace(/-/g, "")}`;
      // The profile id the batch resolved the company to, as the CLI sends it: a repeat names the
      // same company, so its cached parts are that company's documents.
      const companyId = String(firstRuns.get(entry.key)?.detail.companyId);
      const ended = waitForEvent(runtime, (event) => isTerminal(event) && event.detail.runId === runId);
      const started = performance.now();
      await client.send(
        new PutEventsCommand({
          Entries: [
            toPutEventsEntry(
              ExtractionRequested,
              {
                runId,
                company: toCompanyRequest(entry.request),
                companyId,
                requestedAt: new Date().toISOString(),
              },
              { source: Sources.requests, busName: LocalResourceNames.bus },
            ),
          ],
        }),
      );
      const repeat = await ended.catch(async (error: Error) => {
        const seen = (await runtime.bus.listArchive()).filter((event) => event.detail.runId === runId);
        throw new Error(
          `${entry.key}: ${error.message}; events of run ${runId}: ${JSON.stringify(seen.map((event) => [event["detail-type"], event.detail]))}; bus ${JSON.stringify(runtime.bus.stats())}`,
        );
      });
      const latencyMs = performance.now() - started;
      const first = firstRuns.get(entry.key);
      if (first) repeats.push({ key: entry.key, first, repeat, latencyMs });
      await runtime.drain();
    }
    upstreamAfterRepeats = fixture.requestLog.length;
    const latencies = repeats.map((repeat) => repeat.latencyMs);
    console.info(
      `cached repeat latency over ${latencies.length} companies (PutEvents → terminal): p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms`,
    );
  }, 170_000);

  afterAll(async () => {
    await runtime?.stop();
    await fixture?.close();
  });

  it("repeats all 20 companies whose first run ended", () => {
    expect(repeats).toHaveLength(repeatCount);
    expect(repeats.every(({ first }) => first.detail.cached === false)).toBe(true);
  });

  it("ends each repeat the way its first run ended, from the cache of both parts", () => {
    for (const { key, first, repeat } of repeats) {
      expect({ key, type: repeat["detail-type"] }).toEqual({ key, type: first["detail-type"] });
      expect({ key, cached: repeat.detail.cached }).toEqual({ key, cached: true });
      expect(repeat.detail.completeness).toBe(first.detail.completeness);
    }
    const completed = repeats.filter(({ repeat }) => repeat["detail-type"] === "Profile.Completed");
    expect(completed.length).toBeGreaterThan(repeatCount / 2);
  });

  it("sends no request to EDGAR or the websites for the repeats", () => {
    expect(upstreamAfterRepeats).toBeGreaterThan(0);
    expect(fixture.requestLog.slice(upstreamBeforeRepeats)).toEqual([]);
    expect(upstreamAfterRepeats).toBe(upstreamBeforeRepeats);
  });

  // The benchmark holds the 50 ms target on a quiet machine; this bound only has to tell a cache hit
  // from an extraction (seconds), also on a shared, loaded test machine.
  it("answers a cached repeat within 400 ms at the median", () => {
    expect(
      percentile(
        repeats.map((repeat) => repeat.latencyMs),
        0.5,
      ),
    ).toBeLessThanOrEqual(400);
  });
});
