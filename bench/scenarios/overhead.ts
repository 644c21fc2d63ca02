import { runBatch } from "@dossier/cli/commands/batch";
import { generateDemoDataset } from "@dossier/local/demo";
import { startBenchPipeline, syntheticRequests } from "../pipeline";
import { percentile, round } from "../stats";

export interface OverheadOptions {
  companies: number;
  concurrency: number;
  /** Companies run first, outside the measurement, so handler modules are loaded and warm. */
  warmup: number;
}

export interface BatchMeasurement {
  companies: number;
  concurrency: number;
  wallMs: number;
  companiesPerSecond: number;
  p50DurationMs: number;
  p95DurationMs: number;
  outcomes: Record<string, number>;
  terminalEvents: number;
  summary: Record<string, unknown>;
  bus: Record<string, number>;
  targetErrors: Record<string, number>;
}

/**
 * One batch of generated companies against zero-latency fixtures with the SEC limit lifted:
 * what the pipeline itself costs per company.
 */
export async function measureOverhead(options: OverheadOptions): Promise<BatchMeasurement> {
  const dataset = generateDemoDataset({ syntheticCount: options.companies + options.warmup });
  const pipeline = await startBenchPipeline({
    dataset,
    extractorConcurrency: options.concurrency,
    // Only allowed because the fixture server is not sec.gov.
    environment: { DOSSIER_SEC_MAX_RPS: "1000" },
  });
  try {
    const all = syntheticRequests(dataset, pipeline.server.baseUrl, options.companies + options.warmup);
    const batchOptions = { parts: ["sec", "leadership"] as const, force: false, progress: false };
    if (options.warmup > 0) {
      await runBatch(pipeline.runtime, all.slice(options.companies), {
        ...batchOptions,
        parts: [...batchOptions.parts],
        timeoutMs: 120_000,
      });
    }
    const started = performance.now();
    const report = await runBatch(pipeline.runtime, all.slice(0, options.companies), {
      ...batchOptions,
      parts: [...batchOptions.parts],
      timeoutMs: 600_000,
    });
    const wallMs = performance.now() - started;
    const durations = report.outcomes.flatMap((outcome) =>
      outcome.durationMs === undefined ? [] : [outcome.durationMs],
    );
    const outcomes: Record<string, number> = {};
    for (const outcome of report.outcomes) outcomes[outcome.type] = (outcomes[outcome.type] ?? 0) + 1;
    return {
      companies: options.companies,
      concurrency: options.concurrency,
      wallMs: round(wallMs),
      companiesPerSecond: round(options.companies / (wallMs / 1000), 2),
      p50DurationMs: percentile(durations, 0.5),
      p95DurationMs: percentile(durations, 0.95),
      outcomes,
      terminalEvents: report.outcomes.length,
      summary: report.summary,
      bus: { ...pipeline.runtime.bus.stats() },
      targetErrors: pipeline.targetErrors,
    };
  } finally {
    await pipeline.close();
  }
}
