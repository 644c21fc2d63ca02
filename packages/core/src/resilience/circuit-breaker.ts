import type { CircuitItem, CircuitState, Store } from "../store";
import { CircuitOpenError } from "./errors";

export interface CircuitTransition {
  upstream: string;
  from: CircuitState;
  to: CircuitState;
  /** Epoch ms. */
  at: number;
  /** Failures within the window when the transition happened. */
  failures: number;
  /** Epoch ms after which a probe may run; set when the circuit opens. */
  halfOpensAt?: number;
}

export interface CircuitBreakerOptions {
  store: Store;
  /** The upstream this circuit guards ("sec", "website"); every breaker with the same name shares it. */
  upstream: string;
  /** Failures within `windowMs` that open the circuit, default 5. */
  failureThreshold?: number;
  /** Sliding window for counting failures, default 60 s. */
  windowMs?: number;
  /** How long the circuit stays open before one probe may go through, default 30 s. */
  cooldownMs?: number;
  /** How long a half-open probe may take before another caller may probe instead, default 30 s. */
  probeTimeoutMs?: number;
  now?: () => number;
  /** Called once per state change across all workers (the winner of the conditional write); awaited. */
  onTransition?: (event: CircuitTransition) => void | Promise<void>;
  /** Which errors count against the upstream (default: all); a 404 usually should not. */
  isFailure?: (error: unknown) => boolean;
  /**
   * How long a read that found the circuit closed is reused by breakers of this upstream on the
   * same store, default 0 (every call reads). A failure seen here forgets it at once; one opened
   * by another worker is noticed within this time.
   */
  reuseClosedReadMs?: number;
}

/** When each upstream's circuit was last read closed, per store: shared by breakers of one environment. */
const closedReadAt = new WeakMap<Store, Map<string, number>>();

export interface CircuitBreaker {
  /**
   * Runs `fn` unless the circuit is open. While open it throws {@link CircuitOpenError}
   * without calling `fn`; after the cooldown exactly one caller runs `fn` as the probe.
   */
  execute<T>(fn: () => Promise<T>): Promise<T>;
  /** The current shared state (closed when never written). */
  state(): Promise<CircuitItem>;
}

/**
 * A circuit breaker whose state lives in the dossier table, so every worker sees the same
 * circuit. Every transition is a conditional write on `version` (or on `state`), so among
 * concurrent workers exactly one performs it and reports it through `onTransition`.
 *
 * @example
 * const breaker = createCircuitBreaker({ store, upstream: "sec", onTransition: publishCircuitEvent });
 * const facts = await breaker.execute(() => fetchCompanyFacts(cik));
 */
