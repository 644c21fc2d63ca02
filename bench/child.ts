import { spawn } from "node:child_process";
import path from "node:path";

/** Marks the line of a scenario's stdout that carries its measurement. */
export const RESULT_PREFIX = "BENCH_RESULT ";

const scenarioScript = path.join(import.meta.dirname, "scenario.ts");

export class ScenarioFailedError extends Error {
  readonly retryable = false;
  constructor(name: string, detail: string) {
    super(
      `benchmark scenario "${name}" failed (${detail}); run it alone with: npx tsx bench/scenario.ts ${name}`,
    );
    this.name = "ScenarioFailedError";
  }
}

export interface ChildOptions {
  /** Writes a V8 CPU profile of the scenario process into this directory. */
  cpuProfileDir?: string;
  timeoutMs: number;
}

/**
 * Runs one scenario in a fresh Node process (a fresh embedded runtime, fresh handler modules)
 * and resolves with the measurement it printed. Its stderr passes through.
 */
export function runScenario<T>(name: string, options: object, child: ChildOptions): Promise<T> {
  const args = [
    ...(child.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${child.cpuProfileDir}`] : []),
    "--import",
    "tsx",
    scenarioScript,
    name,
    JSON.stringify(options),
  ];
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, args, {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });
    let stdout = "";
    process_.stdout.setEncoding("utf8");
    process_.stdout.on("data", (chunk: string) => {
      stdout += chunk;
    });
    const timer = setTimeout(() => process_.kill("SIGTERM"), child.timeoutMs);
    process_.on("error", (error) => {
      clearTimeout(timer);
      reject(new ScenarioFailedError(name, error.message));
    });
    process_.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split("\n").find((candidate) => candidate.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) {
        const why = signal ? `killed by ${signal} after ${child.timeoutMs} ms at most` : `exit code ${code}`;
        reject(new ScenarioFailedError(name, line ? why : `${why}, no result printed`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as T);
    });
  });
}
