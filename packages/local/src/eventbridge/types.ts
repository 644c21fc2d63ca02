import type { TargetInput } from "./target-input";

/** One entry of a PutEvents request, shaped as the AWS JSON protocol sends it. */
export interface PutEventsRequestEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Resources?: string[];
  EventBusName?: string;
  /** A Date, epoch seconds (the wire format of the AWS JSON protocol) or an RFC 3339 string. */
  Time?: Date | number | string;
  TraceHeader?: string;
}

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

/** The envelope EventBridge delivers to targets. */
export interface EventEnvelope {
  version: "0";
  id: string;
  "detail-type": string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
  /** Set only on events re-sent by a replay, as AWS does. */
  "replay-name"?: string;
}

export interface RetryPolicy {
  /** 0–185, AWS default 185. */
  maximumRetryAttempts?: number;
  /** 60–86400 seconds, AWS default 86400. */
  maximumEventAgeSeconds?: number;
}

export interface RuleTarget {
  id: string;
  /**
   * Delivers one event. `input` is what the target's Input, InputPath or InputTransformer makes of
   * it; absent for a target without one, which AWS sends the event itself as JSON (rendered only
   * where a target needs it: most here take the event as an object). A PermanentDeliveryError goes
   * to the dead letters without retries; any other error is retried by the retry policy.
   */
  invoke: (event: EventEnvelope, input?: string) => Promise<void>;
  /** Input, InputPath or InputTransformer, as PutTargets takes them; the whole event when absent. */
  input?: TargetInput;
  retryPolicy?: RetryPolicy;
  /**
   * Where a delivery goes once its retries are spent, as `dossier dlq list` names it: the rule
   * target's dead-letter queue (the default), or a function's on-failure destination.
   */
  failureDestination?: FailureDestination;
}

export type FailureDestination = "rule dead-letter queue" | "function on-failure destination";

export interface RuleDefinition {
  name: string;
  eventPattern: unknown;
  targets: RuleTarget[];
}

export interface RuleSummary {
  name: string;
  arn: string;
  eventPattern: string;
  targetIds: string[];
}

/** A delivery that exhausted its retry policy (or could not be routed) and waits for a redrive. */
export interface DeadLetter {
  /** Identifies the (event, rule, target, replay) delivery. */
  id: string;
  event: EventEnvelope;
  ruleName: string;
  targetId: string;
  errorMessage: string;
  attempts: number;
  deadLetteredAt: string;
  /** Absent in letters written before destinations were recorded: a rule dead-letter queue. */
  destination?: FailureDestination;
}

export interface DeadLetterFilter {
  ruleName?: string;
  targetId?: string;
  ids?: string[];
}

export interface BusStats {
  accepted: number;
  rejected: number;
  delivered: number;
  retries: number;
  deadLettered: number;
  redriven: number;
  inFlight: number;
  scheduled: number;
}

/** Timer functions, injectable so tests control retry backoff without sleeping. */
export interface Timers {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}
