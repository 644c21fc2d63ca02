import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { newBatchId } from "@dossier/core/pipeline";
import { ObjectStore, readStoredProfiles } from "@dossier/core/profile";
import { createStore } from "@dossier/core/store";
import {
  BatchCompleted,
  BatchRequested,
  type CompanyRequest,
  DossierError,
  type Part,
  ProfileCompleted,
  ProfileIncomplete,
  Sources,
  TerminalDetailTypes,
  toPutEventsEntry,
} from "@dossier/events";
import type { EventEnvelope } from "../eventbridge";
import { LocalResourceNames, type LocalRuntime } from "../runtime";

/** The bus refused a Batch.Requested (its own validation, not the contract's). */
export class BatchRejectedError extends DossierError {
  constructor(reason: string) {
    super(`the bus rejected the batch: ${reason}`, { retryable: false });
  }
}

export interface BatchOutcome {
  companyId: string;
  runId: string;
  type: string;
  completeness: number | undefined;
  durationMs: number | undefined;
  reason: string | undefined;
  cached: boolean;
  /** The parts of the run served from the cache. */
  cachedParts: Part[];
  /** The company's name and first ticker from its stored profile, when it has one. */
  name?: string | undefined;
  ticker?: string | undefined;
}

export interface BatchReport {
  batchId: string;
  summary: Record<string, unknown>;
  outcomes: BatchOutcome[];
}

/** Completes a local batch's outcomes from the runtime's table and bucket (see {@link describeOutcomes}). */
export function describeLocalOutcomes(report: BatchReport): Promise<void> {
  return describeOutcomes(report.outcomes, report.batchId, {
    store: createStore({ client: new DynamoDBClient({}), table: LocalResourceNames.table }),
    objects: new ObjectStore(new S3Client({}), LocalResourceNames.bucket),
  });
}

/** Reports larger than this are not given names: reading every profile would take longer than the batch is worth waiting for. */
const namedReportLimit = 2_000;

/**
 * Completes a batch's outcomes with what the table shows beside each id: which parts came from the
 * cache (from the run ledger) and the company's name and ticker (from its stored profile).
 */
export async function describeOutcomes(
  outcomes: BatchOutcome[],
  batchId: string,
  sources: { store: ReturnType<typeof createStore>; objects: ObjectStore },
): Promise<void> {
  const cachedParts = await cachedPartsOf(sources.store, batchId);
  const profiles =
    outcomes.length > namedReportLimit
      ? []
      : await readStoredProfiles(sources.objects, [...new Set(outcomes.map((outcome) => outcome.companyId))]);
  const byCompany = new Map(profiles.map((profile) => [profile.companyId, profile]));
  for (const outcome of outcomes) {
    outcome.cachedParts = cachedParts.get(outcome.runId) ?? [];
    const profile = byCompany.get(outcome.companyId);
    outcome.name = profile?.name;
    outcome.ticker = profile?.tickers[0];
  }
}

/** Which parts of each run of a batch were served from the cache, by run id, from the run ledger. */
async function cachedPartsOf(
  store: ReturnType<typeof createStore>,
  batchId: string,
): Promise<Map<string, Part[]>> {
  const runs = await store.runs.ofBatch(batchId);
  return new Map(
    runs.map((run) => [
      run.runId,
      Object.entries(run.parts ?? {}).flatMap(([part, outcome]) => (outcome?.cached ? [part as Part] : [])),
    ]),
  );
}

/** What a batch runs: a list of companies, or a watchlist's refresh. */
export type BatchInput = CompanyRequest[] | { watchlist: string };

