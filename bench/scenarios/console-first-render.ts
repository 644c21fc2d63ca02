/**
 * How long each console page takes to first render with 1,000 runs (in 10 batches) and 1,000
 * profiles in the local stores: scenario (g) of `npm run bench`.
 *
 * The stores are seeded directly (the ledgers' own writes, latest.json as the merge writes it), not
 * through the pipeline, which would take minutes and measure the pipeline. Each page is asked for
 * cold: the console's shared reads are kept for 1 ms here, not a second, so every request scans.
 * Prints the server's time to the whole page and, where chromium is installed, the browser's time
 * to DOMContentLoaded (scripts run, charts drawn).
 */
import { existsSync } from "node:fs";
import { localSources, startConsole } from "@dossier/console";
import type { LatestDocument, MergedProfile } from "@dossier/core/profile";
import { ProfileKeys } from "@dossier/core/profile";
import { ProfileCompleted } from "@dossier/events";
import { startLocalRuntime } from "@dossier/local/runtime";
import { chromium } from "playwright-core";

export interface ConsoleFirstRenderOptions {
  runs: number;
  /** Profiles stored; one per run. */
  samples: number;
}

export interface PageRender {
  path: string;
  /** The server's time to the whole page, median of the samples. */
  serverMs: number;
  /** The browser's time to DOMContentLoaded (scripts run, charts drawn); absent without chromium. */
  browserMs: number | undefined;
}

export interface ConsoleFirstRenderMeasurement {
  runs: number;
  profiles: number;
  seedSeconds: number;
  browser: boolean;
  pages: PageRender[];
  /** The slowest page's first render: the browser's time where there is one, else the server's. */
  slowestMs: number;
}

const batches = 10;

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function profileOf(
  companyId: string,
  runId: string,
  index: number,
  at: string,
): MergedProfile & { requestedAt: string } {
  const cik = companyId.slice(4);
  const accession = `${cik}-25-${String(index).padStart(6, "0")}`;
  const value = (amount: number, concept: string) => ({
    value: amount,
    provenance: {
      taxonomy: "us-gaap",
      concept,
      unit: "USD",
      accessionNumber: accession,
      form: "10-K",
      filed: "2025-03-01",
      periodEnd: "2024-12-31",
    },
    confidence: 1,
  });
  return {
    companyId,
    runId,
    status: "completed",
    completeness: 100,
    missing: [],
    identity: {
      name: `Bench Company ${index}`,
      cik,
      tickers: [`B${index}`],
      sicDescription: "Services-Prepackaged Software",
    },
    financials: [2024, 2023, 2022, 2021, 2020].map((fiscalYear, offset) => ({
      fiscalYear,
      periodEnd: `${fiscalYear}-12-31`,
      form: "10-K",
      accessionNumber: accession,
      filed: `${fiscalYear + 1}-03-01`,
      revenue: value(1e9 * (5 - offset), "Revenues"),
      netIncome: value(1e8 * (5 - offset), "NetIncomeLoss"),
      totalAssets: value(3e9 * (5 - offset), "Assets"),
    })),
    executives: ["Chief Executive Officer", "Chief Financial Officer", "General Counsel"].map(
      (title, person) => ({
        name: `Person ${index}-${person}`,
        title,
        age: 50,
        sources: ["sec-10k", "website"],
        confirmed: true,
        titleSource: "sec-10k",
        confidence: 0.95,
        provenance: [
          { kind: "sec", document: "10-K", accessionNumber: accession, filed: "2025-03-01" },
          { kind: "website", url: `https://company-${index}.example/leadership`, method: "json-ld" },
        ],
      }),
    ),
    board: [],
    uncertain: [],
    notFound: {},
    sources: {
      identity: { kind: "sec", document: "EDGAR submissions" },
      fetchedAt: { "EDGAR submissions": at },
    },
    parts: {},
    cached: false,
    timings: { requestedAt: at, mergedAt: at, durationMs: 4000 },
    requestedAt: at,
  };
}

