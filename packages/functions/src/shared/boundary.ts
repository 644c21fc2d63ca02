import { type Admission, admitRequest } from "@dossier/core/pipeline";
import { Envelope, type EventDefinition, parseEventOf, type TypedEnvelope } from "@dossier/events";

/**
 * Handlers meet their input here: what EventBridge or a workflow hands them is checked against
 * the event contract before any work, so the code behind sees typed events only. An event that
 * breaks the contract is an InvalidEventError (permanent: retrying cannot make it valid).
 */

/** A rule target for the given detail-types. */
export function onEvent<const Definitions extends readonly EventDefinition[], Result>(
  definitions: Definitions,
  work: (event: TypedEnvelope<Definitions[number]>) => Promise<Result>,
): (event: unknown) => Promise<Result> {
  return async (event) => work(parseEventOf(definitions, event));
}

/** A workflow task started by a rule: the ASL passes the triggering event as `event` (`"event.$": "$"`). */
export function onTaskEvent<const Definitions extends readonly EventDefinition[], Result>(
  definitions: Definitions,
  work: (event: TypedEnvelope<Definitions[number]>) => Promise<Result>,
): (input: { event: unknown }) => Promise<Result> {
  return async (input) => work(parseEventOf(definitions, input.event));
}

/**
 * A target of Extraction.Requested. Unlike other events, a request that breaks the contract is
 * not an error of the handler: the run ledger ends it as Extraction.Failed with the reason, so
 * the envelope is parsed here and the detail is admitted (or not) rather than thrown on.
 */
export function onRequest<Result>(
  work: (admission: Admission, envelope: Envelope) => Promise<Result>,
): (event: unknown) => Promise<Result> {
  return async (event) => {
    const envelope = Envelope.parse(event);
    return work(admitRequest(envelope), envelope);
  };
}
