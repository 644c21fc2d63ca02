/**
 * A weekly refresh of a large watchlist against slow fixtures at SEC's 10 requests/s, beside
 * re-extracting every company: scenario (h) of `npm run bench`.
 *
 * The watched companies were extracted a week ago: their latest.json holds a SEC part from then
 * (seeded directly; extracting 10,000 companies at 10 requests/s first would take an hour). Of
 * them, `filedShare` filed something since, spread over the week's daily indexes, a quarter of
 * them 8-Ks with Item 5.02. The refresh asks for the SEC part only, which is what SEC's limit
 * bounds. Re-extracting all of them is measured on a sample at the same limit and scaled to the
 * watchlist: the limit makes its time proportional to its requests.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { lastPublishedIndexDay } from "@dossier/core/pipeline";
import { ObjectStore, ProfileKeys } from "@dossier/core/profile";
import { createStore } from "@dossier/core/store";
import type { CompanyRequest } from "@dossier/events";
import { runBatch } from "@dossier/local/batch";
import { generateDemoDataset, renderEightK } from "@dossier/local/demo";
import { LocalResourceNames } from "@dossier/local/runtime";
import { countOutcomes, startBenchPipeline } from "../pipeline";
import { round } from "../stats";

export interface WatchlistRefreshOptions {
  watched: number;
  /** The share of watched companies that filed since their profile (0.02 = 2 %). */
  filedShare: number;
  /** Companies re-extracted to measure what re-extracting costs per company. */
  sample: number;
  secLatencyMs: number;
  secLimitPerSecond: number;
  concurrency: number;
}

export interface WatchlistRefreshMeasurement {
  watched: number;
  filed: number;
  /** The business days the filings fall on. */
  indexDays: number;
  refresh: {
    wallMs: number;
    secRequests: number;
    indexRequests: number;
    runs: number;
    unchanged: number;
    outcomes: Record<string, number>;
    leadershipChangesFiled: number;
  };
  sample: { companies: number; wallMs: number; secRequests: number; outcomes: Record<string, number> };
  /** Re-extracting every watched company, scaled from the sample. */
  fullEstimate: { secRequests: number; wallMs: number };
  secRequestRatio: number;
  wallRatio: number;
  rateLimited: number;
}

const dayMs = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isWeekday = (ms: number) => ![0, 6].includes(new Date(ms).getUTCDay());
const cik10 = (cik: number) => String(cik).padStart(10, "0");

async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<unknown>) {
  for (let start = 0; start < items.length; start += size)
    await Promise.all(items.slice(start, start + size).map(work));
}

