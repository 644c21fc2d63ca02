import { ExtractionRequested, type FailureCode, Part, RunId } from "@dossier/events";
import { companyIdFor } from "../profile/company-id";
import { normalizeTicker, parseCik, type TickerIndex } from "../sec/identity";
import type { RequestedDetail } from "./types";

/** The envelope fields admission reads; EventBridge gives every event an id. */
export interface RequestEnvelope {
  id: string;
  detail: unknown;
}

/** A request that cannot run, with what the publisher needs to correlate and fix it. */
export interface Rejection {
  code: Extract<FailureCode, "invalid-request" | "run-id-in-use" | "identifiers-disagree">;
  reason: string;
  /** The request's runId when it has a usable one, else `evt-<event id>`. */
  runId: string;
  requestEventId: string;
  companyId?: string;
  batchId?: string;
  parts: Part[];
  requestedAt?: string;
}

export type Admission =
  | { admitted: true; detail: RequestedDetail; companyId: string }
  | { admitted: false; rejection: Rejection };

/** The run id a rejection is published under: the request's own when usable, else one from the event id. */
export function correlationRunId(envelope: RequestEnvelope): string {
  const requested = (envelope.detail as { runId?: unknown } | null)?.runId;
  if (RunId.safeParse(requested).success) return requested as string;
  return eventRunId(envelope.id);
}

/** `evt-<event id>`: a run id a publisher can find from the EventId PutEvents returned. */
export function eventRunId(eventId: string): string {
  return `evt-${eventId.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 60)}`.padEnd(8, "0");
}

/** Fields of an invalid request that are still usable for correlation (batch, parts). */
function salvage(detail: unknown): Pick<Rejection, "batchId" | "parts" | "requestedAt"> {
  const fields = (typeof detail === "object" && detail !== null ? detail : {}) as Record<string, unknown>;
  const batchId = RunId.safeParse(fields.batchId);
  const parts = Part.array().min(1).safeParse(fields.parts);
  const requestedAt = ExtractionRequested.schema.shape.requestedAt.safeParse(fields.requestedAt);
  return {
    ...(batchId.success ? { batchId: batchId.data } : {}),
    parts: parts.success ? [...new Set(parts.data)] : [...Part.options],
    ...(requestedAt.success ? { requestedAt: requestedAt.data } : {}),
  };
}

/**
 * Why the identifiers of a request name different companies, or undefined when they agree: a
 * `companyId` that is not its CIK's, or a ticker SEC lists under another CIK. Run before anything
 * is extracted, so one company's data is never stored under another's id. The ticker list is
 * loaded only when a request names both a ticker and a CIK.
 */
export async function identifierConflict(
  detail: { company: RequestedDetail["company"]; companyId?: string | undefined },
  loadTickers: () => Promise<TickerIndex>,
): Promise<string | undefined> {
  const { company } = detail;
  if (company.cik && detail.companyId && detail.companyId !== companyIdFor({ cik: company.cik })) {
    return `companyId ${detail.companyId} is not the id of CIK ${company.cik} (${companyIdFor({ cik: company.cik })}); send one of them`;
  }
  if (!company.cik || !company.ticker) return undefined;
  const listed = (await loadTickers()).byTicker.get(normalizeTicker(company.ticker));
  if (!listed || listed.cik === parseCik(company.cik)) return undefined;
  return `ticker ${company.ticker.toUpperCase()} is CIK ${listed.cik} (${listed.title}), not CIK ${company.cik}; send the ticker or the CIK, not both`;
}

/**
 * Decides whether an `Extraction.Requested` can run: one whose detail breaks the contract is
 * rejected with a reason a person can act on, under a run id the publisher can correlate.
 */
export function admitRequest(envelope: RequestEnvelope): Admission {
  const parsed = ExtractionRequested.schema.safeParse(envelope.detail);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.length ? issue.path.join(".") : "detail"}: ${issue.message}`,
    );
    return {
      admitted: false,
      rejection: {
        code: "invalid-request",
        reason: `${ExtractionRequested.detailType} is not valid: ${issues.join("; ")}`,
        runId: correlationRunId(envelope),
        requestEventId: envelope.id,
        ...salvage(envelope.detail),
      },
    };
  }
  const detail = parsed.data;
  return { admitted: true, detail, companyId: detail.companyId ?? companyIdFor(detail.company) };
}

/** The rejection of an admitted request whose identifiers name different companies, if they do. */
export async function identifiersRejection(
  admitted: { detail: RequestedDetail; companyId: string },
  requestEventId: string,
  loadTickers: () => Promise<TickerIndex>,
): Promise<Rejection | undefined> {
  const { detail, companyId } = admitted;
  const conflict = await identifierConflict(detail, loadTickers);
  if (!conflict) return undefined;
  return {
    code: "identifiers-disagree",
    reason: `identifiers disagree: ${conflict}`,
    runId: detail.runId,
    requestEventId,
    companyId,
    parts: detail.parts,
    requestedAt: detail.requestedAt,
    ...(detail.batchId ? { batchId: detail.batchId } : {}),
  };
}
