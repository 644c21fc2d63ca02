import { batchRunId } from "@dossier/core/pipeline";
import { runBatch } from "@dossier/local/batch";
import {
  type DemoFixtureServer,
  type DemoRequestCase,
  demoRequests,
  generateDemoDataset,
  startDemoFixtureServer,
} from "@dossier/local/demo";
import type { EventEnvelope } from "@dossier/local/eventbridge";
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from "@dossier/local/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordEvents } from "../support";
import {
  demoEnvironment,
  profileContent,
  readProfileObject,
  runsWithoutExactlyOneTerminal,
  terminalsByRun,
  toCompanyRequest,
} from "./harness";

interface BatchLifetime {
  events: EventEnvelope[];
  batchId: string;
  /** Timing-free profile content by demo case key; undefined for runs that ended without a profile. */
  profiles: Map<string, ReturnType<typeof profileContent> | undefined>;
  outcomes: Map<string, string>;
  secDataRequests: number;
  siteRequests: number;
}

const port = (url: string) => Number(new URL(url).port);

/**
 * Runs the demo batch on a fresh in-memory runtime. Handlers keep SDK clients bound to the first
 * endpoints they saw, so a second lifetime in this process reuses the first one's ports.
 */
async function runLifetime(
  fixture: DemoFixtureServer,
  cases: DemoRequestCase[],
  options: Pick<LocalRuntimeOptions, "deliveriesPerEvent" | "ports">,
): Promise<{ runtime: LocalRuntime; lifetime: BatchLifetime }> {
  const runtime = await startLocalRuntime({
    ...options,
    retryBaseDelayMs: 20,
    sweepIntervalMs: 0,
    extractorConcurrency: 8,
    environment: demoEnvironment(fixture),
  });
  const events = recordEvents(runtime);
  const before = fixture.counts();
  const started = Date.now();
  const report = await runBatch(
    runtime,
    cases.map((entry) => toCompanyRequest(entry.request)),
    { parts: ["sec", "leadership"], force: false, timeoutMs: 180_000 },
  );
  await runtime.drain();
  console.info(
    `demo batch with ${options.deliveriesPerEvent ?? 1} deliveries per event: drained after ${Date.now() - started} ms`,
  );
  const after = fixture.counts();
  const byRun = terminalsByRun(events);
  const profiles: BatchLifetime["profiles"] = new Map();
  const outcomes = new Map<string, string>();
  for (const [index, entry] of cases.entries()) {
    const [terminal] = byRun.get(batchRunId(report.batchId, index)) ?? [];
    outcomes.set(entry.key, terminal?.["detail-type"] ?? "none");
    const key = terminal?.detail.profileKey;
    profiles.set(
      entry.key,
      typeof key === "string" ? profileContent(await readProfileObject(key)) : undefined,
    );
  }
  return {
    runtime,
    lifetime: {
      events,
      batchId: report.batchId,
      profiles,
      outcomes,
      secDataRequests: after.secData - before.secData,
      siteRequests: after.sites - before.sites,
    },
  };
}

describe("the demo batch with every event delivered twice, concurrently", () => {
  let fixture: DemoFixtureServer;
  let cases: DemoRequestCase[];
  let single: BatchLifetime;
  let doubled: BatchLifetime;
  let runtime: LocalRuntime | undefined;

  // A duplicate that finds its twin in progress is retried with growing backoff, so on a loaded
  // machine the doubled batch can take a few times longer than the single one.
  beforeAll(async () => {
    const dataset = generateDemoDataset();
    fixture = await startDemoFixtureServer({ dataset });
    cases = demoRequests(dataset, fixture.baseUrl);
    const first = await runLifetime(fixture, cases, { deliveriesPerEvent: 1 });
    single = first.lifetime;
    const { endpoints } = first.runtime;
    await first.runtime.stop();
    const second = await runLifetime(fixture, cases, {
      deliveriesPerEvent: 2,
      ports: {
        eventBridge: port(endpoints.eventBridge),
        dynamodb: port(endpoints.dynamodb),
        s3: port(endpoints.s3),
      },
    });
    runtime = second.runtime;
    doubled = second.lifetime;
  }, 280_000);

  afterAll(async () => {
    await runtime?.stop();
    await fixture?.close();
  });

  it("still ends every run in exactly one terminal event", () => {
    const expectedRunIds = cases.map((_, index) => batchRunId(doubled.batchId, index));
    expect(runsWithoutExactlyOneTerminal(terminalsByRun(doubled.events), expectedRunIds)).toEqual({});
  });

  it("publishes Batch.Completed once, counting each run once", () => {
    const completions = doubled.events.filter((event) => event["detail-type"] === "Batch.Completed");
    expect(completions).toHaveLength(1);
    expect(completions[0]?.detail.total).toBe(cases.length);
  });

  it("ends each company the same way as with single delivery", () => {
    expect(Object.fromEntries(doubled.outcomes)).toEqual(Object.fromEntries(single.outcomes));
  });

  it("merges the same profile content as with single delivery", () => {
    const differing = cases
      .map((entry) => entry.key)
      .filter(
        (key) => JSON.stringify(doubled.profiles.get(key)) !== JSON.stringify(single.profiles.get(key)),
      );
    expect(differing).toEqual([]);
    expect([...doubled.profiles.values()].filter(Boolean)).toHaveLength(cases.length - 2);
  });

  it("extracts each part once: no more upstream SEC data requests than with single delivery", () => {
    expect(doubled.secDataRequests).toBeGreaterThan(0);
    expect(doubled.secDataRequests).toBe(single.secDataRequests);
  });
});