export async function measureWatchlistRefresh(
  options: WatchlistRefreshOptions,
): Promise<WatchlistRefreshMeasurement> {
  const warmup = 3;
  const total = options.watched + options.sample + warmup;
  const registrants = generateDemoDataset({ syntheticCount: total }).companies.filter(
    (company) => company.origin === "synthetic" && company.sec,
  );
  if (registrants.length < total)
    throw new RangeError(`the data set has ${registrants.length} registrants, ${total} needed`);
  const watched = registrants.slice(0, options.watched);
  const sample = registrants.slice(options.watched, options.watched + options.sample);
  const warm = registrants.slice(options.watched + options.sample, total);

  // Profiles made a week ago; the week's business days up to the last published index.
  const now = Date.now();
  const profiledAt = new Date(now - 7 * dayMs).toISOString();
  const through = lastPublishedIndexDay(new Date(now));
  const days: string[] = [];
  for (let at = Date.parse(`${through}T00:00:00Z`); at > now - 7 * dayMs; at -= dayMs)
    if (isWeekday(at)) days.push(isoDay(at));
  const every = Math.round(1 / options.filedShare);
  const filers = watched.filter((_, index) => index % every === every - 1);
  const filings = filers.map((company, index) => {
    const cik = company.sec?.cik ?? 0;
    const day = days[index % days.length] ?? through;
    const accessionNumber = `${cik10(cik)}-${day.slice(2, 4)}-${String(500_000 + index).padStart(6, "0")}`;
    const eightK = index % 4 === 0;
    return {
      form: eightK ? "8-K" : "10-Q",
      companyName: company.name,
      cik,
      day,
      accessionNumber,
      text: eightK
        ? renderEightK({
            cik,
            companyName: company.name,
            accessionNumber,
            day,
            changes: [{ person: "Priya Raman", change: "appointed", role: "Chief Financial Officer" }],
          })
        : `<SEC-DOCUMENT>${accessionNumber}.txt\nCONFORMED SUBMISSION TYPE:\t10-Q\n</SEC-DOCUMENT>\n`,
    };
  });

  const pipeline = await startBenchPipeline({
    syntheticCount: total,
    extractorConcurrency: options.concurrency,
    fixtures: { secLatencyMs: options.secLatencyMs, secRateLimitPerSecond: options.secLimitPerSecond },
    filings,
  });
  try {
    const { runtime } = pipeline;
    const asRequest = (company: (typeof registrants)[number]): CompanyRequest => ({
      cik: cik10(company.sec?.cik ?? 0),
    });
    // Loads the handler modules, as a warm Lambda environment has them.
    await runBatch(runtime, warm.map(asRequest), { parts: ["sec"], force: true, timeoutMs: 300_000 });

    const store = createStore({ client: new DynamoDBClient({}), table: LocalResourceNames.table });
    const objects = new ObjectStore(new S3Client({}), LocalResourceNames.bucket);
    await store.watchlists.add(
      "bench",
      watched.map((company) => ({
        companyId: `cik-${cik10(company.sec?.cik ?? 0)}`,
        company: asRequest(company),
      })),
      Date.now(),
    );
    await inBatches(watched, 32, async (company) => {
      const companyId = `cik-${cik10(company.sec?.cik ?? 0)}`;
      const runId = "run_profiled_0001";
      await objects.putJson(ProfileKeys.latest(companyId), {
        companyId,
        updatedAt: profiledAt,
        parts: {
          sec: {
            part: "sec",
            runId,
            status: "succeeded",
            completeness: 100,
            missing: [],
            cached: false,
            durationMs: 1000,
            s3Key: ProfileKeys.part(companyId, runId, "sec"),
            requestedAt: profiledAt,
          },
        },
      });
    });

    const secOf = (entries: { route: string }[]) =>
      entries.filter((entry) => entry.route === "sec-www" || entry.route === "sec-data");
    const filedEvents: unknown[] = [];
    const unsubscribe = runtime.onEvent((event) => {
      if (event["detail-type"] === "Leadership.ChangeFiled") filedEvents.push(event);
    });

    const beforeRefresh = (await pipeline.fixtures.requestLog()).length;
    const refreshStarted = performance.now();
    const refresh = await runBatch(
      runtime,
      { watchlist: "bench" },
      { parts: ["sec"], force: false, timeoutMs: 1_800_000 },
    );
    const refreshWallMs = performance.now() - refreshStarted;
    const refreshLog = (await pipeline.fixtures.requestLog()).slice(beforeRefresh);
    unsubscribe();

    const beforeSample = (await pipeline.fixtures.requestLog()).length;
    const sampleStarted = performance.now();
    const full = await runBatch(runtime, sample.map(asRequest), {
      parts: ["sec"],
      force: true,
      timeoutMs: 1_800_000,
    });
    const sampleWallMs = performance.now() - sampleStarted;
    const sampleLog = (await pipeline.fixtures.requestLog()).slice(beforeSample);

    const refreshSec = secOf(refreshLog);
    const sampleSec = secOf(sampleLog);
    const fullEstimate = {
      secRequests: Math.round((sampleSec.length / options.sample) * options.watched),
      wallMs: Math.round((sampleWallMs / options.sample) * options.watched),
    };
    return {
      watched: options.watched,
      filed: filers.length,
      indexDays: refreshSec.filter((entry) => "path" in entry && String(entry.path).includes("/daily-index/"))
        .length,
      refresh: {
        wallMs: Math.round(refreshWallMs),
        secRequests: refreshSec.length,
        indexRequests: refreshLog.filter((entry) => entry.path.includes("/daily-index/")).length,
        runs: Number(refresh.summary.total),
        unchanged: Number(refresh.summary.unchanged ?? 0),
        outcomes: countOutcomes(refresh),
        leadershipChangesFiled: filedEvents.length,
      },
      sample: {
        companies: options.sample,
        wallMs: Math.round(sampleWallMs),
        secRequests: sampleSec.length,
        outcomes: countOutcomes(full),
      },
      fullEstimate,
      secRequestRatio: round(refreshSec.length / fullEstimate.secRequests, 4),
      wallRatio: round(refreshWallMs / fullEstimate.wallMs, 4),
      rateLimited: [...refreshLog, ...sampleLog].filter((entry) => entry.status === 429).length,
    };
  } finally {
    await pipeline.close();
  }
}
