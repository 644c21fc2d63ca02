import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from "@dossier/local/runtime";
import { CliError, ExitCode } from "./exit-codes";
import { dossierHome, lockHome } from "./home";

/** Starts the embedded runtime on DOSSIER_HOME for one command and stops it afterwards. */
export async function withRuntime<T>(
  command: string,
  options: Omit<LocalRuntimeOptions, "home">,
  work: (runtime: LocalRuntime) => Promise<T>,
): Promise<T> {
  const home = dossierHome();
  const unlock = await lockHome(home, command);
  let runtime: LocalRuntime | undefined;
  try {
    runtime = await startLocalRuntime({
      ...options,
      home,
      environment: {
        // Handler logs would interleave with the command's own output (and break --json).
        POWERTOOLS_LOG_LEVEL: process.env.DOSSIER_LOG_LEVEL ?? "SILENT",
        ...options.environment,
      },
    });
    const started = runtime;
    // Storage dying mid-command ends the command with its cause, never a hang or a quiet exit 0.
    return await Promise.race([
      work(started),
      started.failure.then((error) => {
        throw new CliError(`${error.message}; nothing more can be done in ${home}`, ExitCode.internalError);
      }),
    ]);
  } catch (error) {
    // The runtime could not start (its table data unreadable, a port taken): say why, exit non-zero.
    if (runtime === undefined && !(error instanceof CliError)) {
      throw new CliError(
        `the local runtime could not start: ${(error as Error).message}`,
        ExitCode.internalError,
      );
    }
    throw error;
  } finally {
    await runtime?.stop().catch(() => undefined);
    await unlock();
  }
}
