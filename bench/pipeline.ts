import type { CompanyRequest } from "@dossier/events";
import {
  type DemoDataset,
  type DemoFixtureServer,
  type DemoFixtureServerOptions,
  startDemoFixtureServer,
} from "@dossier/local/demo";
import type { EventEnvelope } from "@dossier/local/eventbridge";
import { type LocalRuntime, startLocalRuntime } from "@dossier/local/runtime";

export const TerminalDetailTypes = new Set(["Profile.Completed", "Profile.Incomplete", "Extraction.Failed"]);

export interface BenchPipeline {
  runtime: LocalRuntime;
  server: DemoFixtureServer;
  /** Failed delivery attempts by rule and error name; the bus retried each of them. */
  targetErrors: Record<string, number>;
  close(): Promise<void>;
}

export interface BenchPipelineOptions {
  dataset: DemoDataset;
  fixtures?: Omit<DemoFixtureServerOptions, "dataset">;
  extractorConcurrency: number;
  /** Handler environment on top of the fixture URLs, e.g. DOSSIER_SEC_MAX_RPS. */
  environment?: Record<string, string>;
}

/**
 * Starts the demo fixture server and an in-memory embedded runtime whose handlers call it.
 * One per process: handlers keep SDK clients bound to the first runtime's endpoints.
 */
export async function startBenchPipeline(options: BenchPipelineOptions): Promise<BenchPipeline> {
  const server = await startDemoFixtureServer({ dataset: options.dataset, ...options.fixtures });
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
      server,
      targetErrors,
      close: async () => {
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
 * website, so both extractors do real work for every company.
 */
export function syntheticRequests(dataset: DemoDataset, baseUrl: string, count: number): CompanyRequest[] {
  const requests: CompanyRequest[] = [];
  for (const company of dataset.companies) {
    if (requests.length === count) break;
    const { sec, site } = company;
    if (company.origin !== "synthetic" || !sec || !site) continue;
    const ticker = sec.tickers[0];
    const identity =
      requests.length % 2 === 0 || !ticker ? { cik: String(sec.cik).padStart(10, "0") } : { ticker };
    requests.push({ ...identity, website: `${baseUrl}/sites/${site.slug}/` });
  }
  if (requests.length < count) {
    throw new RangeError(
      `the data set has ${requests.length} synthetic companies with SEC filings and a website, ${count} were asked for; raise syntheticCount`,
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
