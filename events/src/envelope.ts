import type { PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { z } from "zod";
import { Catalogue } from "./catalogue";
import type { DetailInput, DetailOf, EventDefinition } from "./define";
import { DossierError } from "./errors";

/** The EventBridge envelope every target receives. */
export const Envelope = z.object({
  version: z.string(),
  id: z.string(),
  "detail-type": z.string(),
  source: z.string(),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.unknown(),
  "replay-name": z.string().optional(),
});
export type Envelope = z.infer<typeof Envelope>;

export interface TypedEnvelope<Definition extends EventDefinition> extends Omit<Envelope, "detail"> {
  detail: DetailOf<Definition>;
}

/** Thrown when an event does not satisfy the contract; never retryable. */
export class InvalidEventError extends DossierError {
  constructor(
    readonly detailType: string,
    readonly issues: string[],
  ) {
    super(`${detailType} event is not valid: ${issues.join("; ")}`, { retryable: false });
  }
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map(
    (issue) => `${issue.path.length ? issue.path.join(".") : "detail"}: ${issue.message}`,
  );
}

/**
 * Validates a detail against its definition and returns the parsed (defaulted) value.
 * @example const detail = parseDetail(ExtractionRequested, { runId, company: { ticker: "AAPL" }, requestedAt })
 */
export function parseDetail<Definition extends EventDefinition>(
  definition: Definition,
  detail: unknown,
): DetailOf<Definition> {
  const result = definition.schema.safeParse(detail);
  if (!result.success) throw new InvalidEventError(definition.detailType, describeIssues(result.error));
  return result.data as DetailOf<Definition>;
}

/** Parses an envelope a target received, checking its detail-type and detail. */
export function parseEvent<Definition extends EventDefinition>(
  definition: Definition,
  event: unknown,
): TypedEnvelope<Definition> {
  const envelope = Envelope.safeParse(event);
  if (!envelope.success) throw new InvalidEventError(definition.detailType, describeIssues(envelope.error));
  if (envelope.data["detail-type"] !== definition.detailType) {
    throw new InvalidEventError(definition.detailType, [
      `expected detail-type ${definition.detailType}, received ${envelope.data["detail-type"]}`,
    ]);
  }
  return { ...envelope.data, detail: parseDetail(definition, envelope.data.detail) };
}

/** Parses an envelope whose detail-type is one of `definitions`, typed as the union of them. */
export function parseEventOf<const Definitions extends readonly EventDefinition[]>(
  definitions: Definitions,
  event: unknown,
): TypedEnvelope<Definitions[number]> {
  const envelope = Envelope.safeParse(event);
  const expected = definitions.map((definition) => definition.detailType).join(" | ");
  if (!envelope.success) throw new InvalidEventError(expected, describeIssues(envelope.error));
  const definition = definitions.find((candidate) => candidate.detailType === envelope.data["detail-type"]);
  if (!definition)
    throw new InvalidEventError(expected, [
      `expected detail-type ${expected}, received ${envelope.data["detail-type"]}`,
    ]);
  return {
    ...envelope.data,
    detail: parseDetail(definition, envelope.data.detail) as DetailOf<Definitions[number]>,
  };
}

/** Validates an event of any known detail-type; unknown detail-types are rejected. */
export function parseAnyDetail(detailType: string, detail: unknown): unknown {
  const definition = (Catalogue as Record<string, EventDefinition>)[detailType];
  if (!definition) {
    throw new InvalidEventError(detailType, [
      `unknown detail-type; known: ${Object.keys(Catalogue).join(", ")}`,
    ]);
  }
  return parseDetail(definition, detail);
}

/**
 * Builds a PutEvents entry after validating the detail, so nothing invalid leaves a publisher.
 * @example await client.send(new PutEventsCommand({ Entries: [toPutEventsEntry(ProfileUpdated, detail, { source: Sources.merge, busName })] }))
 */
export function toPutEventsEntry<Definition extends EventDefinition>(
  definition: Definition,
  detail: DetailInput<Definition>,
  options: { source: string; busName: string; resources?: string[] },
): PutEventsRequestEntry {
  const parsed = parseDetail(definition, detail);
  return {
    EventBusName: options.busName,
    Source: options.source,
    DetailType: definition.detailType,
    Detail: JSON.stringify(parsed),
    ...(options.resources ? { Resources: options.resources } : {}),
  };
}
