import { BenchSecMaxRps, countOutcomes, startWarmPipeline } from "../pipeline";
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
  /** Process CPU time (user + system) spent per company during the measured batch. */
  cpuMsPerCompany: number;
  /**
   * Share of the wall time the main thread's event loop was busy. The main thread runs the bus and
   * the workflows only (handlers and storage have threads of their own), so it stays low.
   */
  eventLoopUtilization: number;
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
  const { pipeline, measured, batch } = await startWarmPipeline({
    companies: options.companies,
    warmup: options.warmup,
    parts: ["sec", "leadership"],
    extractorConcurrency: options.concurrency,
    environment: { DOSSIER_SEC_MAX_RPS: BenchSecMaxRps },
  });
  try {
    const cpuBefore = process.cpuUsage();
    const loopBefore = performance.eventLoopUtilization();
    const started = performance.now();
    const report = await batch(measured, 900_000);
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const loop = performance.eventLoopUtilization(loopBefore);
    const durations = report.outcomes.flatMap((outcome) =>
      outcome.durationMs === undefined ? [] : [outcome.durationMs],
    );
    const outcomes = countOutcomes(report);
    return {
      companies: options.companies,
      concurrency: options.concurrency,
      wallMs: round(wallMs),
      companiesPerSecond: round(options.companies / (wallMs / 1000), 2),
      p50DurationMs: percentile(durations, 0.5),
      p95DurationMs: percentile(durations, 0.95),
      cpuMsPerCompany: round((cpu.user + cpu.system) / 1000 / options.companies),
      eventLoopUtilization: round(loop.utilization, 3),
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
