import { LocalResourceNames, type LocalRuntime, startLocalRuntime } from "@dossier/local/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localSources } from "../sources";
import { allRuns, ledgerActivity, listRuns } from "./runs";

describe("listing runs from the ledger's indexes", () => {
  let runtime: LocalRuntime;
  let sources: ReturnType<typeof localSources>;
  const base = Date.parse("2026-12-01T10:00:00Z");
  const now = base + 10 * 60_000;

  beforeAll(async () => {
    runtime = await startLocalRuntime({ sweepIntervalMs: 0 });
    sources = localSources(runtime.environment, { target: "test" });
    // Six runs a minute apart: the first three ended and announced (settled), the rest running.
    for (let index = 0; index < 6; index++) {
      const requestedAt = base + index * 60_000;
      const runId = `run_${index}`;
      const deadlineAt = requestedAt + 300_000;
      await sources.store.runs.create({
        runId,
        companyId: `cik-000000000${index}`,
        company: { name: index % 2 ? "Odd Holdings" : "Even Industries", cik: `${index}` },
        partsExpected: ["sec"],
        ...(index < 2 ? { batchId: "batch_a" } : {}),
        requestedAt,
        deadlineAt,
      });
      if (index >= 3) continue;
      await sources.store.runs.claimTerminal(runId, "Profile.Completed", {
        status: index === 0 ? "incomplete" : "completed",
        completedAt: requestedAt + 5000,
      });
      await sources.store.runs.markAnnounced(runId, deadlineAt);
    }
  }, 60_000);

  afterAll(async () => {
    await runtime?.stop();
  });

  it("reads the newest runs first and says when there are more", async () => {
    const { runs, more } = await listRuns(sources.store, {}, now, 4);
    expect(runs.map((run) => run.runId)).toEqual(["run_5", "run_4", "run_3", "run_2"]);
    expect(more).toBe(true);
  });

  it("filters by status, batch, company and time, in both sweep partitions", async () => {
    const completed = await listRuns(sources.store, { status: "completed" }, now, 10);
    const ofBatch = await listRuns(sources.store, { batch: "batch_a" }, now, 10);
    const odd = await listRuns(sources.store, { company: "odd" }, now, 10);
    const recent = await listRuns(sources.store, { sinceMinutes: 7 }, now, 10);

    expect(completed.runs.map((run) => run.runId)).toEqual(["run_2", "run_1"]);
    expect(ofBatch.runs.map((run) => run.runId)).toEqual(["run_1", "run_0"]);
    expect(odd.runs.map((run) => run.runId)).toEqual(["run_5", "run_3", "run_1"]);
    expect(recent.runs.map((run) => run.runId)).toEqual(["run_5", "run_4", "run_3"]);
    expect([completed.more, ofBatch.more, odd.more, recent.more]).toEqual([false, false, false, false]);
  });

  it("reads every run for the company index, and the pending ones for live updates", async () => {
    expect((await allRuns(sources.store)).map((run) => run.runId).sort()).toEqual([
      "run_0",
      "run_1",
      "run_2",
      "run_3",
      "run_4",
      "run_5",
    ]);
    const watched = (await ledgerActivity(sources.store)).map((run) => `${run.runId}:${run.sweepStatus}`);
    expect(watched.sort()).toEqual([
      "run_0:settled",
      "run_1:settled",
      "run_2:settled",
      "run_3:pending",
      "run_4:pending",
      "run_5:pending",
    ]);
  });

  it("reads the table and bucket the runtime names", () => {
    expect(sources.store.table).toBe(LocalResourceNames.table);
    expect(sources.objects.bucket).toBe(LocalResourceNames.bucket);
  });
});