export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const { store, upstream } = options;
  const failureThreshold = options.failureThreshold ?? 5;
  const windowMs = options.windowMs ?? 60_000;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const probeTimeoutMs = options.probeTimeoutMs ?? 30_000;
  const now = options.now ?? Date.now;
  const isFailure = options.isFailure ?? (() => true);
  const reuseClosedReadMs = options.reuseClosedReadMs ?? 0;
  const circuit = store.entities.circuit;
  const knownClosed = closedReadAt.get(store) ?? new Map<string, number>();
  closedReadAt.set(store, knownClosed);

  const read = async (): Promise<CircuitItem> =>
    (await circuit.get({ upstream }).go({ consistent: true })).data ?? {
      upstream,
      state: "closed",
      failures: [],
      version: 0,
    };
  const recent = (failures: number[], at: number) => failures.filter((failure) => failure > at - windowMs);
  const announce = async (from: CircuitState, to: CircuitState, at: number, failures: number) => {
    const halfOpensAt = to === "open" ? { halfOpensAt: at + cooldownMs } : {};
    await options.onTransition?.({ upstream, from, to, at, failures, ...halfOpensAt });
  };

  /** Counts a failure atomically (list append); the caller that crosses the threshold opens the circuit. */
  const recordFailure = async () => {
    const at = now();
    const appended = await circuit
      .update({ upstream })
      .append({ failures: [at] })
      .set({ state: "closed" })
      .add({ version: 1 })
      .where(({ state }, { notExists, eq }) => `${notExists(state)} OR ${eq(state, "closed")}`)
      .go({ response: "all_new", returnOnConditionCheckFailure: true });
    // Not closed any more: another worker opened it already, nothing left to count.
    if (appended.rejected) return;
    const all = appended.data.failures ?? [];
    const failures = recent(all, at);
    if (failures.length >= failureThreshold) {
      const opened = await circuit
        .patch({ upstream })
        .set({ state: "open", openedAt: at, failures })
        .add({ version: 1 })
        .where(({ state }, { eq }) => eq(state, "closed"))
        .go({ response: "none", returnOnConditionCheckFailure: true });
      if (!opened.rejected) await announce("closed", "open", at, failures.length);
    } else if (failures.length < all.length) {
      // Housekeeping: drop failures that left the window. If someone wrote meanwhile, they will trim next time.
      await circuit
        .patch({ upstream })
        .set({ failures })
        .add({ version: 1 })
        .where(({ version }, { eq }) => eq(version, appended.data.version))
        .go({ response: "none", returnOnConditionCheckFailure: true });
    }
  };

  /** Runs `fn` as the single half-open probe, holding the circuit at `probeVersion`. */
  const probe = async <T>(fn: () => Promise<T>, probeVersion: number, failures: number): Promise<T> => {
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      if (isFailure(error)) {
        const at = now();
        const reopened = await circuit
          .patch({ upstream })
          .set({ state: "open", openedAt: at })
          .remove(["probeInFlightUntil"])
          .add({ version: 1 })
          .where(({ version }, { eq }) => eq(version, probeVersion))
          .go({ response: "none", returnOnConditionCheckFailure: true });
        if (!reopened.rejected) await announce("half-open", "open", at, failures);
      } else {
        await close(probeVersion);
      }
      throw error;
    }
    await close(probeVersion);
    return result;
  };

  const close = async (probeVersion: number) => {
    const at = now();
    const closed = await circuit
      .patch({ upstream })
      .set({ state: "closed", failures: [] })
      .remove(["openedAt", "probeInFlightUntil"])
      .add({ version: 1 })
      .where(({ version }, { eq }) => eq(version, probeVersion))
      .go({ response: "none", returnOnConditionCheckFailure: true });
    if (!closed.rejected) await announce("half-open", "closed", at, 0);
  };

  return {
    state: read,

    async execute<T>(fn: () => Promise<T>): Promise<T> {
      const readAt = knownClosed.get(upstream);
      const current = readAt !== undefined && now() - readAt < reuseClosedReadMs ? undefined : await read();
      if (current === undefined || current.state === "closed") {
        if (current && reuseClosedReadMs > 0) knownClosed.set(upstream, now());
        try {
          return await fn();
        } catch (error) {
          if (isFailure(error)) {
            knownClosed.delete(upstream);
            await recordFailure();
          }
          throw error;
        }
      }

      const at = now();
      const halfOpensAt = (current.openedAt ?? 0) + cooldownMs;
      if (current.state === "open" && at < halfOpensAt) {
        throw new CircuitOpenError(upstream, halfOpensAt, `${current.failures.length} failures`);
      }
      if (current.state === "half-open" && at < (current.probeInFlightUntil ?? 0)) {
        throw new CircuitOpenError(upstream, current.probeInFlightUntil ?? at, "a probe is in flight");
      }

      // Cooldown over, or the last probe timed out: try to become the one probe.
      const probeUntil = at + probeTimeoutMs;
      const claimed = await circuit
        .patch({ upstream })
        .set({ state: "half-open", probeInFlightUntil: probeUntil })
        .add({ version: 1 })
        .where(({ version }, { eq }) => eq(version, current.version))
        .go({ response: "all_new", returnOnConditionCheckFailure: true });
      if (claimed.rejected) {
        throw new CircuitOpenError(upstream, probeUntil, "another worker is probing");
      }
      if (current.state === "open") await announce("open", "half-open", at, current.failures.length);
      return probe(fn, claimed.data.version, current.failures.length);
    },
  };
}
