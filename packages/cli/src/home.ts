import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
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

export interface LockHolder {
  pid: number;
  command: string;
}

/** The home is held by another live dossier process: only one writer at a time. */
export class HomeBusyError extends CliError {
  constructor(
    home: string,
    readonly holder: LockHolder,
  ) {
    super(
      `${home} is in use by \`dossier ${holder.command}\` (pid ${holder.pid}). Stop it, or set DOSSIER_HOME to another directory.`,
      ExitCode.busy,
    );
  }
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as LockHolder;
  } catch {
    // Gone, or half-written by a process that is creating it this instant: no holder to judge.
    return undefined;
  }
}

const isErrno = (error: unknown, code: string) => (error as NodeJS.ErrnoException).code === code;

/**
 * Takes the home's lock: dynalite's files admit one process at a time. The lock file is created
 * exclusively (O_EXCL), so of two processes started at the same instant exactly one gets it. A
 * lock left by a process that no longer exists is moved aside atomically and taken over; should
 * another process have taken it over first, it is put back and this one is refused.
 */
export async function lockHome(home: string, command: string): Promise<() => Promise<void>> {
  await mkdir(home, { recursive: true });
  const lockFile = path.join(home, "runtime.lock");
  const busy = (holder: LockHolder) => new HomeBusyError(home, holder);
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const handle = await open(lockFile, "wx");
      await handle.writeFile(JSON.stringify({ pid: process.pid, command } satisfies LockHolder));
      await handle.close();
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if (!isErrno(error, "EEXIST")) throw error;
    }
    const holder = await readHolder(lockFile);
    if (holder === undefined) {
      // Being written right now: give its writer a moment, then look again.
      await new Promise((resolve) => setTimeout(resolve, 25));
      continue;
    }
    if (holder.pid === process.pid || isAlive(holder.pid)) throw busy(holder);
    const aside = `${lockFile}.stale-${process.pid}-${randomUUID()}`;
    try {
      await rename(lockFile, aside);
    } catch (error) {
      if (isErrno(error, "ENOENT")) continue;
      throw error;
    }
    const moved = await readHolder(aside);
    if (moved && moved.pid !== holder.pid && isAlive(moved.pid)) {
      // Another process took the stale lock over between our read and our move: give it back.
      await rename(aside, lockFile).catch(() => undefined);
      throw busy(moved);
    }
    await rm(aside, { force: true });
  }
  throw new CliError(`could not take the lock of ${home}; try again`, ExitCode.busy);
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
