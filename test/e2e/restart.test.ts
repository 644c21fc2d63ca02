import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { batchRunId, newBatchId } from "@dossier/core/pipeline";
import { createStore } from "@dossier/core/store";
import { BatchCompleted, BatchRequested, Sources, toPutEventsEntry } from "@dossier/events";
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
import { recordEvents } from "../support";
import {
  demoEnvironment,
  isTerminal,
  runsWithoutExactlyOneTerminal,
  terminalsByRun,
  toCompanyRequest,
  waitForEvent,
} from "./harness";

const port = (url: string) => Number(new URL(url).port);
/** Terminal events seen before the first runtime is stopped: about a third of the batch. */
const stopAfterTerminals = 10;

describe("a batch interrupted by a runtime restart on the same home", () => {
  let home: string;
  let fixture: DemoFixtureServer;
  let cases: DemoRequestCase[];
  let batchId: string;
  let runtime: LocalRuntime | undefined;
  let firstLifetime: EventEnvelope[];
  let secondLifetime: EventEnvelope[];
  let archive: EventEnvelope[];
  let terminalsAtStop: number;

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), "dossier-restart-"));
    const dataset = generateDemoDataset();
    // A little website latency keeps the batch running long enough to be cut in the middle.
    fixture = await startDemoFixtureServer({ dataset, siteLatencyMs: 50 });
    cases = demoRequests(dataset, fixture.baseUrl);
    const options = {
      home,
      retryBaseDelayMs: 20,
      sweepIntervalMs: 0,
      extractorConcurrency: 4,
      // The sweep runs only once the bus is idle, when no healthy run can still be under way.
      environment: { ...demoEnvironment(fixture), DOSSIER_RUN_TIMEOUT_SECONDS: "2" },
    };
    const first = await startLocalRuntime(options);
    runtime = first;
    firstLifetime = recordEvents(first);
    batchId = newBatchId(new Date());
    const ofBatch = (event: EventEnvelope) => event.detail.batchId === batchId;
    let seen = 0;
    const enoughEnded = waitForEvent(
      first,
      (event) => ofBatch(event) && isTerminal(event) && ++seen >= stopAfterTerminals,
    );
    const entry = toPutEventsEntry(
      BatchRequested,
      {
        batchId,
        companies: cases.map((entry) => toCompanyRequest(entry.request)),
        parts: ["sec", "leadership"],
        requestedAt: new Date().toISOString(),
      },
      { source: Sources.requests, busName: LocalResourceNames.bus },
    );
    const published = await new EventBridgeClient({}).send(new PutEventsCommand({ Entries: [entry] }));
    expect(published.FailedEntryCount).toBe(0);
    await enoughEnded;
    await first.stop();
    terminalsAtStop = firstLifetime.filter((event) => ofBatch(event) && isTerminal(event)).length;

    const second = await startLocalRuntime({
      ...options,
      ports: {
        eventBridge: port(first.endpoints.eventBridge),
        dynamodb: port(first.endpoints.dynamodb),
        s3: port(first.endpoints.s3),
      },
    });
    runtime = second;
    secondLifetime = recordEvents(second);
    const batchCompleted = (event: EventEnvelope) =>
      event["detail-type"] === BatchCompleted.detailType && ofBatch(event);
    // Recovered deliveries are queued by the time the runtime starts: idle means the batch is done or stalled.
    await second.drain();
    if (!secondLifetime.some(batchCompleted)) {
      // The safety net for runs the restart left waiting: the sweep ends them.
      await second.sweep();
      await second.drain();
    }
    archive = await second.bus.listArchive();
  }, 170_000);

  afterAll(async () => {
    await runtime?.stop();
    await fixture?.close();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it("stopped the first runtime in the middle of the batch", () => {
    expect(terminalsAtStop).toBeGreaterThanOrEqual(stopAfterTerminals);
    expect(terminalsAtStop).toBeLessThan(cases.length);
    expect(firstLifetime.some((event) => event["detail-type"] === BatchCompleted.detailType)).toBe(false);
    expect(secondLifetime.filter(isTerminal).length).toBeGreaterThan(0);
  });

  it("ends every run with exactly one terminal event across both lifetimes, as the archive shows", async () => {
    const expectedRunIds = cases.map((_, index) => batchRunId(batchId, index));
    const ofBatch = archive.filter((event) => event.detail.batchId === batchId);
    const offenders = runsWithoutExactlyOneTerminal(terminalsByRun(ofBatch), expectedRunIds);
    // Name what the ledger says about each offender, so a failure tells lost events from stuck runs.
    const store = createStore({ client: new DynamoDBClient({}), table: LocalResourceNames.table });
    const explained: Record<string, string> = {};
    for (const [runId, count] of Object.entries(offenders)) {
      const run = await store.runs.get(runId);
      explained[runId] = `${count} terminal events; ledger status ${run?.status ?? "absent"}`;
    }
    expect(explained).toEqual({});
  });

  it("keeps the first lifetime's events in the archive after the restart", () => {
    const archived = new Set(archive.map((event) => event.id));
    expect(firstLifetime.filter((event) => !archived.has(event.id))).toEqual([]);
  });

  it("publishes Batch.Completed exactly once, with every run counted", () => {
    const completions = archive.filter(
      (event) => event["detail-type"] === BatchCompleted.detailType && event.detail.batchId === batchId,
    );
    expect(completions).toHaveLength(1);
    const summary = completions[0]?.detail as {
      total: number;
      completed: number;
      incomplete: number;
      failed: number;
    };
    expect(summary.total).toBe(cases.length);
    expect(summary.completed + summary.incomplete + summary.failed).toBe(cases.length);
  });
});
