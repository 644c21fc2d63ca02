import { randomUUID } from "node:crypto";
import { DeliveryDispatcher, type DispatcherOptions, type RedriveResult } from "./dispatcher";
import {
  type AcceptedEntry,
  checkEntry,
  formatEventTime,
  isEntryError,
  MAX_ENTRIES_PER_CALL,
  MAX_ENTRY_BYTES,
  toEnvelope,
} from "./envelope";
import { EventBridgeResourceNotFoundError, EventBridgeValidationError, EventBusStoppedError } from "./errors";
import { createFileJournal, journalPath, type OpenFile } from "./file-journal";
import {
  type BusJournal,
  createMemoryJournal,
  type DeliveryRef,
  deliveryId,
  type JournalRecord,
  type PendingDelivery,
} from "./journal";
import { compilePattern, withDottedKeysExpanded } from "./pattern";
import { type ResolvedRetryPolicy, resolveRetryPolicy } from "./retry-policy";
import { renderTargetInput, validateTargetInput } from "./target-input";
import type {
  BusStats,
  DeadLetter,
  DeadLetterFilter,
  EventEnvelope,
  PutEventsRequestEntry,
  PutEventsResult,
  PutEventsResultEntry,
  RuleDefinition,
  RuleSummary,
  RuleTarget,
  Timers,
} from "./types";

export interface LocalEventBusOptions {
  busName: string;
  account?: string;
  region?: string;
  /** Directory for the journal (archive, delivery log, dead letters); in memory when absent. */
  dataDir?: string;
  /** Opens the journal's files under dataDir (tests simulate a full disk with it). */
  openJournalFile?: OpenFile;
  now?: () => Date;
  timers?: Timers;
  random?: () => number;
  /** Deliveries running at once across all events. Default 64. */
  concurrency?: number;
  /** First retry waits about this long, doubling per retry. Default 1000 ms. */
  retryBaseDelayMs?: number;
  /** Upper bound of one retry delay. Default 300000 ms. */
  retryMaxDelayMs?: number;
  newEventId?: () => string;
  /** How long `stop()` waits for running deliveries before abandoning them. Default 10000 ms. */
  stopGraceMs?: number;
  /** Called when a delivery outcome cannot be journaled; the delivery is then repeated after a restart. */
  onJournalError?: (error: unknown) => void;
}

export interface ReplayRequest {
  from: Date;
  to: Date;
  /** Only these rules receive the replayed events (AWS ReplayDestination.FilterArns); all rules when absent. */
  ruleNames?: string[];
  /** Written as `replay-name` on every replayed envelope. */
  name?: string;
}

export interface ReplayResult {
  replayName: string;
  /** Archived events whose time falls in [from, to). */
  eventsInRange: number;
  /** Deliveries scheduled to the selected rules' targets. */
  deliveries: number;
}

interface CompiledRule {
  name: string;
  eventPattern: string;
  /** Whether an event whose dotted keys are expanded matches the rule's pattern. */
  matches: (event: unknown) => boolean;
  targets: Map<string, RuleTarget & { resolvedPolicy: ResolvedRetryPolicy }>;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * An EventBridge event bus that runs in this process: PutEvents validation as AWS does it,
 * rules with compiled patterns, asynchronous at-least-once delivery with per-target retry
 * policies and a dead-letter store, and an archive that can be replayed.
 */
export class LocalEventBus {
  readonly name: string;
  readonly arn: string;
  readonly account: string;
  readonly region: string;
  private readonly rules = new Map<string, CompiledRule>();
  private readonly journal: BusJournal;
  private readonly dispatcher: DeliveryDispatcher;
  private readonly now: () => Date;
  private readonly newEventId: () => string;
  private readonly stopGraceMs: number;
  private started: Promise<void> | undefined;
  private stopped = false;
  private stopping: Promise<void> | undefined;
  private accepted = 0;
  private rejected = 0;
  private replays = 0;

  constructor(options: LocalEventBusOptions) {
    this.name = options.busName;
    this.account = options.account ?? "000000000000";
    this.region = options.region ?? "us-east-1";
    this.arn = `arn:aws:events:${this.region}:${this.account}:event-bus/${this.name}`;
    this.now = options.now ?? (() => new Date());
    this.newEventId = options.newEventId ?? randomUUID;
    this.stopGraceMs = options.stopGraceMs ?? 10_000;
    this.journal =
      options.dataDir === undefined
        ? createMemoryJournal()
        : createFileJournal(journalPath(options.dataDir, options.busName), options.openJournalFile);
    const dispatcherOptions: DispatcherOptions = {
      journal: this.journal,
      resolveTarget: (ruleName, targetId) => {
        const target = this.rules.get(ruleName)?.targets.get(targetId);
        const input = target?.input;
        return (
          target && {
            invoke: input
              ? (event: EventEnvelope) =>
                  target.invoke(
                    event,
                    renderTargetInput(input, event, { ruleArn: this.ruleArn(ruleName), ruleName }),
                  )
              : target.invoke,
            retryPolicy: target.resolvedPolicy,
            ...(target.failureDestination ? { failureDestination: target.failureDestination } : {}),
          }
        );
      },
      now: this.now,
      timers: options.timers ?? realTimers,
      random: options.random ?? Math.random,
      concurrency: options.concurrency ?? 64,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 1000,
      retryMaxDelayMs: options.retryMaxDelayMs ?? 300_000,
      onJournalError:
        options.onJournalError ??
        ((error) => console.error(`[eventbridge ${this.name}] journal write failed:`, error)),
    };
    this.dispatcher = new DeliveryDispatcher(dispatcherOptions);
  }

