import { PermanentDeliveryError } from "./errors";
import type { BusJournal, PendingDelivery } from "./journal";
import { type ResolvedRetryPolicy, retryDelayMs } from "./retry-policy";
import type { DeadLetter, DeadLetterFilter, EventEnvelope, FailureDestination, Timers } from "./types";

export interface ResolvedTarget {
  invoke: (event: EventEnvelope) => Promise<void>;
  retryPolicy: ResolvedRetryPolicy;
  failureDestination?: FailureDestination;
}

export interface DispatcherOptions {
  journal: BusJournal;
  resolveTarget: (ruleName: string, targetId: string) => ResolvedTarget | undefined;
  now: () => Date;
  timers: Timers;
  random: () => number;
  concurrency: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  onJournalError: (error: unknown) => void;
}

interface Delivery extends PendingDelivery {
  attempts: number;
}

export interface RedriveResult {
  attempted: number;
  redelivered: number;
  failed: number;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Runs deliveries to rule targets: bounded concurrency, retries with backoff until the
 * target's retry policy gives up, then a dead letter. Every outcome is journaled so a
 * restart re-delivers exactly the deliveries that never settled.
 */
export class DeliveryDispatcher {
  readonly counters = { delivered: 0, retries: 0, deadLettered: 0, redriven: 0 };
  private readonly ready: Delivery[] = [];
  private readyHead = 0;
  private running = 0;
  private busyOutside = 0;
  private readonly scheduled = new Map<unknown, Delivery>();
  private readonly deadLetters = new Map<string, DeadLetter>();
  private readonly idleWaiters: (() => void)[] = [];
  private readonly runningSettled = new Set<Promise<void>>();
  private stopped = false;
  private abandoned = false;

  constructor(private readonly options: DispatcherOptions) {}

  get inFlight(): number {
    return this.running + (this.ready.length - this.readyHead);
  }

  get scheduledCount(): number {
    return this.scheduled.size;
  }

  /** Queues deliveries whose journal records are already written. */
  enqueue(deliveries: Iterable<PendingDelivery>): void {
    for (const delivery of deliveries) this.ready.push({ ...delivery, attempts: 0 });
    this.pump();
  }

  restoreDeadLetters(letters: Iterable<DeadLetter>): void {
    for (const letter of letters) this.deadLetters.set(letter.id, letter);
  }

  listDeadLetters(): DeadLetter[] {
    return [...this.deadLetters.values()].map((letter) => structuredClone(letter));
  }

  /** Marks work the dispatcher does not run itself (a PutEvents being journaled) so `drain` waits for it. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.busyOutside += 1;
    try {
      return await work();
    } finally {
      this.busyOutside -= 1;
      this.notifyIfIdle();
    }
  }

  /** Resolves once nothing is running, queued or waiting for a retry. */
  drain(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Cancels retry timers and waits up to `graceMs` for running attempts. Unsettled deliveries
   * stay in the journal, so a bus started on the same dataDir picks them up; attempts still
   * running after the grace period are abandoned and their outcome is not journaled.
   */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    for (const handle of this.scheduled.keys()) this.options.timers.clearTimeout(handle);
    this.scheduled.clear();
    let timer: unknown;
    const graceOver = new Promise<void>((resolve) => {
      timer = this.options.timers.setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled([...this.runningSettled]), graceOver]);
    this.options.timers.clearTimeout(timer);
    this.abandoned = this.running > 0;
    this.notifyIfIdle();
  }

  /** Sends matching dead letters once more each; a success removes the letter, a failure updates it. */
  async redrive(filter: DeadLetterFilter = {}): Promise<RedriveResult> {
    const selected = [...this.deadLetters.values()].filter(
      (letter) =>
        (filter.ruleName === undefined || letter.ruleName === filter.ruleName) &&
        (filter.targetId === undefined || letter.targetId === filter.targetId) &&
        (filter.ids === undefined || filter.ids.includes(letter.id)),
    );
    const result: RedriveResult = { attempted: selected.length, redelivered: 0, failed: 0 };
    await this.track(async () => {
      for (let start = 0; start < selected.length; start += this.options.concurrency) {
        const chunk = selected.slice(start, start + this.options.concurrency);
        const outcomes = await Promise.all(chunk.map((letter) => this.redriveOne(letter)));
        for (const ok of outcomes) {
          if (ok) result.redelivered += 1;
          else result.failed += 1;
        }
      }
    });
    return result;
  }

