import { randomUUID } from "node:crypto";
import type { PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import {
  BatchCompleted,
  type BatchRequested,
  type CompanyRequest,
  type DetailOf,
  DossierError,
  ExtractionFailed,
  ExtractionRequested,
  InvalidEventError,
  type Part,
  ProfileCompleted,
  ProfileIncomplete,
  parseDetail,
  Sources,
  type TerminalEvents,
  type TypedEnvelope,
  toPutEventsEntry,
} from "@dossier/events";
import { z } from "zod";
import { companyIdFor } from "../profile/company-id";
import { ProfileKeys } from "../profile/object-store";
import type { BatchSummary } from "../store/batch-ledger";
import type { PipelineContext } from "./context";
import type { RefreshPlan, RefreshRequest } from "./watchlist-refresh";

/** Requests per S3 page: small enough that one page's entries stay far below 256 KB of state. */
const BatchPageSize = 200;

/** A batch list in S3 (`companiesKey`): a JSON array of companies. */
const CompanyList = z.array(z.unknown());

interface BatchPage {
  batchId: string;
  entries: PutEventsRequestEntry[];
}

/** Run ids of a batch are derived from the batch and position, so a re-run fan-out repeats them. */
export function batchRunId(batchId: string, index: number): string {
  return `${batchId.slice(0, 48)}-${String(index).padStart(5, "0")}`;
}

/** The position in its batch's list of the company a batch run id was made for. */
export function batchRunIndex(runId: string): number | undefined {
  const match = /-(\d{5})$/.exec(runId);
  return match ? Number(match[1]) : undefined;
}

/** How a batch names profiles and, for a watchlist, plans its refresh; the handler supplies both. */
export interface BatchResolvers {
  /** Given the list, how each company's profile is named (tickers and names resolved to CIKs when possible). */
  namerFor?: (companies: CompanyRequest[]) => Promise<(company: CompanyRequest) => string>;
  /** A watchlist's refresh: its companies and which of them SEC has news about. */
  planRefresh?: (refresh: {
    watchlist: string;
    asOf: Date;
    batchId: string;
    parts: readonly Part[];
  }) => Promise<RefreshPlan>;
}

/** The batch's companies with what each request carries beyond the batch's own fields. */
async function batchRequests(
  context: PipelineContext,
  detail: DetailOf<typeof BatchRequested>,
  resolvers: BatchResolvers,
): Promise<{ requests: RefreshRequest[]; unchanged: number }> {
  if (detail.watchlist !== undefined) {
    if (!resolvers.planRefresh) throw new Error("this deployment cannot refresh watchlists");
    const plan = await resolvers.planRefresh({
      watchlist: detail.watchlist,
      asOf: new Date(detail.requestedAt),
      batchId: detail.batchId,
      parts: detail.parts as Part[],
    });
    if (plan.requests.length + plan.unchanged === 0)
      throw new DossierError(
        `batch ${detail.batchId}: watchlist ${detail.watchlist} is empty or does not exist`,
        {
          retryable: false,
        },
      );
    return {
      requests: plan.requests.map((request) => ({ ...request, force: request.force || detail.force })),
      unchanged: plan.unchanged,
    };
  }
  let companies: unknown[];
  if (detail.companies) companies = detail.companies;
  else {
    const listed = await context.objects.getJson<unknown>(detail.companiesKey ?? "");
    if (!listed)
      throw new Error(
        `batch ${detail.batchId}: no company list at s3://${context.objects.bucket}/${detail.companiesKey}`,
      );
    companies = CompanyList.parse(listed.value);
  }
  const companyIdOf = await (resolvers.namerFor ?? (async () => companyIdFor))(companies as CompanyRequest[]);
  return {
    requests: (companies as CompanyRequest[]).map((company) => ({
      company,
      companyId: companyIdOf(company),
      force: detail.force,
    })),
    unchanged: 0,
  };
}

/**
 * BatchFanOut's first step: read the list (inline, from S3, or a watchlist's refresh plan), open
 * the batch ledger with its total, and write the Extraction.Requested entries to S3 in pages.
 */
export async function prepareBatch(
  context: PipelineContext,
  detail: DetailOf<typeof BatchRequested>,
  resolvers: BatchResolvers = {},
) {
  const { requests, unchanged } = await batchRequests(context, detail, resolvers);
  const entries = requests.map((request, index) =>
    toPutEventsEntry(
      ExtractionRequested,
      {
        runId: batchRunId(detail.batchId, index),
        company: request.company,
        companyId: request.companyId,
        parts: detail.parts as Part[],
        force: request.force,
        ...(request.secUnchangedSince ? { secUnchangedSince: request.secUnchangedSince } : {}),
        batchId: detail.batchId,
        requestedAt: detail.requestedAt,
      },
      { source: Sources.batch, busName: context.busName },
    ),
  );
  await context.store.batches.create({
    batchId: detail.batchId,
    total: entries.length,
    requestedAt: Date.parse(detail.requestedAt),
    ...(unchanged ? { unchanged } : {}),
  });
  // A refresh that found nothing to do is complete now: no run will end to complete it.
  if (entries.length === 0) await completeBatch(context, detail.batchId);
  const pages: { key: string }[] = [];
  for (let start = 0, page = 0; start < entries.length; start += BatchPageSize, page += 1) {
    const key = ProfileKeys.batchPage(detail.batchId, page);
    const content: BatchPage = {
      batchId: detail.batchId,
      entries: entries.slice(start, start + BatchPageSize),
    };
    await context.objects.putJson(key, content);
    pages.push({ key });
  }
  return { batchId: detail.batchId, total: entries.length, pages };
}

/** BatchFanOut's per-page step: the page's PutEvents entries. */
export async function loadBatchPage(context: PipelineContext, input: { key: string }) {
  const page = await context.objects.getJson<BatchPage>(input.key);
  if (!page) throw new Error(`batch page s3://${context.objects.bucket}/${input.key} does not exist`);
  return { entries: page.value.entries };
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

const statusByDetailType: Record<string, "completed" | "incomplete" | "failed"> = {
  [ProfileCompleted.detailType]: "completed",
  [ProfileIncomplete.detailType]: "incomplete",
  [ExtractionFailed.detailType]: "failed",
};

/**
 * Counts a run's terminal event in its batch (once), and when it was the last run, publishes
 * Batch.Completed with the summary.
 */
export async function recordRunEnded(
  context: PipelineContext,
  event: TypedEnvelope<(typeof TerminalEvents)[number]>,
) {
  const status = statusByDetailType[event["detail-type"]];
  if (!status) throw new Error(`not a terminal event: ${event["detail-type"]}`);
  const { detail } = event;
  // The batch-ledger rule delivers only terminal events that carry a batch id.
  if (!detail.batchId)
    throw new InvalidEventError(event["detail-type"], ["batchId: required by the batch ledger"]);
  const counted = await context.store.batches.recordOutcome(detail.batchId, detail.runId, {
    status,
    cached: "cached" in detail ? detail.cached : false,
    ...(status !== "failed" && "completeness" in detail ? { completeness: detail.completeness } : {}),
  });
  return { completed: await completeBatch(context, detail.batchId, counted.batch) };
}

/**
 * Claims the batch's completion once every run is counted and publishes Batch.Completed with the
 * summary; false when it is not complete yet or another delivery claimed it.
 */
async function completeBatch(
  context: PipelineContext,
  batchId: string,
  counted?: BatchSummary,
): Promise<boolean> {
  const completion = await context.store.batches.claimCompletion(batchId, context.now().getTime(), counted);
  if (!completion.claimed) return false;
  const summary = completion.batch;
  const runs = await context.store.runs.ofBatch(batchId);
  const durations = runs
    .map((run) => run.durationMs)
    .filter((value): value is number => typeof value === "number")
    .sort((a, b) => a - b);
  const withProfile = summary.completed + summary.incomplete;
  const completed = parseDetail(BatchCompleted, {
    batchId,
    total: summary.total,
    completed: summary.completed,
    incomplete: summary.incomplete,
    failed: summary.failed,
    cached: summary.cached,
    ...(summary.unchanged ? { unchanged: summary.unchanged } : {}),
    averageCompleteness: withProfile ? Math.round((summary.completenessSum / withProfile) * 10) / 10 : 0,
    p50DurationMs: percentile(durations, 0.5),
    p95DurationMs: percentile(durations, 0.95),
    completedAt: context.now().toISOString(),
  });
  await context.objects.putJson(ProfileKeys.batchSummary(batchId), completed);
  await context.publish([
    toPutEventsEntry(BatchCompleted, completed, { source: Sources.batch, busName: context.busName }),
  ]);
  return true;
}

/** A fresh run id for a single request (`run_` and 32 hex digits). */
export function newRunId(): string {
  return `run_${randomUUID().replace(/-/g, "")}`;
}

/** A new batch id: sortable by time, unique across machines. */
export function newBatchId(now: Date): string {
  return `batch_${now
    .toISOString()
    .replace(/[-:.TZ]/g, "")
    .slice(0, 14)}_${randomUUID().slice(0, 8)}`;
}
