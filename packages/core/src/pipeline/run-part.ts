import {
  describeError,
  ExtractionPartCompleted,
  type ExtractionRequested,
  isRetryable,
  type Part,
  type PartStatus,
  parseDetail,
} from "@dossier/events";
import type { z } from "zod";
import { companyIdFor } from "../profile/company-id";
import type { LatestDocument } from "../profile/latest-document";
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
  /**
   * Asked when extraction failed with a retryable error: true rethrows it, so the delivery is
   * retried; false (or absent) ends the part as failed with the reason.
   */
  retryLater?: () => Promise<boolean>;
}

/**
 * The cache key of a part: the company id it is stored under and what was asked, normalised, so
 * "aapl" and "AAPL" share an entry. A hit therefore always names a document of the same company,
 * which the merge insists on.
 */
export function partCacheKey(part: Part, companyId: string, company: RequestedDetail["company"]): string {
  const fields =
    part === "sec" ? [company.cik, company.ticker, company.name] : [company.website, company.name];
  return [companyId, ...fields.map((field) => (field ?? "").trim().toLowerCase())].join("|");
}

/**
 * What the cache keeps of a succeeded part: its outcome and the S3 key of the claim-check
 * document written when it was extracted. A hit publishes that key again instead of copying the
 * data: small cache items, and no S3 write on the fast path.
 */
interface PartOutcome {
  status: PartStatus;
  completeness: number;
  missing: string[];
  reason?: string | undefined;
  s3Key?: string;
}

interface CachedPart {
  completeness: number;
  missing: string[];
  reason?: string | undefined;
  s3Key: string;
}

/**
 * Runs one part of a run: serve it from the cache unless `force`, else extract and write the
 * claim-check document to S3; return the `Extraction.PartCompleted` detail to publish.
 * A permanent extraction error becomes a `failed` outcome with the reason (the run must still
 * end); a retryable one is thrown while `retryLater` says another delivery will come, so the
 * delivery is retried, and becomes a failed outcome on the last. Infrastructure errors (S3, the
 * cache table) are always thrown.
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
  const cacheKey = partCacheKey(part, companyId, request.company);
  const hit = request.force
    ? undefined
    : ((await unchangedSecPart()) ?? (await context.cache.get<CachedPart>(cacheSource, cacheKey)));

  /**
   * The company's stored SEC part, when the request says SEC has had nothing new from the company
   * since before that part was requested (a watchlist refresh read it in EDGAR's daily indexes).
   */
  async function unchangedSecPart(): Promise<CachedPart | undefined> {
    if (part !== "sec" || !request.secUnchangedSince) return undefined;
    const stored = (await context.objects.getJson<LatestDocument>(ProfileKeys.latest(companyId)))?.value.parts
      .sec;
    if (stored?.status !== "succeeded" || !stored.s3Key) return undefined;
    if (Date.parse(stored.requestedAt) < Date.parse(request.secUnchangedSince)) return undefined;
    return {
      completeness: stored.completeness,
      missing: stored.missing,
      reason: stored.reason,
      s3Key: stored.s3Key,
    };
  }
  const outcome: PartOutcome = hit ? { status: "succeeded", ...hit } : await extractAndStore();

  async function extractAndStore(): Promise<PartOutcome> {
    let extraction: PartExtraction;
    try {
      extraction = await extract();
    } catch (error) {
      if (isRetryable(error) && (await context.retryLater?.())) throw error;
      return { status: "failed", completeness: 0, missing: [], reason: describeError(error).slice(0, 2000) };
    }
    if (extraction.status !== "succeeded") {
      return {
        status: extraction.status,
        completeness: 0,
        missing: extraction.missing,
        reason: extraction.reason,
      };
    }
    const s3Key = ProfileKeys.part(companyId, request.runId, part);
    const document: PartDocument = {
      part,
      runId: request.runId,
      status: "succeeded",
      completeness: extraction.completeness,
      missing: extraction.missing,
      cached: false,
      durationMs: Math.max(0, context.now().getTime() - started),
      reason: extraction.reason,
      data: extraction.data,
    };
    await context.objects.putJson(s3Key, document, { runHistory: true });
    const remembered: CachedPart = {
      completeness: extraction.completeness,
      missing: extraction.missing,
      reason: extraction.reason,
      s3Key,
    };
    await context.cache.put(cacheSource, cacheKey, remembered, context.cacheTtlSeconds);
    return { status: "succeeded", ...remembered };
  }

  const succeeded = outcome.status === "succeeded";
  return parseDetail(ExtractionPartCompleted, {
    runId: request.runId,
    companyId,
    company: request.company,
    part,
    partsExpected: request.parts,
    status: outcome.status,
    completeness: succeeded ? outcome.completeness : 0,
    missing: succeeded ? outcome.missing : [],
    cached: hit !== undefined,
    ...(outcome.s3Key ? { s3Key: outcome.s3Key } : {}),
    ...(outcome.reason ? { reason: outcome.reason.slice(0, 2000) } : {}),
    durationMs: Math.max(0, context.now().getTime() - started),
    ...(request.batchId ? { batchId: request.batchId } : {}),
    requestedAt: request.requestedAt,
  });
}
