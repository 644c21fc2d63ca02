import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { ExtractionRequested, Sources, toPutEventsEntry } from "@dossier/events";
import type { LocalRuntime } from "@dossier/local/runtime";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  corpusDir,
  describeOnSharedCorpus,
  type EdgarFixtureServer,
  startEdgarFixtureServer,
} from "../shared-corpus";
import { recordEvents } from "../support";
import { startEdgarRuntime, terminalsByRun } from "./harness";

describeOnSharedCorpus("an SEC outage that outlasts one delivery but not its retries", () => {
  let edgar: EdgarFixtureServer;
  let runtime: LocalRuntime;
  let events: ReturnType<typeof recordEvents>;

  beforeAll(async () => {
    // Every request of the first delivery (and its in-delivery retries) gets a 503; then EDGAR is back.
    edgar = await startEdgarFixtureServer({
      corpusDir: corpusDir,
      failures: [{ match: /^\/submissions\//, status: 503, times: 4, headers: { "retry-after": "0" } }],
    });
    runtime = await startEdgarRuntime(edgar);
    events = recordEvents(runtime);
  });

  afterAll(async () => {
    await runtime?.stop();
    await edgar?.close();
  });

  it("retries the delivery and ends the run with the data, not as failed", async () => {
    const runId = "run_outage_0001";
    const entry = toPutEventsEntry(
      ExtractionRequested,
      { runId, company: { cik: "320193" }, parts: ["sec"], requestedAt: new Date().toISOString() },
      { source: Sources.requests, busName: "dossier" },
    );

    await new EventBridgeClient({}).send(new PutEventsCommand({ Entries: [entry] }));
    await runtime.drain();

    const outcomes = events.filter(
      (event) => event["detail-type"] === "Extraction.PartCompleted" && event.detail.runId === runId,
    );
    expect(outcomes.map((event) => event.detail.status)).toEqual(["succeeded"]);
    expect(
      terminalsByRun(events)
        .get(runId)
        ?.map((event) => event["detail-type"]),
    ).toEqual(["Profile.Incomplete"]);
    expect(edgar.requests.filter((request) => request.status === 503)).toHaveLength(4);
  });
});
