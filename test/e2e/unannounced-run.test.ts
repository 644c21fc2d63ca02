import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { createStore, type Store } from "@dossier/core/store";
import {
  ExtractionRequested,
  ProfileIncomplete,
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
import { isTerminal, startEdgarRuntime, terminalsByRun, waitForEvent } from "./harness";

describeOnSharedCorpus("the sweep and runs whose terminal event never went out", () => {
  let edgar: EdgarFixtureServer;
  let runtime: LocalRuntime;
  let events: ReturnType<typeof recordEvents>;
  let store: Store;

  beforeAll(async () => {
    edgar = await startEdgarFixtureServer({ corpusDir: corpusDir });
    // Every run is past its deadline a second after its request, and an ended run whose event is
    // not recorded as out is the sweep's at once: the sweep sees everything this test makes.
    runtime = await startEdgarRuntime(edgar, {
      DOSSIER_RUN_TIMEOUT_SECONDS: "1",
      DOSSIER_ANNOUNCE_GRACE_SECONDS: "0",
    });
    events = recordEvents(runtime);
    store = createStore({ client: new DynamoDBClient({}), table: LocalResourceNames.table });
  });

  afterAll(async () => {
    await runtime?.stop();
    await edgar?.close();
  });

  it("publishes, once, the terminal event a merge claimed and then died before sending", async () => {
    const runId = "run_claimed_unsent_0001";
    const requestedAt = Date.now() - 5_000;
    // What a merge that crashed between its claim and its PutEvents leaves in the ledger.
    const detail = parseDetail(ProfileIncomplete, {
      runId,
      companyId: "cik-0000320193",
      completeness: 60,
      missing: ["leadership: failed"],
      cached: false,
      durationMs: 900,
      profileKey: `profiles/cik-0000320193/runs/${runId}/profile.json`,
      latestKey: "profiles/cik-0000320193/latest.json",
      parts: { sec: "succeeded", leadership: "failed" },
    });
    await store.runs.create({
      runId,
      companyId: "cik-0000320193",
      company: { cik: "0000320193" },
      partsExpected: ["sec", "leadership"],
      requestedAt,
      deadlineAt: requestedAt + 1_000,
    });
    const claim = await store.runs.claimTerminal(runId, ProfileIncomplete.detailType, {
      status: "incomplete",
      completedAt: requestedAt + 900,
      durationMs: 900,
      terminalDetail: JSON.stringify(detail),
    });
    expect(claim.claimed).toBe(true);

    await runtime.sweep();
    await runtime.drain();
    await runtime.sweep();
    await runtime.drain();

    const terminals = terminalsByRun(events).get(runId) ?? [];
    expect(terminals).toHaveLength(1);
    expect(terminals[0]).toMatchObject({
      "detail-type": ProfileIncomplete.detailType,
      source: Sources.ledger,
    });
    expect(terminals[0]?.detail).toEqual(detail);
  });

  it("leaves alone a run whose terminal event went out through ProgressiveMerge", async () => {
    const runId = "run_announced_0001";
    const entry = toPutEventsEntry(
      ExtractionRequested,
      { runId, company: { cik: "0000320193" }, parts: ["sec"], requestedAt: new Date().toISOString() },
      { source: Sources.requests, busName: LocalResourceNames.bus },
    );
    const ended = waitForEvent(runtime, (event) => isTerminal(event) && event.detail.runId === runId, 30_000);
    expect(
      (await new EventBridgeClient({}).send(new PutEventsCommand({ Entries: [entry] }))).FailedEntryCount,
    ).toBe(0);
    expect((await ended).source).toBe(Sources.merge);
    await runtime.drain();
    const run = await store.runs.get(runId);
    expect(run?.sweepStatus).toBe("settled");
    // Past the deadline, the sweep must find nothing to do for it.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, (run?.deadlineAt ?? 0) - Date.now() + 50)),
    );

    await runtime.sweep();
    await runtime.drain();

    expect(terminalsByRun(events).get(runId)).toHaveLength(1);
  });
});
