import { stat } from "node:fs/promises";
import path from "node:path";
import type { DeadLetter } from "@dossier/local/eventbridge";
import { journalPath, readDeadLetters } from "@dossier/local/eventbridge";
import {
  busDataDirectory,
  type LocalEndpoints,
  LocalResourceNames,
  openHomeStorage,
  storageEnvironment,
} from "@dossier/local/runtime";
import { CliError, ExitCode } from "./exit-codes";
import { dossierHome, HomeBusyError, type LockHolder, lockHome, readDotEnv } from "./home";

/** How long a reader waits for a runtime that holds the home but has not written its endpoints yet. */
const startingRuntimeWaitMs = 15_000;

/** What a read-only command reads: the home's table and bucket (clients pick them up from the environment) and its dead letters. */
export interface HomeReader {
  home: string;
  /** Whose storage is read: this command's own, or that of the running `dossier <command>`. */
  servedBy: "self" | string;
  deadLetters(): Promise<DeadLetter[]>;
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    await fetch(endpoint, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * The table and bucket endpoints of the runtime that holds the home. Every runtime writes them to
 * dev.env when it has started, after its command took the lock: a dev.env older than the lock is
 * from an earlier runtime, so the holder is still starting.
 */
async function runningEndpoints(
  home: string,
  holder: LockHolder,
): Promise<Pick<LocalEndpoints, "dynamodb" | "s3">> {
  const lockFile = path.join(home, "runtime.lock");
  const envFile = path.join(home, "dev.env");
  const deadline = Date.now() + startingRuntimeWaitMs;
  for (;;) {
    const [lock, env] = await Promise.all([
      stat(lockFile).catch(() => undefined),
      stat(envFile).catch(() => undefined),
    ]);
    if (lock && env && env.mtimeMs >= lock.mtimeMs) {
      const variables = await readDotEnv(envFile);
      const dynamodb = variables.AWS_ENDPOINT_URL_DYNAMODB;
      const s3 = variables.AWS_ENDPOINT_URL_S3;
      if (dynamodb && s3 && (await answers(dynamodb)) && (await answers(s3))) return { dynamodb, s3 };
    }
    if (Date.now() > deadline) {
      throw new CliError(
        `${home} is in use by \`dossier ${holder.command}\` (pid ${holder.pid}), whose local DynamoDB and S3 do not answer; try again once it has started, or stop it`,
        ExitCode.busy,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Runs a read-only command on DOSSIER_HOME. When another dossier process holds the home (`dev`, a
 * batch), it reads through that runtime's endpoints; otherwise it takes the lock and opens the
 * home's table and bucket alone — no bus, no handlers, so reading never resumes pending work.
 */
export async function withHomeReader<T>(
  command: string,
  work: (reader: HomeReader) => Promise<T>,
): Promise<T> {
  const home = dossierHome();
  const deadLetters = () => readDeadLetters(journalPath(busDataDirectory(home), LocalResourceNames.bus));
  let unlock: (() => Promise<void>) | undefined;
  try {
    unlock = await lockHome(home, command);
  } catch (error) {
    if (!(error instanceof HomeBusyError)) throw error;
    const { holder } = error;
    Object.assign(process.env, storageEnvironment(await runningEndpoints(home, holder)));
    return work({ home, servedBy: `dossier ${holder.command} (pid ${holder.pid})`, deadLetters });
  }
  const release = unlock;
  let storage: Awaited<ReturnType<typeof openHomeStorage>> | undefined;
  try {
    storage = await openHomeStorage({ dataRoot: home, persistTable: true }).catch((error: Error) => {
      throw new CliError(
        `the local DynamoDB and S3 could not start: ${error.message}`,
        ExitCode.internalError,
      );
    });
    Object.assign(process.env, storageEnvironment(storage.endpoints));
    const opened = storage;
    return await Promise.race([
      work({ home, servedBy: "self", deadLetters }),
      opened.failure.then((failure) => {
        throw new CliError(
          `${failure.message}; nothing more can be read from ${home}`,
          ExitCode.internalError,
        );
      }),
    ]);
  } finally {
    await storage?.stop().catch(() => undefined);
    await release();
  }
}
