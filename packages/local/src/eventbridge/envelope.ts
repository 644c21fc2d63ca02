import type { EventEnvelope, PutEventsRequestEntry } from "./types";

/** PutEvents accepts at most this many entries per call. */
export const MAX_ENTRIES_PER_CALL = 10;
/** The PutEvents entry size limit (256 KB), also the limit for the whole request. */
export const MAX_ENTRY_BYTES = 256 * 1024;

export interface EntryError {
  ErrorCode: string;
  ErrorMessage: string;
}

export interface AcceptedEntry {
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

function parseDetail(detail: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(detail);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function targetsBus(eventBusName: string | undefined, bus: BusIdentity): boolean {
  // AWS routes entries without EventBusName to the account's "default" bus.
  const requested = eventBusName ?? "default";
  return requested === bus.name || requested === bus.arn;
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
  if (!targetsBus(entry.EventBusName, bus)) {
    return invalidArgument("EventBusName", `Event bus ${entry.EventBusName ?? "default"} does not exist.`);
  }
  const detail = parseDetail(entry.Detail);
  if (detail === undefined) return { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." };
  return {
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
