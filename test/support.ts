import { TerminalDetailTypes } from "@dossier/events";
import type { EventEnvelope } from "@dossier/local/eventbridge";
import type { LocalRuntime } from "@dossier/local/runtime";

export const TerminalTypes: ReadonlySet<string> = new Set(TerminalDetailTypes);

/** Records every event the runtime's bus accepts. */
export function recordEvents(runtime: Pick<LocalRuntime, "onEvent">): EventEnvelope[] {
  const events: EventEnvelope[] = [];
  runtime.onEvent((event) => events.push(event));
  return events;
}
