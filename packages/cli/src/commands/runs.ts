import { parseArgs } from "node:util";
import { CliError, ExitCode } from "../exit-codes";
import { withHomeReader } from "../home-reader";
import { localStore } from "../local-store";
import { formatMs, printable, table } from "../render";

export const runsUsage = `dossier runs [--limit N] [--json]

Lists the most recent runs (company, status, parts, duration) and batches (progress and outcomes)
of the local runtime, newest first. Read-only: works while \`dossier dev\` or a batch runs.`;

const iso = (epochMs: number | undefined) => (epochMs === undefined ? "-" : new Date(epochMs).toISOString());

export async function runsCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { limit: { type: "string", default: "20" }, json: { type: "boolean", default: false } },
  });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new CliError(`--limit must be a whole number ≥ 1\n\n${runsUsage}`);
  return withHomeReader("runs", async () => {
    const store = localStore();
    // A scan: the local table is small, and listing every run is not a query the pipeline needs.
    const [runs, batches] = await Promise.all([
      store.entities.run.scan.go({ pages: "all" }),
      store.entities.batch.scan.go({ pages: "all" }),
    ]);
    const recentRuns = runs.data.sort((a, b) => b.requestedAt - a.requestedAt).slice(0, limit);
    const recentBatches = batches.data.sort((a, b) => b.requestedAt - a.requestedAt).slice(0, limit);
    const batchSummaries = (
      await Promise.all(recentBatches.map((batch) => store.batches.get(batch.batchId)))
    ).filter((batch) => batch !== undefined);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ runs: recentRuns, batches: batchSummaries }, null, 2)}\n`);
      return ExitCode.ok;
    }
    const runRows = recentRuns.map((run) => [
      iso(run.requestedAt),
      run.runId,
      printable(run.company?.name ?? run.company?.ticker ?? "-"),
      run.companyId,
      run.status,
      Object.entries(run.parts ?? {})
        .map(([part, outcome]) => `${part} ${outcome?.status ?? "?"}`)
        .join(", ") || "-",
      run.durationMs === undefined ? "-" : formatMs(run.durationMs),
    ]);
    process.stdout.write(
      runRows.length === 0
        ? "no runs yet\n"
        : `${table(["requested", "run", "company", "id", "status", "parts", "took"], runRows)}\n`,
    );
    if (batchSummaries.length > 0) {
      const batchRows = batchSummaries.map((batch) => [
        iso(batch.requestedAt),
        batch.batchId,
        batch.status,
        `${batch.done}/${batch.total}`,
        `${batch.completed} completed, ${batch.incomplete} incomplete, ${batch.failed} failed`,
      ]);
      process.stdout.write(`\n${table(["requested", "batch", "status", "done", "outcomes"], batchRows)}\n`);
    }
    return ExitCode.ok;
  });
}
