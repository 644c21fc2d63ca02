import { parseArgs } from "node:util";
import { CliError, ExitCode } from "../exit-codes";
import { withHomeReader } from "../home-reader";
import { withRuntime } from "../session";

export const replayUsage = `dossier replay --from ISO-TIME --to ISO-TIME [--rule NAME]…
dossier dlq list
dossier dlq redrive

replay  re-sends archived events whose time is in [from, to) to the rules (all, or --rule);
        handlers are idempotent, so finished runs are not redone
dlq     lists or redrives deliveries that exhausted their retry policy (list only reads: it works
        while \`dossier dev\` runs; redrive needs the runtime, so stop dev or redrive from it)`;

function parseTime(value: string | undefined, flag: string): Date {
  const date = value ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime()))
    throw new CliError(`--${flag} must be an ISO time, e.g. 2026-11-22T08:00:00Z`);
  return date;
}

export async function replayCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { from: { type: "string" }, to: { type: "string" }, rule: { type: "string", multiple: true } },
  });
  const from = parseTime(values.from, "from");
  const to = parseTime(values.to, "to");
  if (from >= to) throw new CliError("--from must be before --to");
  return withRuntime("replay", {}, async (runtime) => {
    const known = runtime.bus.listRules().map((rule) => rule.name);
    const unknown = (values.rule ?? []).filter((rule) => !known.includes(rule));
    if (unknown.length > 0)
      throw new CliError(
        `no rule named ${unknown.join(", ")}; the rules are ${known.join(", ")}`,
        ExitCode.notFound,
      );
    const result = await runtime.bus.replay({ from, to, ...(values.rule ? { ruleNames: values.rule } : {}) });
    await runtime.drain();
    process.stdout.write(
      `replay ${result.replayName}: ${result.eventsInRange} archived events in range, ${result.deliveries} deliveries\n`,
    );
    return ExitCode.ok;
  });
}

export async function dlqCommand(argv: string[]): Promise<number> {
  const [sub] = argv;
  if (sub !== "list" && sub !== "redrive") throw new CliError(replayUsage);
  if (sub === "list") {
    // Read-only: from the journal on disk, so it works while `dossier dev` owns the bus.
    return withHomeReader("dlq", async (reader) => {
      process.stdout.write(`${JSON.stringify(await reader.deadLetters(), null, 2)}\n`);
      return ExitCode.ok;
    });
  }
  return withRuntime("dlq", { sweepIntervalMs: 0 }, async (runtime) => {
    const result = await runtime.bus.redriveDeadLetters();
    await runtime.drain();
    process.stdout.write(
      `redrove ${result.attempted}: ${result.redelivered} delivered, ${result.failed} failed again\n`,
    );
    return result.failed ? ExitCode.failed : ExitCode.ok;
  });
}
