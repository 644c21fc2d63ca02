import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { CompanyRequest } from "@dossier/events";
import {
  demoEnvironment,
  demoRequests,
  describeDataset,
  generateDemoDataset,
  startDemoFixtureServer,
} from "@dossier/local/demo";
import { toDotEnv } from "@dossier/local/runtime";
import { CliError, ExitCode } from "../exit-codes";
import { dossierHome, readDotEnv } from "../home";
import { toCompanyCsv } from "../inputs";
import { paint, printable } from "../render";

export const fixturesUsage = `dossier fixtures serve [--port N]
dossier fixtures file <ticker> --appoint|--depart NAME --role ROLE [--day YYYY-MM-DD]

serve serves the demo's data on 127.0.0.1 until Ctrl-C: EDGAR-shaped SEC data (with daily form
indexes) and the websites of the demo's fictional companies, and a webhook receiver at
/hooks/<name> that prints what it receives. Writes $DOSSIER_HOME/fixtures.env (the variables that
point dossier at it) and $DOSSIER_HOME/demo-companies.csv (the demo's requests), and prints how to
use them, so \`dossier extract\`, \`batch\` and \`watch\` run offline against it.
file makes a demo company file an 8-K with Item 5.02 on the running server (the last business day
by default), as EDGAR would list it: the next watchlist refresh finds it.`;

/** The running fixture server's address, from the variables \`fixtures serve\` wrote. */
async function servedBaseUrl(): Promise<string> {
  const envFile = path.join(dossierHome(), "fixtures.env");
  const variables = await readDotEnv(envFile).catch(() => undefined);
  const secWww = variables?.DOSSIER_SEC_WWW_URL;
  if (!secWww) throw new CliError(`no fixtures running: start \`dossier fixtures serve\` first (${envFile})`);
  return secWww.replace(/\/sec-www\/?$/, "");
}

async function fileEightK(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      appoint: { type: "string" },
      depart: { type: "string" },
      role: { type: "string" },
      day: { type: "string" },
    },
  });
  const ticker = positionals[0];
  const person = values.appoint ?? values.depart;
  if (!ticker || !person || !values.role || (values.appoint && values.depart))
    throw new CliError(fixturesUsage);
  if (values.day !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.day))
    throw new CliError(`--day is YYYY-MM-DD, got "${values.day}"`);
  const base = await servedBaseUrl();
  const response = await fetch(`${base}/fixtures/filings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      ticker,
      ...(values.day ? { day: values.day } : {}),
      changes: [{ person, change: values.appoint ? "appointed" : "departed", role: values.role }],
    }),
  }).catch((error: Error) => {
    throw new CliError(
      `the fixture server at ${base} does not answer (${error.message}); is \`dossier fixtures serve\` running?`,
      ExitCode.unavailable,
    );
  });
  const answer = await response.text();
  if (!response.ok) throw new CliError(`the fixture server refused: ${answer}`);
  const filing = JSON.parse(answer) as { companyName: string; day: string; accessionNumber: string };
  process.stdout.write(
    `${filing.companyName} filed an 8-K (Item 5.02) on ${filing.day}: ${filing.accessionNumber}\n`,
  );
  return ExitCode.ok;
}

export async function fixturesCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "file") return fileEightK(rest);
  if (sub !== "serve") throw new CliError(fixturesUsage);
  const { values } = parseArgs({ args: rest, options: { port: { type: "string", default: "0" } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliError("--port must be 0 to 65535");
  const dataset = generateDemoDataset();
  const onHook = (name: string, body: string) => {
    process.stdout.write(`${paint.bold(`webhook ${name}`)} ${printable(body.slice(0, 2000))}\n`);
  };
  const server = await startDemoFixtureServer({ dataset, port, onHook }).catch(
    (error: NodeJS.ErrnoException) => {
      throw new CliError(`cannot serve on port ${port}: ${error.message}`, ExitCode.internalError);
    },
  );
  const home = dossierHome();
  const envFile = path.join(home, "fixtures.env");
  const csvFile = path.join(home, "demo-companies.csv");
  const requests = demoRequests(dataset, server.baseUrl).map((entry) => entry.request as CompanyRequest);
  await mkdir(home, { recursive: true });
  await writeFile(envFile, toDotEnv(demoEnvironment(server)));
  await writeFile(csvFile, toCompanyCsv(requests));
  const example = dataset.companies.find(
    (company) => company.sec && company.site && company.origin === "curated",
  );
  const relative = (file: string) => path.relative(process.cwd(), file) || file;
  const out = process.stdout;
  out.write(`${paint.bold("demo fixtures")} on ${server.baseUrl}\n${describeDataset(dataset)}\n\n`);
  out.write(`  variables  ${relative(envFile)}\n  companies  ${relative(csvFile)}\n\nIn another terminal:\n`);
  out.write(`  set -a; . ${relative(envFile)}; set +a\n`);
  if (example?.sec) {
    out.write(
      `  npx dossier extract --ticker ${example.sec.tickers[0]} --website ${server.siteUrl(example.key)}\n`,
    );
  }
  out.write(`  npx dossier batch ${relative(csvFile)}\n`);
  out.write(`A webhook receiver: ${server.baseUrl}/hooks/<name> (what it receives is printed here)\n`);
  out.write(paint.dim("Ctrl-C to stop.\n"));
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await server.close();
  return ExitCode.ok;
}
