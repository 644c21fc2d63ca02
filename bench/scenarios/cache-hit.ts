import { randomUUID } from "node:crypto";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { batchRunIndex } from "@dossier/core/pipeline";
import { ExtractionRequested, Sources, toPutEventsEntry } from "@dossier/events";
import { runBatch } from "@dossier/local/batch";
import { LocalResourceNames } from "@dossier/local/runtime";
import { BenchSecMaxRps, nextEvent, startBenchPipeline, syntheticRequests, TerminalTypes } from "../pipeline";
import { percentile, round } from "../stats";

export interface CacheHitOptions {
  companies: number;
  concurrency: number;
}

export interface CacheHitMeasurement {
  companies: number;
  /** PutEvents sent → terminal event seen, per company, in order. */
  roundTripMs: number[];
  /** The terminal event's own durationMs, per company: requestedAt → merge, before the final writes and publish. */
  terminalDurationMs: number[];
  p50RoundTripMs: number;
  p95RoundTripMs: number;
  p50TerminalDurationMs: number;
  cachedTerminals: number;
  outcomes: Record<string, number>;
  /** Why runs did not complete, with how many ended so. */
  reasons: Record<string, number>;
  targetErrors: Record<string, number>;
}

/**
 * Extracts companies once, then requests each again within the cache TTL, one at a time, and
 * times every request from PutEvents to its terminal event.
 */
export async function measureCacheHits(options: CacheHitOptions): Promise<CacheHitMeasurement> {
  // A few more generated companies than needed, to make up for the ones with a failing site.
  const pipeline = await startBenchPipeline({
    syntheticCount: Math.ceil(options.companies * 1.1) + 2,
    extractorConcurrency: options.concurrency,
    environment: { DOSSIER_SEC_MAX_RPS: BenchSecMaxRps, DOSSIER_CACHE_TTL_SECONDS: "3600" },
  });
  try {
    const companies = syntheticRequests(pipeline.dataset, pipeline.fixtures.baseUrl, options.companies, {
      healthySitesOnly: true,
    });
    const first = await runBatch(pipeline.runtime, companies, {
      parts: ["sec", "leadership"],
      force: false,
      timeoutMs: 300_000,
    });
    // Each company's id as the batch resolved it (a ticker to its CIK), which a repeat request
    // carries as `dossier extract` does; a bare ticker published directly is stored under `ticker-…`.
    const companyIds = new Map(
      first.outcomes.map((outcome) => [batchRunIndex(outcome.runId), outcome.companyId]),
    );
    // Deliveries of the first pass still settling would be timed with the second.
    await pipeline.runtime.drain();
    const client = new EventBridgeClient({});
    const roundTripMs: number[] = [];
    const terminalDurationMs: number[] = [];
    const outcomes: Record<string, number> = {};
    const reasons: Record<string, number> = {};
    let cachedTerminals = 0;
    for (const [position, company] of companies.entries()) {
      const runId = `bench-${randomUUID()}`;
      const companyId = companyIds.get(position);
      const terminal = nextEvent(
        pipeline.runtime,
        (event) => TerminalTypes.has(event["detail-type"]) && event.detail.runId === runId,
      );
      const entry = toPutEventsEntry(
        ExtractionRequested,
        {
          runId,
          company,
          ...(companyId ? { companyId } : {}),
          parts: ["sec", "leadership"],
          force: false,
          requestedAt: new Date().toISOString(),
        },
        { source: Sources.requests, busName: LocalResourceNames.bus },
      );
      const sent = performance.now();
      await client.send(new PutEventsCommand({ Entries: [entry] }));
      const { event, at } = await terminal;
      roundTripMs.push(round(at - sent, 2));
      terminalDurationMs.push(Number(event.detail.durationMs));
      outcomes[event["detail-type"]] = (outcomes[event["detail-type"]] ?? 0) + 1;
      if (event.detail.cached === true) cachedTerminals += 1;
      if (typeof event.detail.reason === "string")
        reasons[event.detail.reason] = (reasons[event.detail.reason] ?? 0) + 1;
    }
    return {
      companies: companies.length,
      roundTripMs,
      terminalDurationMs,
      p50RoundTripMs: percentile(roundTripMs, 0.5),
      p95RoundTripMs: percentile(roundTripMs, 0.95),
      p50TerminalDurationMs: percentile(terminalDurationMs, 0.5),
      cachedTerminals,
      outcomes,
      reasons,
      targetErrors: pipeline.targetErrors,
    };
  } finally {
    await pipeline.close();
  }
}
