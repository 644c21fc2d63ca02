import { startLocalStore } from "@dossier/local/dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { ForeignPartError, RunNotFoundError, UnexpectedPartError } from "./errors";
import type { NewRun } from "./run-ledger";

const { table, store } = await startLocalStore();
afterAll(() => table.close());

let sequence = 0;
function newRun(overrides: Partial<NewRun> = {}): NewRun {
  sequence += 1;
  return {
    runId: `run-${sequence}-${Date.now()}`,
    companyId: "cik-0000320193",
    company: { ticker: "AAPL", cik: "320193" },
    partsExpected: ["sec", "leadership"],
    requestedAt: 1_700_000_000_000,
    deadlineAt: 1_700_000_300_000,
    ...overrides,
  };
}

describe("run ledger", () => {
  it("creates a run once and reports a redelivered request as not created", async () => {
    const run = newRun({ batchId: "batch-create" });

    const first = await store.runs.create(run);
    const second = await store.runs.create({ ...run, deadlineAt: 1 });

    expect(first).toMatchObject({ created: true, run: { status: "running", version: 1, parts: {} } });
    expect(second.created).toBe(false);
    expect(second.run.deadlineAt).toBe(run.deadlineAt);
  });

  it("records a part once and detects the duplicate delivery", async () => {
    const run = newRun();
    await store.runs.create(run);
    const outcome = { status: "succeeded" as const, s3Key: "profiles/x/runs/1/sec.json", completeness: 80 };

    const first = await store.runs.recordPart(run.runId, "sec", outcome, run.companyId);
    const duplicate = await store.runs.recordPart(
      run.runId,
      "sec",
      { ...outcome, completeness: 10 },
      run.companyId,
    );

    expect(first.duplicate).toBe(false);
    expect(first.run.parts.sec).toMatchObject(outcome);
    expect(first.run.version).toBe(2);
    expect(duplicate.duplicate).toBe(true);
    expect(duplicate.run.parts.sec?.completeness).toBe(80);
    expect(duplicate.run.version).toBe(2);
  });

  it("returns the run with every part seen so far from the write that adds a part", async () => {
    const run = newRun();
    await store.runs.create(run);

    await store.runs.recordPart(
      run.runId,
      "leadership",
      { status: "failed", reason: "robots.txt disallows" },
      run.companyId,
    );
    const second = await store.runs.recordPart(
      run.runId,
      "sec",
      { status: "succeeded", s3Key: "k" },
      run.companyId,
    );

    expect(Object.keys(second.run.parts).sort()).toEqual(["leadership", "sec"]);
    expect(second.run.version).toBe(3);
  });

  it("lets exactly one of 20 concurrent deliveries of the same part record it", async () => {
    const run = newRun();
    await store.runs.create(run);

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        store.runs.recordPart(run.runId, "sec", { status: "succeeded", s3Key: `k-${index}` }, run.companyId),
      ),
    );

    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
  });

  it("refuses a part the run did not expect", async () => {
    const run = newRun({ partsExpected: ["sec"] });
    await store.runs.create(run);

    await expect(
      store.runs.recordPart(run.runId, "leadership", { status: "skipped" }, run.companyId),
    ).rejects.toBeInstanceOf(UnexpectedPartError);
  });

  it("refuses a part for another company's run and leaves the run as it was", async () => {
    const run = newRun();
    await store.runs.create(run);

    await expect(
      store.runs.recordPart(run.runId, "sec", { status: "succeeded", s3Key: "k" }, "cik-0001045810"),
    ).rejects.toBeInstanceOf(ForeignPartError);
    expect((await store.runs.get(run.runId))?.parts).toEqual({});
  });

  it("counts the retryable failures of each part separately", async () => {
    const run = newRun();
    await store.runs.create(run);

    const counts = [
      await store.runs.countRetryableFailure(run.runId, "sec"),
      await store.runs.countRetryableFailure(run.runId, "sec"),
      await store.runs.countRetryableFailure(run.runId, "leadership"),
      await store.runs.countRetryableFailure(run.runId, "sec"),
    ];

    expect(counts).toEqual([1, 2, 1, 3]);
  });

  it("refuses to record a part of a run that does not exist", async () => {
    await expect(
      store.runs.recordPart("run-missing", "sec", { status: "skipped" }, "x"),
    ).rejects.toBeInstanceOf(RunNotFoundError);
  });

  it("gives the terminal claim to exactly one of 20 concurrent callers", async () => {
    const run = newRun();
    await store.runs.create(run);

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        store.runs.claimTerminal(run.runId, index % 2 ? "Profile.Completed" : "Profile.Incomplete", {
          status: index % 2 ? "completed" : "incomplete",
          completedAt: 1_700_000_010_000 + index,
        }),
      ),
    );

    const winners = results.filter((result) => result.claimed);
    expect(winners).toHaveLength(1);
    const stored = await store.runs.get(run.runId);
    expect(stored?.terminalType).toBe(winners[0]?.run.terminalType);
    expect(stored?.completedAt).toBe(winners[0]?.run.completedAt);
    expect(stored?.version).toBe(2);
  });

  it("lists runs past their deadline until their end is announced", async () => {
    const overdue = newRun({ deadlineAt: 1_000_000_000_000 });
    const later = newRun({ deadlineAt: 9_000_000_000_000 });
    const endedSilently = newRun({ deadlineAt: 1_000_000_000_500 });
    const announced = newRun({ deadlineAt: 1_000_000_000_700 });
    await Promise.all([overdue, later, endedSilently, announced].map((run) => store.runs.create(run)));
    for (const run of [endedSilently, announced]) {
      await store.runs.claimTerminal(run.runId, "Extraction.Failed", {
        status: "failed",
        completedAt: 1,
        terminalDetail: JSON.stringify({ runId: run.runId }),
      });
    }
    await store.runs.markAnnounced(announced.runId, announced.deadlineAt);

    const due = await store.runs.dueForSweep(2_000_000_000_000);

    const ids = due.map((run) => run.runId);
    expect(ids).toContain(overdue.runId);
    expect(ids).toContain(endedSilently.runId);
    expect(ids).not.toContain(later.runId);
    expect(ids).not.toContain(announced.runId);
    const silent = due.find((run) => run.runId === endedSilently.runId);
    expect(silent).toMatchObject({ status: "failed", terminalType: "Extraction.Failed" });
    expect(JSON.parse(silent?.terminalDetail ?? "{}")).toEqual({ runId: endedSilently.runId });
  });

  it("compares deadlines by number, not by digit count", async () => {
    const soon = newRun({ deadlineAt: 999 });
    await store.runs.create(soon);

    const due = await store.runs.dueForSweep(1_000);

    expect(due.map((run) => run.runId)).toContain(soon.runId);
  });

  it("lists the runs of a batch", async () => {
    const batchId = `batch-${Date.now()}`;
    const runs = [newRun({ batchId }), newRun({ batchId }), newRun()];
    await Promise.all(runs.map((run) => store.runs.create(run)));

    const ofBatch = await store.runs.ofBatch(batchId);

    expect(ofBatch.map((run) => run.runId).sort()).toEqual([runs[0]?.runId, runs[1]?.runId].sort());
  });
});