export async function measureConsoleFirstRender(
  options: ConsoleFirstRenderOptions,
): Promise<ConsoleFirstRenderMeasurement> {
  const runCount = options.runs;
  const samples = options.samples;
  const runtime = await startLocalRuntime({
    sweepIntervalMs: 0,
    environment: { POWERTOOLS_LOG_LEVEL: "SILENT" },
  });
  try {
    const sources = localSources(runtime.environment, { target: "bench" });
    const started = Date.now() - runCount * 1000;
    const indexes = Array.from({ length: runCount }, (_, index) => index);
    const batchIds = Array.from({ length: batches }, (_, batch) => `batch_bench_${batch}`);
    const seedStart = performance.now();
    for (const batchId of batchIds) {
      await sources.store.batches.create({ batchId, total: runCount / batches, requestedAt: started });
    }
    await inParallel(indexes, 16, async (index) => {
      const runId = `run_bench_${String(index).padStart(5, "0")}`;
      const companyId = `cik-${String(9_000_000 + index).padStart(10, "0")}`;
      const batchId = batchIds[index % batches] ?? "";
      const requestedAt = started + index * 1000;
      const at = new Date(requestedAt).toISOString();
      await sources.store.runs.create({
        runId,
        companyId,
        company: { cik: companyId.slice(4), name: `Bench Company ${index}` },
        partsExpected: ["sec", "leadership"],
        batchId,
        requestedAt,
        deadlineAt: requestedAt + 300_000,
      });
      for (const part of ["sec", "leadership"] as const) {
        await sources.store.runs.recordPart(
          runId,
          part,
          { status: "succeeded", completeness: 100, durationMs: 1500 },
          companyId,
        );
      }
      await sources.store.runs.claimTerminal(runId, ProfileCompleted.detailType, {
        status: "completed",
        completedAt: requestedAt + 4000,
        durationMs: 4000,
        completeness: 100,
      });
      await sources.store.runs.markAnnounced(runId, requestedAt + 300_000);
      await sources.store.batches.recordOutcome(batchId, runId, { status: "completed", completeness: 100 });
      const latest: LatestDocument = {
        companyId,
        updatedAt: at,
        parts: {},
        profile: profileOf(companyId, runId, index, at),
      };
      await sources.objects.putJson(ProfileKeys.latest(companyId), latest);
    });
    const seedSeconds = Math.round((performance.now() - seedStart) / 100) / 10;

    const running = await startConsole({ sources, liveIntervalMs: 1 });
    const signIn = await fetch(running.url, { redirect: "manual" });
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const pages = [
      "/runs",
      "/runs?status=completed&company=bench",
      "/runs/run_bench_00042",
      "/batches",
      `/batches/${batchIds[0]}`,
      "/profiles",
      "/profiles?q=9000042",
      "/profiles/cik-0009000042",
      "/operations",
    ];
    const browserPath = ["/usr/bin/chromium", process.env.CHROMIUM_PATH].find(
      (path) => path && existsSync(path),
    );
    const browser = browserPath
      ? await chromium.launch({ executablePath: browserPath, args: ["--no-sandbox"] })
      : undefined;
    const context = await browser?.newContext();
    await context?.addCookies([
      { name: cookie.split("=")[0] ?? "", value: cookie.split("=")[1] ?? "", url: running.origin },
    ]);
    const page = await context?.newPage();
    const renders: PageRender[] = [];
    for (const path of pages) {
      const server: number[] = [];
      const browserTimes: number[] = [];
      for (let sample = 0; sample <= samples; sample++) {
        const start = performance.now();
        const response = await fetch(`${running.origin}${path}`, { headers: { cookie } });
        await response.text();
        if (!response.ok) throw new Error(`${path} answered ${response.status}`);
        // The first sample warms module code and connections; it is not counted.
        if (sample > 0) server.push(performance.now() - start);
        if (page) {
          await page.goto(`${running.origin}${path}`, { waitUntil: "domcontentloaded" });
          // Evaluated in the page, where the navigation timing entry is the browser's own.
          const loaded = Number(
            await page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"),
          );
          if (sample > 0) browserTimes.push(loaded);
        }
      }
      renders.push({
        path,
        serverMs: Math.round(median(server)),
        browserMs: browserTimes.length ? Math.round(median(browserTimes)) : undefined,
      });
    }
    await browser?.close();
    await running.close();
    return {
      runs: runCount,
      profiles: runCount,
      seedSeconds,
      browser: browser !== undefined,
      pages: renders,
      slowestMs: Math.max(...renders.map((render) => render.browserMs ?? render.serverMs)),
    };
  } finally {
    await runtime.stop();
  }
}
