import { createRequire } from "node:module";
import { batchCommand, batchUsage } from "./commands/batch";
import { consoleCommand, consoleUsage } from "./commands/console";
import { demoCommand, demoUsage } from "./commands/demo";
import { deployCommand, deployUsage } from "./commands/deploy";
import { devCommand, devUsage } from "./commands/dev";
import { eventsCommand, eventsUsage } from "./commands/events";
import { extractCommand, extractUsage } from "./commands/extract";
import { fixturesCommand, fixturesUsage } from "./commands/fixtures";
import { notifyCommand, notifyUsage } from "./commands/notify";
import { parseCommand, parseUsage } from "./commands/parse";
import { profileCommand, profileUsage } from "./commands/profile";
import { dlqCommand, replayCommand, replayUsage } from "./commands/replay";
import { runsCommand, runsUsage } from "./commands/runs";
import { scheduleCommand, scheduleUsage } from "./commands/schedule";
import { watchCommand, watchUsage } from "./commands/watch";
import { CliError, ExitCode } from "./exit-codes";

// The SDK warns that future releases need Node 22; dossier supports Node 20 deliberately.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

// `dossier … | head` closes the pipe early: the reader has what it wanted, so end quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(ExitCode.ok);
    throw error;
  });
}

const version = (createRequire(import.meta.url)("../package.json") as { version: string }).version;

const commands: Record<string, { run: (argv: string[]) => Promise<number>; usage: string }> = {
  extract: { run: extractCommand, usage: extractUsage },
  batch: { run: batchCommand, usage: batchUsage },
  demo: { run: demoCommand, usage: demoUsage },
  dev: { run: devCommand, usage: devUsage },
  console: { run: consoleCommand, usage: consoleUsage },
  fixtures: { run: fixturesCommand, usage: fixturesUsage },
  events: { run: eventsCommand, usage: eventsUsage },
  profile: { run: profileCommand, usage: profileUsage },
  runs: { run: runsCommand, usage: runsUsage },
  replay: { run: replayCommand, usage: replayUsage },
  dlq: { run: dlqCommand, usage: replayUsage },
  schedule: { run: scheduleCommand, usage: scheduleUsage },
  watch: { run: watchCommand, usage: watchUsage },
  notify: { run: notifyCommand, usage: notifyUsage },
  parse: { run: parseCommand, usage: parseUsage },
  deploy: { run: deployCommand, usage: deployUsage },
};

const help = `dossier — company profiles (SEC facts and the executive team), event-driven

${Object.values(commands)
  .map((command) => command.usage.split("\n\n")[0])
  .filter((usage, index, all) => all.indexOf(usage) === index)
  .join("\n")}

State lives in DOSSIER_HOME (default .dossier/). SEC requests need DOSSIER_SEC_USER_AGENT ("Name email").
Exit codes: 0 ok, 1 internal error, 2 usage, 3 incomplete, 4 failed, 5 not found, 6 DOSSIER_HOME busy, 7 SEC unreachable, 130/143 interrupted.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-v") {
    process.stdout.write(`dossier ${version}\n`);
    return ExitCode.ok;
  }
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(`${help}\n`);
    return name ? ExitCode.ok : ExitCode.usage;
  }
  const command = commands[name];
  if (!command) throw new CliError(`unknown command "${name}"\n\n${help}`);
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`${command.usage}\n`);
    return ExitCode.ok;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      process.stderr.write(`dossier: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    const typeError = error as NodeJS.ErrnoException;
    if (
      typeError.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ||
      typeError.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE"
    ) {
      process.stderr.write(`dossier: ${typeError.message}\n`);
      process.exitCode = ExitCode.usage;
      return;
    }
    process.stderr.write(`dossier: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = ExitCode.internalError;
  },
);