  private async redriveOne(letter: DeadLetter): Promise<boolean> {
    const target = this.options.resolveTarget(letter.ruleName, letter.targetId);
    const failure =
      target === undefined ? this.unroutable(letter) : (await this.invoke(target, letter.event))?.message;
    if (failure === undefined) {
      await this.options.journal.append([{ op: "done", id: letter.id }], false);
      this.deadLetters.delete(letter.id);
      this.counters.redriven += 1;
      this.counters.delivered += 1;
      return true;
    }
    const updated: DeadLetter = {
      ...letter,
      errorMessage: failure,
      attempts: letter.attempts + 1,
      deadLetteredAt: this.options.now().toISOString(),
    };
    await this.options.journal.append([{ op: "dead", letter: updated }], true);
    this.deadLetters.set(updated.id, updated);
    return false;
  }

  private isIdle(): boolean {
    const queued = this.ready.length - this.readyHead;
    return (
      (this.running === 0 || this.abandoned) &&
      this.busyOutside === 0 &&
      (this.stopped || (queued === 0 && this.scheduled.size === 0))
    );
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private pump(): void {
    while (!this.stopped && this.running < this.options.concurrency && this.readyHead < this.ready.length) {
      const delivery = this.ready[this.readyHead] as Delivery;
      this.readyHead += 1;
      this.running += 1;
      const settled = this.attempt(delivery).finally(() => {
        this.running -= 1;
        this.runningSettled.delete(settled);
        this.pump();
      });
      this.runningSettled.add(settled);
    }
    if (this.readyHead === this.ready.length) {
      this.ready.length = 0;
      this.readyHead = 0;
    }
    this.notifyIfIdle();
  }

  private unroutable(delivery: { ruleName: string; targetId: string }): string {
    return `Rule ${delivery.ruleName} has no target ${delivery.targetId}; register the rule (before start() after a restart) and redrive.`;
  }

  private async invoke(
    target: ResolvedTarget,
    event: EventEnvelope,
  ): Promise<{ message: string; permanent: boolean } | undefined> {
    try {
      // Each target gets its own copy, as separate Lambda invocations would.
      await target.invoke(structuredClone(event));
      return undefined;
    } catch (error) {
      return { message: messageOf(error), permanent: error instanceof PermanentDeliveryError };
    }
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const target = this.options.resolveTarget(delivery.ruleName, delivery.targetId);
    delivery.attempts += 1;
    const failure =
      target === undefined
        ? { message: this.unroutable(delivery), permanent: true }
        : await this.invoke(target, delivery.event);
    try {
      if (failure === undefined) {
        // Not fsync'd: losing this record only means one more (idempotent) delivery after a crash.
        await this.options.journal.append([{ op: "done", id: delivery.id }], false);
        this.counters.delivered += 1;
        return;
      }
      const delay =
        target === undefined || failure.permanent
          ? undefined
          : this.nextRetryDelay(delivery, target.retryPolicy);
      if (delay === undefined) {
        await this.deadLetter(delivery, failure.message, target?.failureDestination);
      } else if (!this.stopped) {
        this.counters.retries += 1;
        const handle = this.options.timers.setTimeout(() => {
          this.scheduled.delete(handle);
          this.ready.push(delivery);
          this.pump();
        }, delay);
        this.scheduled.set(handle, delivery);
      }
    } catch (error) {
      this.options.onJournalError(error);
    }
  }

  /** The backoff before the next retry, or undefined once the retry policy is exhausted. */
  private nextRetryDelay(delivery: Delivery, policy: ResolvedRetryPolicy): number | undefined {
    if (delivery.attempts > policy.maximumRetryAttempts) return undefined;
    const delay = retryDelayMs(delivery.attempts, {
      baseDelayMs: this.options.retryBaseDelayMs,
      maxDelayMs: this.options.retryMaxDelayMs,
      random: this.options.random,
    });
    const ageAtRetry = this.options.now().getTime() + delay - delivery.acceptedAt;
    return ageAtRetry > policy.maximumEventAgeSeconds * 1000 ? undefined : delay;
  }

  private async deadLetter(
    delivery: Delivery,
    errorMessage: string,
    destination: FailureDestination = "rule dead-letter queue",
  ): Promise<void> {
    const letter: DeadLetter = {
      destination,
      id: delivery.id,
      event: delivery.event,
      ruleName: delivery.ruleName,
      targetId: delivery.targetId,
      errorMessage,
      attempts: delivery.attempts,
      deadLetteredAt: this.options.now().toISOString(),
    };
    await this.options.journal.append([{ op: "dead", letter }], true);
    this.deadLetters.set(letter.id, letter);
    this.counters.deadLettered += 1;
  }
}
