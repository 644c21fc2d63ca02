import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { parseLeadershipPage } from "@dossier/core/leadership";
import { parseExecutiveOfficers } from "@dossier/core/sec";
import { CliError, ExitCode } from "../exit-codes";

export const parseUsage = `dossier parse 10k-executives <file.html>
dossier parse leadership <file.html> [--url URL]

10k-executives  the executive officers a 10-K (or proxy statement) on disk lists, as JSON
leadership      the classified people of a leadership page on disk, as JSON`;

async function readDocument(file: string | undefined): Promise<string> {
  if (!file) throw new CliError(parseUsage);
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

export async function parseCommand(argv: string[]): Promise<number> {
  const [kind, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { url: { type: "string" } },
  });
  if (kind === "10k-executives") {
    const result = parseExecutiveOfficers(await readDocument(positionals[0]));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return ExitCode.ok;
  }
  if (kind === "leadership") {
    const html = await readDocument(positionals[0]);
    const people = parseLeadershipPage(html, values.url ?? `file://${positionals[0]}`);
    process.stdout.write(`${JSON.stringify(people, null, 2)}\n`);
    return ExitCode.ok;
  }
  throw new CliError(parseUsage);
}
