import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from "@dossier/local/runtime";
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
    return await work(runtime);
  } finally {
    await runtime?.stop();
    await unlock();
  }
}
