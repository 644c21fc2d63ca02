import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from "@dossier/local/runtime";
import { CliError, ExitCode } from "./exit-codes";
import { dossierHome, lockHome } from "./home";

/** Exit codes of a process ended by a signal, as shells report them: 128 + the signal number. */
const SignalExitCodes: Record<string, number> = {
  SIGINT: ExitCode.interrupted,
  SIGTERM: ExitCode.terminated,
};

/**
 * Ends the command on SIGINT or SIGTERM with what was interrupted: the runtime then stops (in-flight
 * deliveries get their grace period; those that do not settle stay in the journal), the lock is
 * released, and the next start delivers what was accepted and releases invocations left in
 * progress, so a rerun finishes every run. A second signal while stopping is only acknowledged.
 */
function interruption(command: string, runtime: LocalRuntime) {
  let raised: (error: CliError) => void = () => undefined;
  const signalled = new Promise<never>((_, reject) => {
    raised = reject;
  });
  let count = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    count += 1;
    if (count > 1) {
      process.stderr.write("still stopping: waiting for deliveries in flight…\n");
      return;
    }
    const { inFlight, scheduled } = runtime.bus.stats();
    raised(
      new CliError(
        `interrupted (${signal}): \`dossier ${command}\` stopped with ${inFlight} deliveries in flight and ${scheduled} waiting to be retried; every accepted event is kept in ${runtime.home ?? "the runtime"} and delivered on the next start, and the rerun picks up every run where it was`,
        SignalExitCodes[signal] ?? ExitCode.internalError,
      ),
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signalled,
    /** After the runtime stopped and the lock is released: signals from now on are the shell's. */
    dispose() {
      void signalled.catch(() => undefined);
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

/** Starts the embedded runtime on DOSSIER_HOME for one command and stops it afterwards. */
export async function withRuntime<T>(
  command: string,
  options: Omit<LocalRuntimeOptions, "home">,
  work: (runtime: LocalRuntime) => Promise<T>,
): Promise<T> {
  const home = dossierHome();
  const unlock = await lockHome(home, command);
  let runtime: LocalRuntime | undefined;
  let interrupted: ReturnType<typeof interruption> | undefined;
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
    interrupted = interruption(command, started);
    // Storage dying mid-command ends the command with its cause, never a hang or a quiet exit 0;
    // a signal ends it with what was interrupted and what the next start picks up.
    return await Promise.race([
      work(started),
      started.failure.then((error) => {
        throw new CliError(`${error.message}; nothing more can be done in ${home}`, ExitCode.internalError);
      }),
      interrupted.signalled,
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
    interrupted?.dispose();
  }
}
