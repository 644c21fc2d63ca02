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
import { dossierHome } from "../home";
import { toCompanyCsv } from "../inputs";
import { paint } from "../render";

export const fixturesUsage = `dossier fixtures serve [--port N]

Serves the demo's data on 127.0.0.1 until Ctrl-C: EDGAR-shaped SEC data and the websites of the
demo's fictional companies. Writes $DOSSIER_HOME/fixtures.env (the variables that point dossier
at it) and $DOSSIER_HOME/demo-companies.csv (the demo's requests), and prints how to use them,
so \`dossier extract\` and \`dossier batch\` run offline against it.`;

export async function fixturesCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== "serve") throw new CliError(fixturesUsage);
  const { values } = parseArgs({ args: rest, options: { port: { type: "string", default: "0" } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliError("--port must be 0 to 65535");
  const dataset = generateDemoDataset();
  const server = await startDemoFixtureServer({ dataset, port }).catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`cannot serve on port ${port}: ${error.message}`, ExitCode.internalError);
  });
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
  out.write(paint.dim("Ctrl-C to stop.\n"));
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await server.close();
  return ExitCode.ok;
}
