import type { EventEnvelope, PutEventsRequestEntry } from "./types";

/** PutEvents accepts at most this many entries per call. */
export const MAX_ENTRIES_PER_CALL = 10;
/** The PutEvents entry size limit (256 KB), also the limit for the whole request. */
export const MAX_ENTRY_BYTES = 256 * 1024;
/** PutEventsRequestEntry's length limits, from the EventBridge API reference. */
export const MAX_SOURCE_LENGTH = 256;
export const MAX_DETAIL_TYPE_LENGTH = 128;
export const MAX_RESOURCES = 100;
export const MAX_RESOURCE_LENGTH = 2048;
/** "PutEvents will only process nested JSON up to 1000 levels deep." */
export const MAX_DETAIL_DEPTH = 1000;
/** The bus every account has: an entry without EventBusName goes there. */
export const DEFAULT_BUS_NAME = "default";

export interface EntryError {
  ErrorCode: string;
  ErrorMessage: string;
}

export interface AcceptedEntry {
  /** For the account's default bus, which has no rules here: accepted, delivered nowhere. */
  onDefaultBus: boolean;
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  resources: string[];
  time: Date | undefined;
  size: number;
}

export interface BusIdentity {
  name: string;
  arn: string;
}

const utf8Bytes = (value: string): number => Buffer.byteLength(value, "utf8");

/**
 * Size of an entry as EventBridge counts it: 14 bytes for Time when present plus the UTF-8
 * bytes of Source, DetailType, Detail and each Resources item.
 */
export function entrySize(entry: PutEventsRequestEntry): number {
  let size = entry.Time === undefined ? 0 : 14;
  size += utf8Bytes(entry.Source ?? "") + utf8Bytes(entry.DetailType ?? "") + utf8Bytes(entry.Detail ?? "");
  for (const resource of entry.Resources ?? []) {
    if (typeof resource === "string") size += utf8Bytes(resource);
  }
  return size;
}

const invalidArgument = (parameter: string, reason: string): EntryError => ({
  ErrorCode: "InvalidArgument",
  ErrorMessage: `Parameter ${parameter} is not valid. Reason: ${reason}`,
});

function parseTime(value: PutEventsRequestEntry["Time"]): Date | undefined {
  if (value instanceof Date) return value;
  // The AWS JSON protocol sends timestamps as (possibly fractional) epoch seconds.
  if (typeof value === "number") return new Date(value * 1000);
  if (typeof value === "string") {
    const seconds = Number(value);
    return Number.isFinite(seconds) && value.trim() !== "" ? new Date(seconds * 1000) : new Date(value);
  }
  return undefined;
}

/**
 * How deeply a JSON text nests objects and arrays, found in one pass over its characters (no
 * parse, no recursion), so a hostile detail costs time linear in its size.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  return deepest;
}

function parseDetail(detail: string): Record<string, unknown> | undefined {
  if (jsonDepth(detail) > MAX_DETAIL_DEPTH) return undefined;
  try {
    const parsed: unknown = JSON.parse(detail);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Which bus an entry is for: this one, the account's default bus (no rules here), or none known. */
function targetBus(eventBusName: string | undefined, bus: BusIdentity): "this" | "default" | undefined {
  // AWS routes entries without EventBusName to the account's "default" bus.
  const requested = eventBusName ?? DEFAULT_BUS_NAME;
  if (requested === bus.name || requested === bus.arn) return "this";
  if (
    requested === DEFAULT_BUS_NAME ||
    requested === bus.arn.replace(/event-bus\/.*$/, `event-bus/${DEFAULT_BUS_NAME}`)
  )
    return "default";
  return undefined;
}

/**
 * Validates one PutEvents entry the way EventBridge does and returns either the accepted
 * fields or the per-entry ErrorCode/ErrorMessage.
 */
export function checkEntry(entry: PutEventsRequestEntry, bus: BusIdentity): AcceptedEntry | EntryError {
  if (typeof entry.Source !== "string" || entry.Source === "") {
    return invalidArgument("Source", "Source is a required argument.");
  }
  if (typeof entry.DetailType !== "string" || entry.DetailType === "") {
    return invalidArgument("DetailType", "DetailType is a required argument.");
  }
  if (typeof entry.Detail !== "string" || entry.Detail === "") {
    return invalidArgument("Detail", "Detail is a required argument.");
  }
  if (entry.Resources !== undefined && !(Array.isArray(entry.Resources) && entry.Resources.every(isString))) {
    return invalidArgument("Resources", "Resources must be a list of strings.");
  }
  if (entry.Source.length > MAX_SOURCE_LENGTH) {
    return invalidArgument("Source", `Source is longer than ${MAX_SOURCE_LENGTH} characters.`);
  }
  if (entry.DetailType.length > MAX_DETAIL_TYPE_LENGTH) {
    return invalidArgument("DetailType", `DetailType is longer than ${MAX_DETAIL_TYPE_LENGTH} characters.`);
  }
  if (
    (entry.Resources?.length ?? 0) > MAX_RESOURCES ||
    entry.Resources?.some((resource) => resource.length > MAX_RESOURCE_LENGTH)
  ) {
    return invalidArgument(
      "Resources",
      `Resources holds at most ${MAX_RESOURCES} items of at most ${MAX_RESOURCE_LENGTH} characters.`,
    );
  }
  if (entry.Source.startsWith("aws.")) {
    return { ErrorCode: "NotAuthorizedForSourceException", ErrorMessage: "Not authorized for the source." };
  }
  const size = entrySize(entry);
  if (size > MAX_ENTRY_BYTES) {
    return invalidArgument(
      "Entry",
      `Entry size is ${size} bytes (Time, Source, DetailType, Detail and Resources), over the ${MAX_ENTRY_BYTES}-byte limit; put large payloads in S3 and send a reference.`,
    );
  }
  const time = parseTime(entry.Time);
  if (time !== undefined && Number.isNaN(time.getTime())) {
    return invalidArgument("Time", "Time must be a timestamp (epoch seconds or RFC 3339).");
  }
  const onBus = targetBus(entry.EventBusName, bus);
  if (onBus === undefined) {
    return invalidArgument("EventBusName", `Event bus ${entry.EventBusName} does not exist.`);
  }
  const detail = parseDetail(entry.Detail);
  if (detail === undefined) return { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." };
  return {
    onDefaultBus: onBus === "default",
    source: entry.Source,
    detailType: entry.DetailType,
    detail,
    resources: entry.Resources ?? [],
    time,
    size,
  };
}

const isString = (value: unknown): value is string => typeof value === "string";

export const isEntryError = (value: AcceptedEntry | EntryError): value is EntryError => "ErrorCode" in value;

/** Event time as EventBridge writes it: RFC 3339 in UTC with second precision. */
export const formatEventTime = (time: Date): string => time.toISOString().replace(/\.\d{3}Z$/, "Z");

/** Builds the envelope delivered to targets for an accepted entry. */
export function toEnvelope(
  accepted: AcceptedEntry,
  context: { id: string; account: string; region: string; now: Date },
): EventEnvelope {
  return {
    version: "0",
    id: context.id,
    "detail-type": accepted.detailType,
    source: accepted.source,
    account: context.account,
    time: formatEventTime(accepted.time ?? context.now),
    region: context.region,
    resources: accepted.resources,
    detail: accepted.detail,
  };
}
