import type { LocalRuntime } from "@dossier/local/runtime";
import type { ConsoleOperations, DeadLetterView, RunEventView } from "./sources";

/** Runs whose events are kept; the oldest run's are forgotten first. */
const RememberedRuns = 5_000;

/**
 * The embedded bus's dead letters and the events of each run, for a console running in the
 * runtime's own process. Events are remembered from the moment the console starts (the archive
 * has older ones, but reading it means reading all of it).
 */
export function localOperations(runtime: Pick<LocalRuntime, "bus" | "onEvent">): ConsoleOperations {
  const eventsByRun = new Map<string, RunEventView[]>();
  runtime.onEvent((event) => {
    const detail = (event.detail ?? {}) as {
      runId?: unknown;
      part?: unknown;
      status?: unknown;
      code?: unknown;
    };
    if (typeof detail.runId !== "string") return;
    const outcome = typeof detail.status === "string" ? detail.status : detail.code;
    const seen: RunEventView = {
      detailType: event["detail-type"],
      source: event.source,
      at: Date.now(),
      ...(typeof detail.part === "string" ? { part: detail.part } : {}),
      ...(typeof outcome === "string" ? { outcome } : {}),
    };
    const known = eventsByRun.get(detail.runId);
    if (known) {
      known.push(seen);
      return;
    }
    if (eventsByRun.size >= RememberedRuns) {
      const oldest = eventsByRun.keys().next().value;
      if (oldest !== undefined) eventsByRun.delete(oldest);
    }
    eventsByRun.set(detail.runId, [seen]);
  });
  return {
    deadLetters(): DeadLetterView[] {
      return runtime.bus
        .listDeadLetters()
        .map((letter) => {
          const detail = (letter.event.detail ?? {}) as { runId?: unknown };
          const subject = typeof detail.runId === "string" ? detail.runId : "";
          return {
            id: letter.id,
            ruleName: letter.ruleName,
            targetId: letter.targetId,
            detailType: letter.event["detail-type"],
            source: letter.event.source,
            subject,
            attempts: letter.attempts,
            error: letter.errorMessage,
            deadLetteredAt: letter.deadLetteredAt,
          };
        })
        .sort((a, b) => b.deadLetteredAt.localeCompare(a.deadLetteredAt));
    },
    async redrive(id) {
      const result = await runtime.bus.redriveDeadLetters({ ids: [id] });
      return result.redelivered === 1;
    },
    replay: (from, to) => runtime.bus.replay({ from, to }),
    runEvents(runId) {
      const events = eventsByRun.get(runId);
      return events ? [...events] : undefined;
    },
  };
}
