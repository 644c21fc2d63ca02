import { Part, PartStatus } from "@dossier/events";
import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";

// The parts of a run come from the event contract, so the ledger cannot drift from it.
export const RUN_PARTS = Part.options;
export const PART_STATUSES = PartStatus.options;
export const RUN_STATUSES = ["running", "completed", "incomplete", "failed"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type TerminalRunStatus = Exclude<RunStatus, "running">;
/**
 * `pending` until the run's terminal event is known to be out (announced), then `settled`. The
 * sweep looks at pending runs past their deadline: still running ones it ends, ended ones whose
 * event never went out it publishes.
 */
export const SWEEP_STATUSES = ["pending", "settled"] as const;

const partOutcome = {
  type: "map",
  properties: {
    status: { type: PART_STATUSES, required: true },
    s3Key: { type: "string" },
    completeness: { type: "number" },
    cached: { type: "boolean" },
    durationMs: { type: "number" },
    reason: { type: "string" },
  },
} as const;

/**
 * The ledger of one extraction request: which parts are expected, which have an outcome,
 * and whether the run has ended. Parts and the terminal status are only ever written by
 * conditional updates (see run-ledger.ts), so redelivered events cannot corrupt it.
 */
export const createRunEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "run", version: "1", service: "dossier" },
      attributes: {
        runId: { type: "string", required: true, readOnly: true },
        companyId: { type: "string", required: true, readOnly: true },
        company: {
          type: "map",
          required: true,
          readOnly: true,
          properties: {
            ticker: { type: "string" },
            cik: { type: "string" },
            name: { type: "string" },
            website: { type: "string" },
          },
        },
        partsExpected: { type: "set", required: true, readOnly: true, items: RUN_PARTS },
        parts: {
          type: "map",
          required: true,
          default: () => ({}),
          properties: { sec: partOutcome, leadership: partOutcome },
        },
        /** The EventBridge id of the request that opened the run: a redelivery carries the same id. */
        requestEventId: { type: "string", readOnly: true },
        /** Deliveries of each part that failed with a retryable error, so the last one can end the part. */
        retries: {
          type: "map",
          required: true,
          default: () => ({}),
          properties: { sec: { type: "number" }, leadership: { type: "number" } },
        },
        status: { type: RUN_STATUSES, required: true, default: "running" },
        sweepStatus: { type: SWEEP_STATUSES, required: true, default: "pending" },
        terminalType: { type: "string" },
        /** The terminal event's detail (JSON) as claimed, so the sweep can publish it if it never went out. */
        terminalDetail: { type: "string" },
        batchId: { type: "string", readOnly: true },
        force: { type: "boolean", required: true, default: false, readOnly: true },
        /** Epoch ms. */
        requestedAt: { type: "number", required: true, readOnly: true },
        /** Epoch ms after which the stale-run sweep ends a run that is still running. */
        deadlineAt: { type: "number", required: true, readOnly: true, padding: { length: 15, char: "0" } },
        completedAt: { type: "number" },
        durationMs: { type: "number" },
        completeness: { type: "number" },
        cached: { type: "boolean" },
        version: { type: "number", required: true, default: 1 },
      },
      indexes: {
        byRunId: {
          pk: { field: "pk", composite: ["runId"] },
          sk: { field: "sk", composite: [] },
        },
        bySweepStatusAndDeadline: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["sweepStatus"] },
          sk: { field: "gsi1sk", composite: ["deadlineAt"] },
        },
        byBatch: {
          index: "gsi2",
          pk: { field: "gsi2pk", composite: ["batchId"] },
          sk: { field: "gsi2sk", composite: ["runId"] },
        },
      },
    },
    config,
  );

export type RunEntity = ReturnType<typeof createRunEntity>;
export type RunItem = EntityItem<RunEntity>;
export type RunPart = (typeof RUN_PARTS)[number];
export type PartOutcome = NonNullable<RunItem["parts"]["sec"]>;
