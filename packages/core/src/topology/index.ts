import { type RuleDefinition, type RuleKey, Rules } from "@dossier/events";

/**
 * How dossier is deployed, apart from what its events mean: the handlers and workflows that
 * exist, which rule delivers to which of them, and with what retries. The event contract
 * (`@dossier/events`) says which events a rule matches; this module says where they go.
 */

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

/**
 * Every rule a notification (`dossier notify add`) puts on a bus starts with this, on the embedded
 * bus and on a stage's: the rest of the bus is not touched, and the stage's notification role is
 * assumable for these rules only.
 */
export const NotificationRulePrefix = "dossier-notify-";

/** What a rule delivers to: a Lambda function or an Express state machine, by logical name. */
export type RuleTarget =
  | { kind: "function"; name: FunctionName }
  | { kind: "stateMachine"; name: StateMachineName };

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

export interface RuleDelivery {
  target: RuleTarget;
  retryPolicy: RetryPolicy;
}

/** Where each rule of the contract delivers. Every rule has exactly one target. */
export const RuleTargets = {
  secExtractor: { target: { kind: "function", name: "secExtractor" }, retryPolicy: DefaultRetryPolicy },
  leadershipExtractor: {
    target: { kind: "function", name: "leadershipExtractor" },
    retryPolicy: DefaultRetryPolicy,
  },
  runLedger: { target: { kind: "function", name: "runLedger" }, retryPolicy: DefaultRetryPolicy },
  progressiveMerge: {
    target: { kind: "stateMachine", name: "progressiveMerge" },
    retryPolicy: DefaultRetryPolicy,
  },
  batchFanOut: { target: { kind: "stateMachine", name: "batchFanOut" }, retryPolicy: DefaultRetryPolicy },
  batchLedger: { target: { kind: "function", name: "batchLedger" }, retryPolicy: DefaultRetryPolicy },
} as const satisfies Record<RuleKey, RuleDelivery>;

export type WiredRule = RuleDefinition & RuleDelivery & { key: RuleKey };

/** Every rule with its pattern and where it delivers, for the stacks and the local runtime. */
export const wiredRules: readonly WiredRule[] = (Object.keys(Rules) as RuleKey[]).map((key) => ({
  key,
  ...Rules[key],
  ...RuleTargets[key],
}));

/** The functions some rule delivers to (EventBridge invokes these asynchronously). */
export function ruleTargetFunctions(): FunctionName[] {
  const targets = new Set<FunctionName>();
  for (const rule of wiredRules) if (rule.target.kind === "function") targets.add(rule.target.name);
  return FunctionNames.filter((name) => targets.has(name));
}
