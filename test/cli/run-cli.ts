import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

/** The checkout root: the CLI runs from here, as `npx dossier` would. */
export const repoRoot = path.resolve(import.meta.dirname, "..", "..");
/** The `dossier` command as `npx dossier` runs it. */
export const cliBin = path.join(repoRoot, "packages", "cli", "bin", "dossier.mjs");

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment a CLI child gets: this process's PATH and Node settings, but none of the AWS or
 * dossier variables an in-process runtime may have set, so each child finds its own endpoints.
 */
export function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(AWS_|SST_|DOSSIER_|POWERTOOLS_)/.test(key)),
  );
  return { ...inherited, NO_COLOR: "1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...extra };
}

/** Starts `dossier <args>` as a child process. */
export function spawnCli(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [cliBin, ...args], { cwd: repoRoot, env: childEnvironment(env) });
}

/** Collects a child's output and resolves when it exits (asynchronously: fixture servers live in this process). */
export function completion(child: ChildProcess): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs `dossier <args>` to completion. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return completion(spawnCli(args, env));
}

/** Runs any program (e.g. a separate Node client) from the checkout root with a clean environment. */
export function runCommand(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  return completion(spawn(command, args, { cwd: repoRoot, env: childEnvironment(env) }));
}
