import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { CompanyRequest } from "@dossier/events";
import { type DemoDataset, type DemoFixtureServer, startDemoFixtureServer } from "@dossier/local/demo";
import type { EventEnvelope } from "@dossier/local/eventbridge";
import { LocalResourceNames, type LocalRuntime, startLocalRuntime } from "@dossier/local/runtime";
import { recordEvents, TerminalTypes } from "../support";

/** The SEC and website settings every demo-backed runtime in these tests starts with. */
export function demoEnvironment(fixture: { secDataUrl: string; secWwwUrl: string }): Record<string, string> {
  return {
    DOSSIER_SEC_DATA_URL: fixture.secDataUrl,
    DOSSIER_SEC_WWW_URL: fixture.secWwwUrl,
    DOSSIER_SEC_USER_AGENT: "dossier-tests tests@example.com",
    // The demo websites live on 127.0.0.1, which production fetching refuses.
    DOSSIER_ALLOW_PRIVATE_NETWORK: "1",
    POWERTOOLS_LOG_LEVEL: "SILENT",
  };
}

/**
 * The demo's fixture servers and a fresh in-memory runtime whose handlers call them, with quick
 * bus retries, a sweep that runs only when the test calls it, and every accepted event recorded.
 */
export async function startDemoRuntime(
  dataset: DemoDataset,
): Promise<{ fixture: DemoFixtureServer; runtime: LocalRuntime; events: EventEnvelope[] }> {
  const fixture = await startDemoFixtureServer({ dataset });
  try {
    const runtime = await startLocalRuntime({
      retryBaseDelayMs: 20,
      sweepIntervalMs: 0,
      environment: demoEnvironment(fixture),
    });
    return { fixture, runtime, events: recordEvents(runtime) };
  } catch (error) {
    await fixture.close();
    throw error;
  }
}

/**
 * A fresh in-memory runtime whose handlers call an EDGAR fixture server, with quick bus retries
 * and a sweep that runs only when the test calls it.
 */
export function startEdgarRuntime(
  edgar: { dataBaseUrl: string; wwwBaseUrl: string },
  environment: Record<string, string> = {},
): Promise<LocalRuntime> {
  return startLocalRuntime({
    retryBaseDelayMs: 20,
    sweepIntervalMs: 0,
    environment: {
      DOSSIER_SEC_DATA_URL: edgar.dataBaseUrl,
      DOSSIER_SEC_WWW_URL: edgar.wwwBaseUrl,
      DOSSIER_SEC_USER_AGENT: "dossier-tests tests@example.com",
      POWERTOOLS_LOG_LEVEL: "SILENT",
      ...environment,
    },
  });
}

/** The demo's request shape as the event contract types it (the demo omits nothing it needs). */
export function toCompanyRequest(request: {
  ticker?: string;
  cik?: string;
  name?: string;
  website?: string;
}) {
  return request as CompanyRequest;
}

export function isTerminal(event: EventEnvelope): boolean {
  return TerminalTypes.has(event["detail-type"]);
}

/** Terminal events grouped by run id, so "exactly one per run" is a length check. */
export function terminalsByRun(events: readonly EventEnvelope[]): Map<string, EventEnvelope[]> {
  const byRun = new Map<string, EventEnvelope[]>();
  for (const event of events) {
    if (!isTerminal(event)) continue;
    const runId = String((event.detail as { runId?: unknown }).runId);
    byRun.set(runId, [...(byRun.get(runId) ?? []), event]);
  }
  return byRun;
}

/** Run ids that did not end in exactly one terminal event, with how many they got. */
export function runsWithoutExactlyOneTerminal(
  byRun: ReadonlyMap<string, readonly EventEnvelope[]>,
  expectedRunIds: Iterable<string>,
): Record<string, number> {
  const offenders: Record<string, number> = {};
  for (const runId of expectedRunIds) {
    const count = byRun.get(runId)?.length ?? 0;
    if (count !== 1) offenders[runId] = count;
  }
  for (const [runId, events] of byRun) if (events.length !== 1) offenders[runId] = events.length;
  return offenders;
}

/** Resolves with the first event the predicate accepts, seen through `onEvent`. */
export function waitForEvent(
  runtime: { onEvent(listener: (event: EventEnvelope) => void): () => void },
  predicate: (event: EventEnvelope) => boolean,
  timeoutMs = 60_000,
): Promise<EventEnvelope> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching event within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = runtime.onEvent((event) => {
      if (!predicate(event)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(event);
    });
  });
}

/** Reads a JSON document from the runtime's profile bucket through the S3 SDK. */
export async function readProfileObject<T = Record<string, unknown>>(key: string): Promise<T> {
  const response = await new S3Client({}).send(
    new GetObjectCommand({ Bucket: LocalResourceNames.bucket, Key: key }),
  );
  return JSON.parse((await response.Body?.transformToString("utf8")) ?? "null") as T;
}

/** The fields of a merged profile that do not depend on timing, cache state or run id. */
export function profileContent(profile: Record<string, unknown>) {
  return {
    companyId: profile.companyId,
    status: profile.status,
    completeness: profile.completeness,
    missing: profile.missing,
    identity: profile.identity,
    financials: profile.financials,
    executives: profile.executives,
    board: profile.board,
  };
}