  /** ARN of a rule on this bus, as AWS writes it (the default bus omits its name). */
  ruleArn(ruleName: string): string {
    const path = this.name === "default" ? ruleName : `${this.name}/${ruleName}`;
    return `arn:aws:events:${this.region}:${this.account}:rule/${path}`;
  }

  /**
   * Creates or replaces a rule. The pattern is compiled here, so an invalid pattern throws
   * InvalidEventPatternError now rather than failing deliveries later.
   */
  putRule(rule: RuleDefinition): void {
    if (rule.name === "") throw new EventBridgeValidationError("Rule name must not be empty.");
    const matcher = compilePattern(rule.eventPattern);
    const targets: CompiledRule["targets"] = new Map();
    for (const target of rule.targets) {
      if (targets.has(target.id)) {
        throw new EventBridgeValidationError(`Rule ${rule.name} lists target id ${target.id} twice.`);
      }
      if (target.input) {
        try {
          validateTargetInput(target.input);
        } catch (error) {
          throw new EventBridgeValidationError(
            `Target ${target.id} of rule ${rule.name}: ${(error as Error).message}`,
          );
        }
      }
      targets.set(target.id, { ...target, resolvedPolicy: resolveRetryPolicy(target.retryPolicy) });
    }
    this.rules.set(rule.name, {
      name: rule.name,
      eventPattern: JSON.stringify(rule.eventPattern),
      matches: (event) => matcher.matchesExpanded(event),
      targets,
    });
  }

  /** Deletes a rule; deliveries still owed to it end as dead letters. Returns whether it existed. */
  removeRule(name: string): boolean {
    return this.rules.delete(name);
  }

  listRules(): RuleSummary[] {
    return [...this.rules.values()].map((rule) => ({
      name: rule.name,
      arn: this.ruleArn(rule.name),
      eventPattern: rule.eventPattern,
      targetIds: [...rule.targets.keys()],
    }));
  }

  /**
   * Opens the journal and re-delivers what a previous run accepted but never settled. Register
   * rules first: recovered deliveries to unknown rules become dead letters. Idempotent, and
   * called by every other operation, so calling it is only needed to trigger recovery early.
   */
  start(): Promise<void> {
    this.started ??= this.journal.recover().then((state) => {
      this.dispatcher.restoreDeadLetters(state.deadLetters);
      this.dispatcher.enqueue(state.pending);
    });
    return this.started;
  }

  /**
   * PutEvents: validates each entry, journals the accepted ones (durably with a dataDir) and
   * returns before any target runs. Throws EventBridgeValidationError when the call as a whole
   * is invalid (0 or more than 10 entries, request over 256 KB).
   */
  async putEvents(entries: PutEventsRequestEntry[]): Promise<PutEventsResult> {
    this.assertRunning();
    if (!Array.isArray(entries) || entries.length < 1 || entries.length > MAX_ENTRIES_PER_CALL) {
      const count = Array.isArray(entries) ? entries.length : 0;
      throw new EventBridgeValidationError(
        `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES_PER_CALL} (got ${count}).`,
      );
    }
    return this.dispatcher.track(async () => {
      await this.start();
      const checked = entries.map((entry) => checkEntry(entry ?? {}, this));
      const totalSize = checked.reduce((sum, check) => sum + (isEntryError(check) ? 0 : check.size), 0);
      if (totalSize > MAX_ENTRY_BYTES) {
        throw new EventBridgeValidationError("Total size of the entries in the request is over the limit.");
      }
      const receivedAt = this.now();
      const records: JournalRecord[] = [];
      const deliveries: PendingDelivery[] = [];
      let onDefaultBus = 0;
      const results = checked.map((check): PutEventsResultEntry => {
        if (isEntryError(check)) return check;
        const event = this.envelope(check, receivedAt);
        // The account's default bus has no rules here: accepted as AWS would, delivered nowhere.
        if (check.onDefaultBus) {
          onDefaultBus += 1;
          return { EventId: event.id };
        }
        const refs = this.route(event, [...this.rules.values()]);
        records.push({ op: "accepted", receivedAt: receivedAt.toISOString(), event, deliveries: refs });
        deliveries.push(...this.pendingFor(event, refs, receivedAt));
        return { EventId: event.id };
      });
      await this.journal.append(records, true);
      this.accepted += records.length;
      const failed = results.length - records.length - onDefaultBus;
      this.rejected += failed;
      this.dispatcher.enqueue(deliveries);
      return { FailedEntryCount: failed, Entries: results };
    });
  }

