import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { createStore } from "@dossier/core/store";
import {
  ExtractionFailed,
  ExtractionRequested,
  parseDetail,
  Sources,
  toPutEventsEntry,
} from "@dossier/events";
import { LocalResourceNames, type LocalRuntime } from "@dossier/local/runtime";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  corpusDir,
  describeOnSharedCorpus,
  type EdgarFixtureServer,
  startEdgarFixtureServer,
} from "../shared-corpus";
import { recordEvents } from "../support";
import { startEdgarRuntime, terminalsByRun } from "./harness";

/** Polls `check` until it holds; for state that announces itself with no event (a ledger row, a log line). */
async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeOnSharedCorpus("a run whose SEC part never reports", () => {
  const runId = "run_stale_sec_0001";
  let edgar: EdgarFixtureServer;
  let runtime: LocalRuntime;
  let events: ReturnType<typeof recordEvents>;
  let edgarClosed = false;

  beforeAll(async () => {
    // EDGAR accepts the connection and then says nothing for far longer than the run may take.
    edgar = await startEdgarFixtureServer({
      corpusDir: corpusDir,
      failures: [{ match: /./, delayMs: 60_000 }],
    });
    runtime = await startEdgarRuntime(edgar, { DOSSIER_RUN_TIMEOUT_SECONDS: "1" });
    events = recordEvents(runtime);
  });

  afterAll(async () => {
    await runtime?.stop();
    if (!edgarClosed) await edgar?.close();
  });

  it("is ended through the merge as Extraction.Failed naming the silent part, once", async () => {
    // Requested two seconds ago, so its one-second deadline has passed without the test sleeping.
    const requestedAt = new Date(Date.now() - 2_000).toISOString();
    const entry = toPutEventsEntry(
      ExtractionRequested,
      { runId, company: { ticker: "AAPL" }, parts: ["sec"], requestedAt },
      { source: Sources.requests, busName: LocalResourceNames.bus },
    );
    const response = await new EventBridgeClient({}).send(new PutEventsCommand({ Entries: [entry] }));
    expect(response.FailedEntryCount).toBe(0);
    const store = createStore({ client: new DynamoDBClient({}), table: LocalResourceNames.table });
    await until(async () => (await store.runs.get(runId)) !== undefined, "the ledger to open the run");
    await until(() => edgar.requests.length > 0, "the SEC part to call EDGAR");

    await runtime.sweep();
    await until(() => terminalsByRun(events).has(runId), "the sweep's terminal event");

    const [terminal] = terminalsByRun(events).get(runId) ?? [];
    expect(terminal?.["detail-type"]).toBe(ExtractionFailed.detailType);
    const detail = parseDetail(ExtractionFailed, terminal?.detail);
    expect(detail.reason).toMatch(/^no part produced data \(sec: timed out after \d+ s waiting for sec\)$/);
    expect(detail.code).toBe("no-data");
    const reported = events.filter(
      (event) => event["detail-type"] === "Extraction.PartCompleted" && event.source === Sources.ledger,
    );
    expect(reported.map((event) => [event.detail.part, event.detail.status])).toEqual([["sec", "failed"]]);
    expect(detail.failedParts).toEqual(["sec"]);
    expect(edgar.requests.every((request) => request.status === 0)).toBe(true);
  });

  it("ignores the part when it finally reports after the run has ended", async () => {
    // Ending EDGAR's silence makes the SEC part fail and report; the run must not end twice.
    await edgar.close();
    edgarClosed = true;
    await runtime.drain();
    const late = events.filter(
      (event) =>
        event["detail-type"] === "Extraction.PartCompleted" &&
        event.detail.runId === runId &&
        event.source === Sources.sec,
    );
    expect(late.map((event) => event.detail.status)).toEqual(["failed"]);
    expect(terminalsByRun(events).get(runId)).toHaveLength(1);
    expect(
      (await createStore({ client: new DynamoDBClient({}), table: LocalResourceNames.table }).runs.get(runId))
        ?.status,
    ).toBe("failed");
  });
});
