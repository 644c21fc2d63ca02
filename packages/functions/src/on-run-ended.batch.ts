import { recordRunEnded } from "@dossier/core/pipeline";
import { TerminalEvents } from "@dossier/events";
import { onEvent } from "./shared/boundary";
import { pipeline } from "./shared/clients";

/** Counts a run's terminal event in its batch; the last one publishes Batch.Completed. */
export const handler = onEvent(TerminalEvents, (event) => recordRunEnded(pipeline, event));