/** Publishes Batch.Requested; lists over 500 go to S3 first (an event is capped at 256 KB). */
export async function publishBatch(
  target: { busName: string; bucketName: string },
  batchId: string,
  companies: BatchInput,
  options: { parts: Part[]; force: boolean },
): Promise<void> {
  const requestedAt = new Date().toISOString();
  let detail: Record<string, unknown> = { batchId, parts: options.parts, force: options.force, requestedAt };
  if (!Array.isArray(companies)) detail = { ...detail, watchlist: companies.watchlist };
  else if (companies.length <= 500) detail = { ...detail, companies };
  else {
    const companiesKey = `batches/${batchId}/input.json`;
    await new S3Client({}).send(
      new PutObjectCommand({ Bucket: target.bucketName, Key: companiesKey, Body: JSON.stringify(companies) }),
    );
    detail = { ...detail, companiesKey };
  }
  // A list the contract refuses throws InvalidEventError here, before anything is published.
  const entry = toPutEventsEntry(BatchRequested, detail as never, {
    source: Sources.requests,
    busName: target.busName,
  });
  const published = await new EventBridgeClient({}).send(new PutEventsCommand({ Entries: [entry] }));
  if (published.FailedEntryCount) {
    throw new BatchRejectedError(published.Entries?.[0]?.ErrorMessage ?? "no reason given");
  }
}

/** How many runs of a batch have ended, by outcome. */
export interface BatchCounts {
  completed: number;
  incomplete: number;
  failed: number;
}

export interface RunBatchOptions {
  parts: Part[];
  force: boolean;
  timeoutMs: number;
  /** Told each time a run of the batch ends (a progress bar, a log line). */
  onProgress?: (ended: number, counts: BatchCounts) => void;
}

/** A batch whose Batch.Completed did not come within the time the caller gave it. */
export class BatchTimeoutError extends DossierError {
  constructor(
    readonly batchId: string,
    timeoutMs: number,
  ) {
    super(`batch ${batchId} did not complete within ${Math.round(timeoutMs / 1000)} s`, { retryable: false });
  }
}

const terminalTypes: ReadonlySet<string> = new Set(TerminalDetailTypes);

/**
 * Publishes a batch into a running local runtime and resolves with its Batch.Completed summary and
 * every run's outcome as its terminal event told it; {@link describeLocalOutcomes} adds what a
 * table shows beside each (cached parts, name, ticker), reading the ledger and the profiles.
 * @throws BatchTimeoutError when the batch does not complete within `timeoutMs`.
 */
export async function runBatch(
  runtime: LocalRuntime,
  companies: BatchInput,
  options: RunBatchOptions,
): Promise<BatchReport> {
  const batchId = newBatchId(new Date());
  const outcomes: BatchOutcome[] = [];
  const counts: BatchCounts = { completed: 0, incomplete: 0, failed: 0 };
  let stopListening: () => unknown = () => undefined;
  const done = new Promise<Record<string, unknown>>((resolve) => {
    stopListening = runtime.onEvent((event: EventEnvelope) => {
      const detail = event.detail as Record<string, unknown>;
      if (detail.batchId !== batchId) return;
      const type = event["detail-type"];
      if (terminalTypes.has(type)) {
        outcomes.push({
          companyId: String(detail.companyId ?? "?"),
          runId: String(detail.runId),
          type,
          completeness: detail.completeness as number | undefined,
          durationMs: detail.durationMs as number | undefined,
          reason: detail.reason as string | undefined,
          cached: detail.cached === true,
          cachedParts: [],
        });
        if (type === ProfileCompleted.detailType) counts.completed += 1;
        else if (type === ProfileIncomplete.detailType) counts.incomplete += 1;
        else counts.failed += 1;
        options.onProgress?.(outcomes.length, counts);
      }
      if (type === BatchCompleted.detailType) resolve(detail);
    });
  });
  await publishBatch(
    { busName: LocalResourceNames.bus, bucketName: LocalResourceNames.bucket },
    batchId,
    companies,
    options,
  );
  let timer: NodeJS.Timeout | undefined;
  const summary = await Promise.race([
    done,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BatchTimeoutError(batchId, options.timeoutMs)), options.timeoutMs);
      timer.unref();
    }),
  ]).finally(() => {
    clearTimeout(timer);
    stopListening();
  });
  return { batchId, summary, outcomes };
}
