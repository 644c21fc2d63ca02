import { jsonDepth, MAX_DETAIL_DEPTH } from "../envelope";
import { compilePattern } from "./compile";
import { InvalidEventError } from "./errors";
import { isPlainObject } from "./parse-match-list";

/** Envelope fields TestEventPattern insists on, in the order AWS checks them. */
export const REQUIRED_TEST_EVENT_FIELDS = [
  "id",
  "account",
  "source",
  "time",
  "region",
  "detail-type",
] as const;

function parseEventJson(event: string): unknown {
  try {
    return JSON.parse(event);
  } catch (error) {
    throw new InvalidEventError(`Event is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Checks an event the way TestEventPattern does: a JSON object carrying the envelope fields
 * id, account, source, time, region and detail-type. Throws {@link InvalidEventError} otherwise.
 */
export function validateTestEvent(event: unknown): asserts event is Record<string, unknown> {
  if (!isPlainObject(event)) throw new InvalidEventError("Provided Event must be a JSON object");
  for (const field of REQUIRED_TEST_EVENT_FIELDS) {
    if (!Object.hasOwn(event, field)) {
      throw new InvalidEventError(
        `Provided Event must have field "${field}" (required: ${REQUIRED_TEST_EVENT_FIELDS.join(", ")})`,
      );
    }
  }
}

/**
 * Whether a pattern matches an event, without the envelope checks of TestEventPattern — for the
 * bus, whose events are envelopes it built itself. Both may be JSON strings or parsed values.
 * Throws InvalidEventPatternError for a bad pattern and InvalidEventError for an event that is not a JSON object.
 */
export function matchEvent(pattern: unknown, event: unknown): boolean {
  const compiled = compilePattern(pattern);
  const parsed = typeof event === "string" ? parseEventJson(event) : event;
  if (!isPlainObject(parsed)) throw new InvalidEventError("Provided Event must be a JSON object");
  return compiled.matches(parsed);
}

/**
 * The TestEventPattern API: parses both JSON strings, validates the pattern (InvalidEventPatternError)
 * and the event envelope (InvalidEventError), and tells whether the pattern matches.
 *
 * @example
 * testEventPattern('{"source":["dossier.sec"]}', JSON.stringify(envelope)); // true when envelope.source is "dossier.sec"
 */
export function testEventPattern(pattern: string, event: string): boolean {
  const compiled = compilePattern(pattern);
  // The envelope is one level above its detail: refuse what the bus could never have accepted, so
  // reading the event (dotted keys included) stays bounded.
  if (jsonDepth(event) > MAX_DETAIL_DEPTH + 1) {
    throw new InvalidEventError(`Event is nested more than ${MAX_DETAIL_DEPTH + 1} levels deep`);
  }
  const parsed = parseEventJson(event);
  validateTestEvent(parsed);
  return compiled.matches(parsed);
}
