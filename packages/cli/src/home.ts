import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { CliError, ExitCode } from "./exit-codes";

/** Where the embedded runtime keeps its state: DOSSIER_HOME, default `.dossier/` in the working directory. */
export function dossierHome(): string {
  return path.resolve(process.env.DOSSIER_HOME ?? ".dossier");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the home's lock: dynalite's files admit one process at a time. A lock left by a process
 * that no longer exists is taken over.
 */
export async function lockHome(home: string, command: string): Promise<() => Promise<void>> {
  await mkdir(home, { recursive: true });
  const lockFile = path.join(home, "runtime.lock");
  try {
    const holder = JSON.parse(await readFile(lockFile, "utf8")) as { pid: number; command: string };
    if (holder.pid !== process.pid && isAlive(holder.pid)) {
      throw new CliError(
        `${home} is in use by \`dossier ${holder.command}\` (pid ${holder.pid}). Stop it, or set DOSSIER_HOME to another directory.`,
        ExitCode.busy,
      );
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
  }
  await writeFile(lockFile, JSON.stringify({ pid: process.pid, command }));
  return () => rm(lockFile, { force: true });
}

/** Reads `KEY=value` lines (dev.env). */
export async function readDotEnv(file: string): Promise<Record<string, string>> {
  const text = await readFile(file, "utf8");
  const entries = text
    .split("\n")
    .filter((line) => line.includes("="))
    .map((line) => {
      const index = line.indexOf("=");
      const value = line.slice(index + 1).replace(/^'(.*)'$/, "$1");
      return [line.slice(0, index), value] as const;
    });
  return Object.fromEntries(entries);
}
