import { type CompanyRequest, type Part, TerminalDetailTypes } from "@dossier/events";
import { runBatch } from "@dossier/local/batch";
import { type DemoDataset, generateDemoDataset } from "@dossier/local/demo";
import type { EventEnvelope } from "@dossier/local/eventbridge";
import { type LocalRuntime, startLocalRuntime } from "@dossier/local/runtime";
import { type FixtureProcess, type FixtureProcessOptions, startFixtureProcess } from "./fixtures";

/** Every run ends in exactly one of these. */
export const TerminalTypes: ReadonlySet<string> = new Set(TerminalDetailTypes);

export interface BenchPipeline {
  runtime: LocalRuntime;
  fixtures: FixtureProcess;
  /** The data set the fixture process serves, generated here from the same options. */
  dataset: DemoDataset;
  /** Failed delivery attempts by rule and error name; the bus retried each of them. */
  targetErrors: Record<string, number>;
  close(): Promise<void>;
}

export interface BenchPipelineOptions {
  syntheticCount: number;
  fixtures?: FixtureProcessOptions["server"];
  extractorConcurrency: number;
  /** Handler environment on top of the fixture URLs, e.g. DOSSIER_SEC_MAX_RPS. */
  environment?: Record<string, string>;
  /** Filings the fixture server lists in its daily indexes. */
  filings?: FixtureProcessOptions["filings"];
}

/**
 * Starts the demo fixture server (in a process of its own) and an in-memory embedded runtime
 * whose handlers call it.
 */
export async function startBenchPipeline(options: BenchPipelineOptions): Promise<BenchPipeline> {
  const server = await startFixtureProcess({
    syntheticCount: options.syntheticCount,
    ...(options.fixtures ? { server: options.fixtures } : {}),
    ...(options.filings ? { filings: options.filings } : {}),
  });
  const dataset = generateDemoDataset({ syntheticCount: options.syntheticCount });
  const targetErrors: Record<string, number> = {};
  try {
    const runtime = await startLocalRuntime({
      onTargetError: (rule, error) => {
        const key = `${rule}: ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 120)}` : String(error)}`;
        targetErrors[key] = (targetErrors[key] ?? 0) + 1;
      },
      extractorConcurrency: options.extractorConcurrency,
      // The stale-run sweep would add DynamoDB scans to the measurement; runs here end on their own.
      sweepIntervalMs: 0,
      environment: {
        DOSSIER_SEC_DATA_URL: server.secDataUrl,
        DOSSIER_SEC_WWW_URL: server.secWwwUrl,
        DOSSIER_SEC_USER_AGENT: "dossier-bench bench@example.invalid",
        // The fixture websites live on 127.0.0.1.
        DOSSIER_ALLOW_PRIVATE_NETWORK: "1",
        POWERTOOLS_LOG_LEVEL: "SILENT",
        ...options.environment,
      },
    });
    return {
      runtime,
      fixtures: server,
      dataset,
      targetErrors,
      close: async () => {
        // Deliveries still running after the terminal event (observers, ledgers) would otherwise
        // hit a stopped DynamoDB; a stuck retry must not hold the benchmark, so wait boundedly.
        await Promise.race([runtime.drain(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
        await runtime.stop();
        await server.close();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/**
 * Requests for the generated registrants: alternately by CIK and by ticker, each with its
 * website, so both extractors do real work for every company. `healthySitesOnly` leaves out
 * the sites whose leadership page fails, whose part is never cached.
 */
export function syntheticRequests(
  dataset: DemoDataset,
  baseUrl: string,
  count: number,
  { healthySitesOnly = false } = {},
): CompanyRequest[] {
  const requests: CompanyRequest[] = [];
  for (const company of dataset.companies) {
    if (requests.length === count) break;
    const { sec, site } = company;
    if (company.origin !== "synthetic" || !sec || !site) continue;
    if (healthySitesOnly && site.fault !== "none") continue;
    const ticker = sec.tickers[0];
    const identity =
      requests.length % 2 === 0 || !ticker ? { cik: String(sec.cik).padStart(10, "0") } : { ticker };
    requests.push({ ...identity, website: `${baseUrl}/sites/${site.slug}/` });
  }
  if (requests.length < count) {
    throw new RangeError(
      `the data set has ${requests.length} suitable synthetic companies, ${count} were asked for; raise syntheticCount`,
    );
  }
  return requests;
}

/** Resolves with the first event the bus accepts that `predicate` selects. */
export function nextEvent(
  runtime: LocalRuntime,
  predicate: (event: EventEnvelope) => boolean,
): Promise<{ event: EventEnvelope; at: number }> {
  return new Promise((resolve) => {
    const unsubscribe = runtime.onEvent((event) => {
      if (!predicate(event)) return;
      unsubscribe();
      resolve({ event, at: performance.now() });
    });
  });
}

/**
 * The SEC rate of the zero-latency scenarios: far above what the pipeline reaches, so it never
 * binds, but finite, so every SEC request still books its slot in the shared token bucket (one
 * conditional DynamoDB update) as it does in production. Only allowed because the fixture server is
 * not sec.gov.
 */
export const BenchSecMaxRps = "1000";

/** A pipeline with its measured companies ready and its warm-up batch run. */
export interface WarmPipeline {
  pipeline: BenchPipeline;
  /** The companies to measure (the warm-up ones are already done). */
  measured: CompanyRequest[];
  /** Runs a batch of these companies through the pipeline with the scenario's parts. */
  batch(companies: CompanyRequest[], timeoutMs: number): ReturnType<typeof runBatch>;
}

/**
 * Starts a pipeline for `companies` measured companies and `warmup` more, and runs the warm-up
 * batch: it loads the handler modules (and the ticker index), as a warm Lambda environment has
 * them. The caller closes `pipeline`.
 */
export async function startWarmPipeline(
  options: Omit<BenchPipelineOptions, "syntheticCount"> & {
    companies: number;
    warmup: number;
    parts: Part[];
  },
): Promise<WarmPipeline> {
  const { companies, warmup, parts, ...pipelineOptions } = options;
  const pipeline = await startBenchPipeline({ ...pipelineOptions, syntheticCount: companies + warmup });
  try {
    const all = syntheticRequests(pipeline.dataset, pipeline.fixtures.baseUrl, companies + warmup);
    const batch = (list: CompanyRequest[], timeoutMs: number) =>
      runBatch(pipeline.runtime, list, { parts, force: false, timeoutMs });
    if (warmup > 0) await batch(all.slice(companies), 120_000);
    return { pipeline, measured: all.slice(0, companies), batch };
  } catch (error) {
    await pipeline.close();
    throw error;
  }
}

/** How many runs of a batch ended in each terminal detail-type. */
export function countOutcomes(report: { outcomes: { type: string }[] }): Record<string, number> {
  const outcomes: Record<string, number> = {};
  for (const outcome of report.outcomes) outcomes[outcome.type] = (outcomes[outcome.type] ?? 0) + 1;
  return outcomes;
}
