import type { PartOutcome, RunEntity, RunItem, RunPart, TerminalRunStatus } from "./entities/run";
import { ForeignPartError, RunNotFoundError, UnexpectedPartError } from "./errors";

export interface NewRun {
  runId: string;
  companyId: string;
  company: RunItem["company"];
  partsExpected: RunPart[];
  force?: boolean;
  batchId?: string;
  /** The EventBridge id of the request, when the run is opened from one. */
  requestEventId?: string;
  /** Epoch ms. */
  requestedAt: number;
  /** Epoch ms after which the sweep may end the run. */
  deadlineAt: number;
}

export interface TerminalSummary {
  status: TerminalRunStatus;
  /** Epoch ms. */
  completedAt: number;
  durationMs?: number;
  completeness?: number;
  cached?: boolean;
  /** The terminal event's detail (JSON), kept for the sweep to publish if it never goes out. */
  terminalDetail?: string;
}

export type RecordPartResult = { duplicate: false; run: RunItem } | { duplicate: true; run: RunItem };
export type ClaimTerminalResult = { claimed: boolean; run: RunItem };

/** The run ledger's operations; every write that races is one conditional UpdateItem. */
export interface RunLedger {
  /** Creates the run unless it exists; `created: false` means a redelivered request. */
  create(run: NewRun): Promise<{ created: boolean; run: RunItem }>;
  get(runId: string): Promise<RunItem | undefined>;
  /**
   * Sets `parts.<part>` only if no outcome is recorded yet and the run is `companyId`'s, and
   * returns the whole run as written; a second delivery of the same outcome comes back as
   * `duplicate: true`. A part for another company's run throws ForeignPartError.
   */
  recordPart(
    runId: string,
    part: RunPart,
    outcome: PartOutcome,
    companyId: string,
  ): Promise<RecordPartResult>;
  /**
   * Moves the run from running to a terminal status; exactly one concurrent caller gets
   * `claimed: true`. A caller that has just read the run passes it to save a read.
   */
  claimTerminal(
    runId: string,
    terminalType: string,
    summary: TerminalSummary,
    knownRun?: RunItem,
  ): Promise<ClaimTerminalResult>;
  /**
   * Counts one more delivery of a part that failed with a retryable error and returns how many
   * have failed so far.
   */
  countRetryableFailure(runId: string, part: RunPart): Promise<number>;
  /** Records that the run's terminal event went out: the sweep leaves the run alone from now on. */
  markAnnounced(runId: string, deadlineAt: number): Promise<void>;
  /**
   * Runs past their deadline (epoch ms, at or before `now`) that are still running or whose
   * terminal event is not known to have gone out; oldest deadline first.
   */
  dueForSweep(now: number, limit?: number): Promise<RunItem[]>;
  /** Every run of a batch. */
  ofBatch(batchId: string): Promise<RunItem[]>;
}

export function createRunLedger(run: RunEntity): RunLedger {
  const get = async (runId: string) => (await run.get({ runId }).go({ consistent: true })).data ?? undefined;
  const mustGet = async (runId: string) => {
    const item = await get(runId);
    if (!item) throw new RunNotFoundError(runId);
    return item;
  };

  return {
    async create(input) {
      const created = await run
        .create({
          ...input,
          force: input.force ?? false,
          status: "running",
          sweepStatus: "pending",
          parts: {},
          retries: {},
          version: 1,
        })
        .go({ returnOnConditionCheckFailure: true });
      if (created.rejected) return { created: false, run: await mustGet(input.runId) };
      return { created: true, run: created.data };
    },

    get,

    async recordPart(runId, part, outcome, companyId) {
      const result = await run
        .patch({ runId })
        .data(({ parts }, { set }) => set(parts[part], outcome))
        .add({ version: 1 })
        .where(
          (attributes, { notExists, contains, eq }) =>
            `${notExists(attributes.parts[part])} AND ${contains(attributes.partsExpected, part)} AND ${eq(attributes.companyId, companyId)}`,
        )
        .go({ response: "all_new", returnOnConditionCheckFailure: true });
      if (!result.rejected) return { duplicate: false, run: result.data as RunItem };
      // The condition failed: find out which part of it, so the caller can act.
      const current = await mustGet(runId);
      if (current.companyId !== companyId)
        throw new ForeignPartError(runId, part, companyId, current.companyId);
      if (!current.partsExpected.includes(part))
        throw new UnexpectedPartError(runId, part, current.partsExpected);
      return { duplicate: true, run: current };
    },

    async claimTerminal(runId, terminalType, summary, knownRun) {
      const current = knownRun ?? (await mustGet(runId));
      if (current.status !== "running") return { claimed: false, run: current };
      const result = await run
        .patch({ runId })
        .set({ ...summary, terminalType })
        .add({ version: 1 })
        .where(({ status }, { eq }) => eq(status, "running"))
        .go({ response: "all_new", returnOnConditionCheckFailure: true });
      if (!result.rejected) return { claimed: true, run: result.data as RunItem };
      return { claimed: false, run: await mustGet(runId) };
    },

    async countRetryableFailure(runId, part) {
      const result = await run
        .patch({ runId })
        .data(({ retries }, { add }) => add(retries[part], 1))
        .go({ response: "all_new" });
      return (result.data as RunItem).retries?.[part] ?? 1;
    },

    async markAnnounced(runId, deadlineAt) {
      // deadlineAt is read-only and part of the sweep index key, so ElectroDB needs it to rewrite gsi1.
      await run
        .patch({ runId })
        .composite({ deadlineAt })
        .set({ sweepStatus: "settled" })
        .add({ version: 1 })
        .go({ response: "none" });
    },

    async dueForSweep(now, limit = 100) {
      const { data } = await run.query
        .bySweepStatusAndDeadline({ sweepStatus: "pending" })
        .lte({ deadlineAt: now })
        .go({ limit });
      return data;
    },

    async ofBatch(batchId) {
      const { data } = await run.query.byBatch({ batchId }).go({ pages: "all" });
      return data;
    },
  };
}
