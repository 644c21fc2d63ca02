import {
  BatchRequested,
  ExtractionPartCompleted,
  ExtractionRequested,
  TerminalDetailTypes,
} from "./catalogue";
import { Sources } from "./sources";

/** What a rule delivers to: a Lambda function or an Express state machine, by logical name. */
export type RuleTarget =
  | { kind: "function"; name: FunctionName }
  | { kind: "stateMachine"; name: StateMachineName };

/**
 * Logical names of the handlers. Stacks create one function per name and the local runtime
 * registers one in-process handler per name, so these strings are the join between them.
 */
export const FunctionNames = [
  "secExtractor",
  "leadershipExtractor",
  "runLedger",
  "batchLedger",
  "mergeAppendPart",
  "mergeFinalize",
  "mergeFailRun",
  "mergeRecordAnnounced",
  "mergeUpdateLatest",
  "batchPrepare",
  "batchLoadPage",
  "staleRunSweep",
] as const;
export type FunctionName = (typeof FunctionNames)[number];

export const StateMachineNames = ["progressiveMerge", "batchFanOut"] as const;
export type StateMachineName = (typeof StateMachineNames)[number];

/** EventBridge's per-target retry policy; the same numbers on AWS and in the local runtime. */
export interface RetryPolicy {
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
}

export const DefaultRetryPolicy: RetryPolicy = { maximumRetryAttempts: 8, maximumEventAgeSeconds: 3600 };

/**
 * Lambda's asynchronous invocation (how EventBridge invokes a function target): a function error
 * is retried twice, then the event goes to the function's on-failure destination. The rule's
 * retry policy covers only the invocation itself failing (throttling, the service unavailable).
 */
export const AsyncInvocationPolicy: RetryPolicy = { maximumRetryAttempts: 2, maximumEventAgeSeconds: 21_600 };

export interface RuleDefinition {
  name: string;
  description: string;
  eventPattern: Record<string, unknown>;
  target: RuleTarget;
  retryPolicy: RetryPolicy;
}

/** Every rule on the bus. Patterns are data so stacks, the local bus and tests share them. */
export const Rules = {
  secExtractor: {
    name: "sec-extractor",
    description: "Requests that want the SEC part (or name no parts, meaning both) start the SEC extractor.",
    eventPattern: {
      "detail-type": [ExtractionRequested.detailType],
      $or: [{ detail: { parts: ["sec"] } }, { detail: { parts: [{ exists: false }] } }],
    },
    target: { kind: "function", name: "secExtractor" },
    retryPolicy: DefaultRetryPolicy,
  },
  leadershipExtractor: {
    name: "leadership-extractor",
    description:
      "Requests that want the leadership part (or name no parts, meaning both) start the leadership extractor.",
    eventPattern: {
      "detail-type": [ExtractionRequested.detailType],
      $or: [{ detail: { parts: ["leadership"] } }, { detail: { parts: [{ exists: false }] } }],
    },
    target: { kind: "function", name: "leadershipExtractor" },
    retryPolicy: DefaultRetryPolicy,
  },
  runLedger: {
    name: "run-ledger",
    description:
      "Every request opens a run in the ledger with a deadline, so a silent part cannot strand it.",
    eventPattern: { "detail-type": [ExtractionRequested.detailType] },
    target: { kind: "function", name: "runLedger" },
    retryPolicy: DefaultRetryPolicy,
  },
  progressiveMerge: {
    name: "progressive-merge",
    description:
      "Every part outcome is recorded in the run; a succeeded part is appended to the profile and, once all parts are in, the run is merged and ended.",
    eventPattern: {
      // Only dossier's extractors, and the ledger's sweep reporting a silent part, speak for a part.
      source: [Sources.sec, Sources.leadership, Sources.ledger],
      "detail-type": [ExtractionPartCompleted.detailType],
    },
    target: { kind: "stateMachine", name: "progressiveMerge" },
    retryPolicy: DefaultRetryPolicy,
  },
  batchFanOut: {
    name: "batch-fan-out",
    description: "A batch request fans out into one Extraction.Requested per company.",
    eventPattern: { "detail-type": [BatchRequested.detailType] },
    target: { kind: "stateMachine", name: "batchFanOut" },
    retryPolicy: DefaultRetryPolicy,
  },
  batchLedger: {
    name: "batch-ledger",
    description: "Terminal events of runs in a batch are counted; the last one completes the batch.",
    eventPattern: {
      source: [Sources.merge, Sources.ledger],
      "detail-type": [...TerminalDetailTypes],
      detail: { batchId: [{ exists: true }] },
    },
    target: { kind: "function", name: "batchLedger" },
    retryPolicy: DefaultRetryPolicy,
  },
} as const satisfies Record<string, RuleDefinition>;
export type RuleKey = keyof typeof Rules;
