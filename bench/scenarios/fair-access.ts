import { ExtractionRequested } from "@dossier/events";
import { countOutcomes, startWarmPipeline } from "../pipeline";
import { round } from "../stats";

export interface FairAccessOptions {
  companies: number;
  concurrency: number;
  warmup: number;
  secLatencyMs: number;
  /** SEC's published limit, enforced by the fixture server; our limiter runs at its default. */
  secLimitPerSecond: number;
}

export interface FairAccessMeasurement {
  companies: number;
  concurrency: number;
  wallMs: number;
  companiesPerSecond: number;
  secRequests: number;
  secRequestsPerCompany: number;
  secRequestsPerSecond: number;
  /** The best a client can do: the limit divided by the requests each company needs. */
  ceilingCompaniesPerSecond: number;
  fractionOfCeiling: number;
  /** Publish → first SEC request of the batch: fan-out and extractor start. */
  rampMs: number;
  /** Publish → first Extraction.Requested of the batch on the bus: the fan-out's share of the ramp. */
  fanOutFirstMs: number;
  /** Last SEC request → Batch.Completed: the last company's remaining work. */
  tailMs: number;
  /** SEC requests per second between the first and the last one: what the limiter sustains. */
  steadySecRequestsPerSecond: number;
  rateLimited: number;
  /**
   * Shortest time any 11 consecutive SEC requests of the batch took to arrive: under 1000 ms
   * means 11 in one second, a 429 from SEC. How much margin the limiter leaves.
   */
  tightestElevenRequestSpanMs: number;
  outcomes: Record<string, number>;
  bus: Record<string, number>;
  targetErrors: Record<string, number>;
}

/**
 * SEC-only batch against slow fixtures that answer 429 past 10 requests/s: how close the shared
 * limiter gets to the fair-access ceiling without ever crossing it.
 */
export async function measureFairAccess(options: FairAccessOptions): Promise<FairAccessMeasurement> {
  // Its warm-up also loads the ticker index, which a long-running worker has already.
  const {
    pipeline,
    measured: companies,
    batch,
  } = await startWarmPipeline({
    companies: options.companies,
    warmup: options.warmup,
    parts: ["sec"],
    extractorConcurrency: options.concurrency,
    fixtures: { secLatencyMs: options.secLatencyMs, secRateLimitPerSecond: options.secLimitPerSecond },
  });
  try {
    const firstMeasured = (await pipeline.fixtures.requestLog()).length;
    // The fixture server stamps requests with Date.now(); keep both clocks to relate them.
    const startedAt = Date.now();
    let firstRequestAt: number | undefined;
    const unsubscribe = pipeline.runtime.onEvent((event) => {
      if (event["detail-type"] === ExtractionRequested.detailType && event.detail.batchId) {
        firstRequestAt ??= Date.now();
      }
    });
    const started = performance.now();
    const report = await batch(companies, 600_000);
    const wallMs = performance.now() - started;
    unsubscribe();
    const log = await pipeline.fixtures.requestLog();
    const measured = log.slice(firstMeasured);
    const sec = measured
      .filter((entry) => entry.route === "sec-www" || entry.route === "sec-data")
      // The log is in answer order; the window SEC applies is over arrivals.
      .sort((a, b) => a.at - b.at);
    const secRequestsPerCompany = sec.length / options.companies;
    let tightestSpan = Number.POSITIVE_INFINITY;
    for (let index = 10; index < sec.length; index++) {
      tightestSpan = Math.min(tightestSpan, (sec[index]?.at ?? 0) - (sec[index - 10]?.at ?? 0));
    }
    const firstAt = sec[0]?.at ?? startedAt;
    const lastAt = sec.at(-1)?.at ?? startedAt;
    const companiesPerSecond = options.companies / (wallMs / 1000);
    const ceiling = options.secLimitPerSecond / secRequestsPerCompany;
    const outcomes = countOutcomes(report);
    return {
      companies: options.companies,
      concurrency: options.concurrency,
      wallMs: round(wallMs),
      companiesPerSecond: round(companiesPerSecond, 3),
      secRequests: sec.length,
      secRequestsPerCompany: round(secRequestsPerCompany, 3),
      secRequestsPerSecond: round(sec.length / (wallMs / 1000), 2),
      ceilingCompaniesPerSecond: round(ceiling, 3),
      fractionOfCeiling: round(companiesPerSecond / ceiling, 3),
      rampMs: firstAt - startedAt,
      fanOutFirstMs: (firstRequestAt ?? Number.NaN) - startedAt,
      tailMs: Math.round(startedAt + wallMs - lastAt),
      steadySecRequestsPerSecond: round((sec.length - 1) / ((lastAt - firstAt) / 1000), 2),
      // The whole run, warm-up included: one 429 anywhere breaks fair access.
      rateLimited: log.filter((entry) => entry.status === 429).length,
      tightestElevenRequestSpanMs: tightestSpan,
      outcomes,
      bus: { ...pipeline.runtime.bus.stats() },
      targetErrors: pipeline.targetErrors,
    };
  } finally {
    await pipeline.close();
  }
}
