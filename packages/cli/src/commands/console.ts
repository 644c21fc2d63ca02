import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { type ConsoleSources, localSources, startConsole } from "@dossier/console";
import { deployedStage } from "../aws-target";
import { CliError, ExitCode } from "../exit-codes";
import { dossierHome, readDotEnv } from "../home";
import { paint } from "../render";

export const consoleUsage = `dossier console [--port N] [--target local|aws [--stage S]]

Serves the console (runs, batches, profiles and operations, updated live) on 127.0.0.1 and prints
its URL with a fresh token: whoever has the URL can use it. Locally it reads the runtime that
\`dossier dev\`, \`demo\`, \`batch\` or \`extract\` runs in $DOSSIER_HOME (\`dossier dev\` serves a
console of its own too, with dead-letter redrive). --target aws reads a deployed stage's table and
bucket with your AWS credentials. Ctrl-C to stop.`;

/** The process holding the home's lock, if it is still alive: the runtime the console reads. */
async function runningRuntime(home: string): Promise<{ pid: number; command: string } | undefined> {
  let holder: { pid: number; command: string };
  try {
    holder = JSON.parse(await readFile(path.join(home, "runtime.lock"), "utf8")) as typeof holder;
  } catch {
    return undefined;
  }
  try {
    process.kill(holder.pid, 0);
    return holder;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM" ? holder : undefined;
  }
}

async function localRuntimeSources(): Promise<ConsoleSources> {
  const home = dossierHome();
  const holder = await runningRuntime(home);
  if (!holder) {
    throw new CliError(
      `no local runtime is running in ${home}: start \`dossier dev\` (it prints a console URL itself), or run this beside \`dossier demo\` or \`dossier batch\``,
      ExitCode.notFound,
    );
  }
  const environment = await readDotEnv(path.join(home, "dev.env"));
  return localSources(environment, {
    target: `local runtime (dossier ${holder.command}, pid ${holder.pid})`,
  });
}

export async function consoleCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: "0" },
      target: { type: "string", default: "local" },
      stage: { type: "string" },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliError("--port must be 0–65535");
  if (values.target !== "local" && values.target !== "aws") throw new CliError("--target is local or aws");
  if (values.stage && values.target !== "aws") throw new CliError("--stage goes with --target aws");
  let sources: ConsoleSources;
  if (values.target === "aws") {
    const stage = await deployedStage(values.stage);
    sources = { target: `stage ${stage.stage}`, store: stage.store, objects: stage.objects };
  } else {
    sources = await localRuntimeSources();
  }
  const running = await startConsole({ sources, port });
  process.stdout.write(`${paint.bold("dossier console")} for ${sources.target}\n  ${running.url}\n`);
  process.stdout.write(paint.dim("Ctrl-C to stop.\n"));
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await running.close();
  return ExitCode.ok;
}
