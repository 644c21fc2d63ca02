import { type CompanyRequest, TerminalDetailTypes } from "@dossier/events";
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
}

/**
 * Starts the demo fixture server (in a process of its own) and an in-memory embedded runtime
 * whose handlers call it.
 */
export async function startBenchPipeline(options: BenchPipelineOptions): Promise<BenchPipeline> {
  const server = await startFixtureProcess({
    syntheticCount: options.syntheticCount,
    ...(options.fixtures ? { server: options.fixtures } : {}),
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
