import { parseArgs } from "node:util";
import type { Store } from "@dossier/core/store";
import { Part, WatchlistName } from "@dossier/events";
import { describeLocalOutcomes, runBatch } from "@dossier/local/batch";
import { deployedStage } from "../aws-target";
import { CliError, ExitCode } from "../exit-codes";
import { dossierHome } from "../home";
import { withHomeReader } from "../home-reader";
import { companyIdsOf } from "../identity";
import { readCompanyList, validateCompanies } from "../inputs";
import { localStore } from "../local-store";
import { printable, table } from "../render";
import { withRuntime } from "../session";
import { batchExitCode, batchReportJson, renderBatchReport } from "./batch";

export const watchUsage = `dossier watch add <list> FILE [--skip-invalid] [--target local|aws --stage S]
dossier watch list [<list>] [--json] [--target local|aws --stage S]
dossier watch remove <list> [<companyId>…] [--target local|aws --stage S]
dossier watch refresh <list> [--parts sec,leadership] [--json]

A watchlist is a named list of companies kept current by a schedule
(\`dossier schedule create … --watchlist <list>\`): each firing refreshes the list, asking SEC
only about companies that filed something since their profile was made. add takes a CSV or JSON
file as batch does (companies already on the list stay as they are); list shows the lists, or one
list's companies; remove takes companies off a list, or deletes the list when none are named.
refresh refreshes a list now, as its schedule would: a company that filed nothing since its
profile is not asked about again (nor run at all while its website part is cached).`;

function listName(name: string | undefined): string {
  if (!name || !WatchlistName.safeParse(name).success)
    throw new CliError(
      `a watchlist name is 1–64 of letters, digits, - _ . (got "${name ?? ""}")\n\n${watchUsage}`,
    );
  return name;
}

/** Runs `work` against the local runtime's table (writing) or home (reading), or a deployed stage's. */
async function onTarget<T>(
  values: { target?: string | undefined; stage?: string | undefined },
  writes: boolean,
  work: (store: Store, home: string | undefined) => Promise<T>,
): Promise<T> {
  if (values.target === "aws") return work((await deployedStage(values.stage)).store, undefined);
  if (values.target !== "local") throw new CliError("--target is local or aws");
  if (values.stage) throw new CliError("--stage goes with --target aws");
  return writes
    ? withRuntime("watch", { sweepIntervalMs: 0 }, (runtime) => work(localStore(), runtime.home))
    : withHomeReader("watch", ({ home }) => work(localStore(), home));
}

const targetOptions = {
  target: { type: "string", default: "local" },
  stage: { type: "string" },
} as const;

async function add(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...targetOptions, "skip-invalid": { type: "boolean", default: false } },
  });
  const name = listName(positionals[0]);
  const file = positionals[1];
  if (!file || positionals.length > 2)
    throw new CliError(`watch add takes a list name and one file\n\n${watchUsage}`);
  const rows = validateCompanies(file, await readCompanyList(file), { skipInvalid: values["skip-invalid"] });
  const companies = rows.map((row) => row.company);
  if (companies.length === 0) throw new CliError(`${file} has no companies to watch`);
  return onTarget(values, true, async (store, home) => {
    const ids = await companyIdsOf(
      companies,
      home ?? dossierHome(),
      Boolean(process.env.DOSSIER_SEC_USER_AGENT),
    );
    const change = await store.watchlists.add(
      name,
      companies.map((company, index) => ({ company, companyId: ids[index] as string })),
      Date.now(),
    );
    process.stdout.write(
      `watchlist ${name}: ${change.added} added, ${change.unchanged} already on it; ${change.members} companies\n`,
    );
    return ExitCode.ok;
  });
}

async function list(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...targetOptions, json: { type: "boolean", default: false } },
  });
  const name = positionals[0] === undefined ? undefined : listName(positionals[0]);
  return onTarget(values, false, async (store) => {
    if (name === undefined) {
      const lists = await store.watchlists.all();
      if (values.json) process.stdout.write(`${JSON.stringify(lists, null, 2)}\n`);
      else if (lists.length === 0)
        process.stdout.write("no watchlists yet: `dossier watch add <list> companies.csv` makes one\n");
      else
        process.stdout.write(
          `${table(
            ["list", "companies", "updated"],
            lists.map((entry) => [
              entry.name,
              String(entry.members),
              new Date(entry.updatedAt).toISOString(),
            ]),
          )}\n`,
        );
      return ExitCode.ok;
    }
    if (!(await store.watchlists.get(name)))
      throw new CliError(`no watchlist named ${name}`, ExitCode.notFound);
    const members = await store.watchlists.members(name);
    if (values.json) process.stdout.write(`${JSON.stringify(members, null, 2)}\n`);
    else
      process.stdout.write(
        `${table(
          ["company id", "ticker", "cik", "name", "website"],
          members.map(({ companyId, company }) => [
            companyId,
            printable(company.ticker ?? "-"),
            printable(company.cik ?? "-"),
            printable(company.name ?? "-"),
            printable(company.website ?? "-"),
          ]),
        )}\n`,
      );
    return ExitCode.ok;
  });
}

async function remove(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: targetOptions });
  const name = listName(positionals[0]);
  const companyIds = positionals.length > 1 ? positionals.slice(1) : undefined;
  return onTarget(values, true, async (store) => {
    if (!(await store.watchlists.get(name)))
      throw new CliError(`no watchlist named ${name}`, ExitCode.notFound);
    const change = await store.watchlists.remove(name, companyIds, Date.now());
    process.stdout.write(
      companyIds
        ? `watchlist ${name}: ${change.removed} removed${change.unchanged ? `, ${change.unchanged} not on it` : ""}; ${change.members} companies\n`
        : `deleted watchlist ${name} (${change.removed} companies)\n`,
    );
    return ExitCode.ok;
  });
}

async function refresh(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      parts: { type: "string", default: "sec,leadership" },
      timeout: { type: "string", default: "3600" },
      json: { type: "boolean", default: false },
    },
  });
  const name = listName(positionals[0]);
  const parts = values.parts.split(",").map((part) => {
    const parsed = Part.safeParse(part.trim());
    if (!parsed.success) throw new CliError(`--parts takes ${Part.options.join(", ")}, got "${part}"`);
    return parsed.data;
  });
  return withRuntime("watch", {}, async (runtime) => {
    if (!(await localStore().watchlists.get(name)))
      throw new CliError(`no watchlist named ${name}`, ExitCode.notFound);
    const report = await runBatch(
      runtime,
      { watchlist: name },
      {
        parts,
        force: false,
        timeoutMs: Number(values.timeout) * 1000,
      },
    );
    await describeLocalOutcomes(report);
    if (values.json) {
      process.stdout.write(`${batchReportJson(report, [])}\n`);
      return batchExitCode(report.summary);
    }
    const unchanged = Number(report.summary.unchanged ?? 0);
    process.stdout.write(
      `${renderBatchReport(report, [], runtime.home)}\n  unchanged ${unchanged}: nothing filed since their profile, website part cached; no run\n`,
    );
    return batchExitCode(report.summary);
  });
}

export async function watchCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "refresh") return refresh(rest);
  if (sub === "add") return add(rest);
  if (sub === "list") return list(rest);
  if (sub === "remove") return remove(rest);
  throw new CliError(watchUsage);
}
