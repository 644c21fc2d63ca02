import type { LocalRuntime } from "@dossier/local/runtime";
import type { ConsoleOperations, DeadLetterView } from "./sources";

/** The embedded bus's dead letters, for a console running in the runtime's own process. */
export function localOperations(runtime: Pick<LocalRuntime, "bus">): ConsoleOperations {
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
  };
}
