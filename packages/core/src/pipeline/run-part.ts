import {
  ExtractionPartCompleted,
  type ExtractionRequested,
  type Part,
  type PartStatus,
  parseDetail,
} from "@dossier/events";
import type { z } from "zod";
import { companyIdFor } from "../profile/company-id";
import type { PartDocument } from "../profile/merge";
import { type ObjectStore, ProfileKeys } from "../profile/object-store";
import type { ResponseCache } from "../resilience/cache";

type RequestedDetail = z.output<(typeof ExtractionRequested)["schema"]>;
type PartCompletedDetail = z.output<(typeof ExtractionPartCompleted)["schema"]>;

/** What an extractor returns: data and its completeness, or a reason it had nothing to do. */
export interface PartExtraction {
  status: "succeeded" | "skipped";
  data?: unknown;
  completeness: number;
  missing: string[];
  reason?: string;
}

export interface PartRunContext {
  objects: ObjectStore;
  cache: ResponseCache;
  cacheTtlSeconds: number;
  now: () => Date;
}

/** The cache key of a part: what was asked, normalised, so "aapl" and "AAPL" share an entry. */
export function partCacheKey(part: Part, company: RequestedDetail["company"]): string {
  const fields =
    part === "sec" ? [company.cik, company.ticker, company.name] : [company.website, company.name];
  return fields.map((field) => (field ?? "").trim().toLowerCase()).join("|");
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Runs one part of a run: serve it from the cache unless `force`, else extract; write the
 * claim-check document to S3; return the `Extraction.PartCompleted` detail to publish.
 * Extraction errors become a `failed` outcome with the reason (the run must still end);
 * only infrastructure errors (S3, the cache table) are thrown, so the delivery is retried.
 */
export async function runPart(
  context: PartRunContext,
  request: RequestedDetail,
  part: Part,
  extract: () => Promise<PartExtraction>,
): Promise<PartCompletedDetail> {
  const started = context.now().getTime();
  const companyId = request.companyId ?? companyIdFor(request.company);
  const cacheSource = `part-${part}`;
  const cacheKey = partCacheKey(part, request.company);
  let cached = false;
  let status: PartStatus;
  let extraction: PartExtraction | undefined = request.force
    ? undefined
    : await context.cache.get<PartExtraction>(cacheSource, cacheKey);
  let reason: string | undefined;
  if (extraction) {
    cached = true;
    status = extraction.status;
    reason = extraction.reason;
  } else {
    try {
      extraction = await extract();
      status = extraction.status;
      reason = extraction.reason;
      if (extraction.status === "succeeded") {
        await context.cache.put(cacheSource, cacheKey, extraction, context.cacheTtlSeconds);
      }
    } catch (error) {
      status = "failed";
      reason = describe(error).slice(0, 2000);
    }
  }
  const durationMs = Math.max(0, context.now().getTime() - started);
  let s3Key: string | undefined;
  if (status === "succeeded" && extraction) {
    s3Key = ProfileKeys.part(companyId, request.runId, part);
    const document: PartDocument = {
      part,
      runId: request.runId,
      status,
      completeness: extraction.completeness,
      missing: extraction.missing,
      cached,
      durationMs,
      reason,
      data: extraction.data,
    };
    await context.objects.putJson(s3Key, document, { runHistory: true });
  }
  return parseDetail(ExtractionPartCompleted, {
    runId: request.runId,
    companyId,
    company: request.company,
    part,
    partsExpected: request.parts,
    status,
    completeness: status === "succeeded" ? (extraction?.completeness ?? 0) : 0,
    missing: status === "succeeded" ? (extraction?.missing ?? []) : [],
    cached,
    ...(s3Key ? { s3Key } : {}),
    ...(reason ? { reason: reason.slice(0, 2000) } : {}),
    durationMs,
    ...(request.batchId ? { batchId: request.batchId } : {}),
    requestedAt: request.requestedAt,
  });
}
