import { parseArgs } from "node:util";
import { type ConsoleSources, localSources, startConsole } from "@dossier/console";
import { deployedStage } from "../aws-target";
import { CliError, ExitCode } from "../exit-codes";
import { withHomeReader } from "../home-reader";
import { paint } from "../render";

export const consoleUsage = `dossier console [--port N] [--target local|aws [--stage S]]

Serves the console (runs, batches, profiles and operations, updated live) on 127.0.0.1 and prints
its URL with a fresh token: whoever has the URL can use it. Locally it reads $DOSSIER_HOME through
the runtime that \`dossier dev\`, \`demo\` or \`batch\` runs there, or, when none does, opens the
home's table and bucket itself (and holds the home until it stops). \`dossier dev\` serves a console
of its own too, with dead-letter redrive and schedules. --target aws reads a deployed stage's table
and bucket with your AWS credentials. Ctrl-C to stop.`;

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
  const serve = async (sources: ConsoleSources) => {
    const running = await startConsole({ sources, port });
    process.stdout.write(`${paint.bold("dossier console")} for ${sources.target}\n  ${running.url}\n`);
    process.stdout.write(paint.dim("Ctrl-C to stop.\n"));
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await running.close();
  };
  if (values.target === "aws") {
    const stage = await deployedStage(values.stage);
    await serve({ target: `stage ${stage.stage}`, store: stage.store, objects: stage.objects });
    return ExitCode.ok;
  }
  // Beside a running runtime the reader points the SDK's endpoint variables at it; alone, at the
  // home's own table and bucket, opened for as long as the console serves.
  await withHomeReader("console", ({ home, servedBy }) =>
    serve(
      localSources(process.env, {
        target:
          servedBy === "self"
            ? `${home} (no runtime running: nothing moves)`
            : `local runtime of ${servedBy}`,
      }),
    ),
  );
  return ExitCode.ok;
}