  /** Archived events whose time falls in [from, to), oldest first. */
  async listArchive(range: { from?: Date; to?: Date } = {}): Promise<EventEnvelope[]> {
    await this.start();
    const events: EventEnvelope[] = [];
    await this.journal.scanArchive(({ event }) => {
      if (inRange(event, range.from, range.to)) events.push(event);
    });
    return events;
  }

  /**
   * Re-sends archived events whose time falls in [from, to) to the matching rules, with a
   * `replay-name` on each envelope as AWS replays do. Replayed events are not archived again.
   */
  async replay(request: ReplayRequest): Promise<ReplayResult> {
    this.assertRunning();
    if (!(request.from.getTime() < request.to.getTime())) {
      throw new EventBridgeValidationError("Replay 'from' must be earlier than 'to'.");
    }
    const rules = (request.ruleNames ?? [...this.rules.keys()]).map((name) => {
      const rule = this.rules.get(name);
      if (rule === undefined) throw new EventBridgeResourceNotFoundError(`Rule ${name} does not exist.`);
      return rule;
    });
    return this.dispatcher.track(async () => {
      await this.start();
      const startedAt = this.now();
      this.replays += 1;
      const replayName = request.name ?? `replay-${formatEventTime(startedAt)}-${this.replays}`;
      const records: JournalRecord[] = [];
      const deliveries: PendingDelivery[] = [];
      let eventsInRange = 0;
      await this.journal.scanArchive(({ event: archived }) => {
        if (!inRange(archived, request.from, request.to)) return;
        eventsInRange += 1;
        const event: EventEnvelope = { ...archived, "replay-name": replayName };
        const refs = this.route(event, rules);
        if (refs.length === 0) return;
        records.push({
          op: "replayed",
          receivedAt: startedAt.toISOString(),
          replayName,
          eventId: event.id,
          deliveries: refs,
        });
        deliveries.push(...this.pendingFor(event, refs, startedAt, replayName));
      });
      await this.journal.append(records, true);
      this.dispatcher.enqueue(deliveries);
      return { replayName, eventsInRange, deliveries: deliveries.length };
    });
  }

  listDeadLetters(): DeadLetter[] {
    return this.dispatcher.listDeadLetters();
  }

  /** Sends matching dead letters to their targets once more; delivered ones leave the store. */
  async redriveDeadLetters(filter?: DeadLetterFilter): Promise<RedriveResult> {
    this.assertRunning();
    await this.start();
    return this.dispatcher.redrive(filter);
  }

  /** Resolves when no PutEvents, delivery or retry is in progress or scheduled. */
  async drain(): Promise<void> {
    // Recovered deliveries are queued only once start() has read the journal.
    await this.started?.catch(() => undefined);
    await this.dispatcher.drain();
  }

  /**
   * Cancels retry timers, waits (up to `stopGraceMs`) for running deliveries and closes the
   * journal. With a dataDir, whatever did not settle is delivered by the next bus started on it.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.started?.catch(() => undefined);
      // Deliveries still running may publish (a workflow's terminal event after its ledger
      // claim), so PutEvents keeps accepting — and journaling — until they settle or time out.
      await this.dispatcher.stop(this.stopGraceMs);
      this.stopped = true;
      await this.dispatcher.drain();
      await this.journal.close();
    })();
    return this.stopping;
  }

  stats(): BusStats {
    return {
      accepted: this.accepted,
      rejected: this.rejected,
      ...this.dispatcher.counters,
      inFlight: this.dispatcher.inFlight,
      scheduled: this.dispatcher.scheduledCount,
    };
  }

  private assertRunning(): void {
    if (this.stopped) throw new EventBusStoppedError(this.name);
  }

  private envelope(accepted: AcceptedEntry, receivedAt: Date): EventEnvelope {
    return toEnvelope(accepted, {
      id: this.newEventId(),
      account: this.account,
      region: this.region,
      now: receivedAt,
    });
  }

  private route(event: EventEnvelope, rules: CompiledRule[]): DeliveryRef[] {
    const refs: DeliveryRef[] = [];
    const expanded = withDottedKeysExpanded(event);
    for (const rule of rules) {
      if (!rule.matches(expanded)) continue;
      for (const targetId of rule.targets.keys()) refs.push({ ruleName: rule.name, targetId });
    }
    return refs;
  }

  private pendingFor(
    event: EventEnvelope,
    refs: DeliveryRef[],
    acceptedAt: Date,
    replayName?: string,
  ): PendingDelivery[] {
    return refs.map((ref) => ({
      ...ref,
      id: deliveryId(event.id, ref, replayName),
      event,
      acceptedAt: acceptedAt.getTime(),
    }));
  }
}

function inRange(event: EventEnvelope, from: Date | undefined, to: Date | undefined): boolean {
  const time = Date.parse(event.time);
  return (from === undefined || time >= from.getTime()) && (to === undefined || time < to.getTime());
}

/** Creates an in-process EventBridge bus; with `dataDir` it survives restarts without losing events. */
export function createLocalEventBus(options: LocalEventBusOptions): LocalEventBus {
  return new LocalEventBus(options);
}
