import type { ChildProcess } from "node:child_process";
import { access, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { readDotEnv } from "@dossier/cli/home";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, completion, repoRoot, runCli, spawnCli } from "./run-cli";

/** Resolves with everything the child printed once its stdout contains `text`. */
function printed(child: ChildProcess, text: string, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(
      () => reject(new Error(`child did not print "${text}" in ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.stdout?.on("data", (chunk: Buffer | string) => {
      seen += chunk.toString();
      if (!seen.includes(text)) return;
      clearTimeout(timer);
      resolve(seen);
    });
    child.once("exit", () => {
      clearTimeout(timer);
      reject(new Error(`child exited before printing "${text}":\n${seen}`));
    });
  });
}

/** Every absolute path under `home` a command printed, with `<companyId>` standing for `companyId`. */
function printedPaths(output: string, home: string, companyId: string): string[] {
  const escaped = home.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const paths = output.match(new RegExp(`${escaped}[^\\s'"()]*`, "g")) ?? [];
  return paths.map((printedPath) => printedPath.replace("<companyId>", companyId));
}

async function expectAllExist(paths: string[]): Promise<void> {
  expect(paths.length).toBeGreaterThan(0);
  for (const file of paths) await expect(access(file), file).resolves.toBeUndefined();
}

/**
 * The path a new user takes from the README, on a fresh home: the demo, looking at its results,
 * an offline extract against the standalone fixtures, `dev` running while read-only commands
 * answer, and publishing with no runtime. Every path a command prints exists afterwards.
 */
describe("a newcomer's first hour", () => {
  let home: string;
  let demo: CliResult;

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), "dossier-newcomer-"));
    demo = await runCli(["demo"], { DOSSIER_HOME: home });
  }, 300_000);

  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it("runs the demo and points at profiles that exist on disk", async () => {
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toContain("✓ all 30 companies accounted for");
    // The console, to watch the batch live while the demo runs.
    expect(demo.stderr).toMatch(/console http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/);
    // The summary names each company beside its id, in the demo's order.
    expect(demo.stdout).toMatch(/Brightwater Analytics Inc\s+BWTR\s+cik-0009900001\s+Completed/);
    const rows = demo.stdout.split("\n");
    // A company asked for by CIK alone still shows its name and ticker from its profile.
    expect(rows.find((row) => row.includes("cik-0009900002"))).toMatch(
      /^Calloway Freight Systems Corp\s+[A-Z]+\s+cik-0009900002/,
    );
    await expectAllExist(printedPaths(demo.stdout, home, "cik-0009900001"));
    const latest = JSON.parse(
      await readFile(
        path.join(home, "s3", "dossier-profiles", "profiles", "cik-0009900001", "latest.json"),
        "utf8",
      ),
    ) as { companyId: string };
    expect(latest.companyId).toBe("cik-0009900001");
  });

  it("lists the stored profiles and shows one by its ticker", async () => {
    const list = await runCli(["profile", "list"], { DOSSIER_HOME: home });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/Brightwater Analytics Inc\s+BWTR\s+cik-0009900001\s+(completed|incomplete)/);
    const show = await runCli(["profile", "show", "bwtr"], { DOSSIER_HOME: home });
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain("Brightwater Analytics Inc  (cik-0009900001)");
    expect(show.stdout).toContain("Maria Okafor");
  });

  it("extracts offline against the standalone fixture servers", async () => {
    const fixtures = spawnCli(["fixtures", "serve"], { DOSSIER_HOME: home });
    const ended = completion(fixtures);
    try {
      const banner = await printed(fixtures, "Ctrl-C to stop.");
      const envFile = path.join(home, "fixtures.env");
      const csvFile = path.join(home, "demo-companies.csv");
      await expectAllExist([envFile, csvFile]);
      const command = /npx dossier (extract --ticker \S+ --website \S+)/.exec(banner)?.[1];
      expect(command, banner).toBeDefined();
      const variables = await readDotEnv(envFile);
      const extract = await runCli((command as string).split(" "), { ...variables, DOSSIER_HOME: home });
      expect(extract.code, extract.stderr).toBe(0);
      expect(extract.stdout).toContain("status        completed");
      const printedProfile = /profile: (\S+)/.exec(extract.stderr)?.[1];
      await expectAllExist([printedProfile as string]);
      // The demo's run and this one are two versions of the company's profile.
      const history = await runCli(["profile", "history", "BWTR"], { DOSSIER_HOME: home });
      expect(history.code, history.stderr).toBe(0);
      expect(history.stdout).toMatch(/v1 .* completed\s+100 %\n.*v2 .* completed\s+100 %/s);
    } finally {
      fixtures.kill("SIGINT");
      await ended;
    }
  }, 180_000);

  it("answers read-only commands while dev runs, and refuses a second writer", async () => {
    const dev = spawnCli(["dev", "--sweep-seconds", "0"], { DOSSIER_HOME: home });
    const ended = completion(dev);
    try {
      const banner = await printed(dev, "Ctrl-C to stop.");
      await expectAllExist(printedPaths(banner, home, "cik-0009900001"));
      const get = await runCli(["profile", "get", "BWTR"], { DOSSIER_HOME: home });
      expect(get.code, get.stderr).toBe(0);
      expect(JSON.parse(get.stdout)).toMatchObject({ companyId: "cik-0009900001" });
      const dlq = await runCli(["dlq", "list"], { DOSSIER_HOME: home });
      expect(dlq.code, dlq.stderr).toBe(0);
      expect(JSON.parse(dlq.stdout)).toEqual([]);
      const runs = await runCli(["runs", "--limit", "3"], { DOSSIER_HOME: home });
      expect(runs.code, runs.stderr).toBe(0);
      expect(runs.stdout).toMatch(/batch_\S+\s+completed\s+30\/30\s+26 completed, 2 incomplete, 2 failed/);
      const list = path.join(home, "one.csv");
      await writeFile(list, "ticker\nBWTR\n");
      const writer = await runCli(["batch", list], { DOSSIER_HOME: home });
      expect(writer.code).toBe(6);
      expect(writer.stderr).toMatch(/is in use by `dossier dev`/);
    } finally {
      dev.kill("SIGINT");
      await ended;
    }
  }, 180_000);

  it("has on disk every path the README names, once the commands before ran", async () => {
    const readme = await readFile(path.join(repoRoot, "README.md"), "utf8");
    const named = [...readme.matchAll(/\.dossier\/[^\s`)'";]+/g)].map(([match]) => match);
    expect(named).toContain(".dossier/dev.env");
    const onDisk = named
      .filter((name) => !name.includes("…"))
      .map((name) =>
        path.join(home, name.slice(".dossier/".length)).replace("<companyId>", "cik-0009900001"),
      );
    await expectAllExist(onDisk);
  });

  it("says plainly that no runtime runs when publishing without one", async () => {
    const detail = JSON.stringify({ company: { cik: "9900001" } });
    const publish = await runCli(
      ["events", "publish", "--detail-type", "Extraction.Requested", "--detail", detail],
      { DOSSIER_HOME: home },
    );
    expect(publish.code).toBe(5);
    expect(publish.stderr.trim().split("\n")).toHaveLength(1);
    expect(publish.stderr).toMatch(
      /^dossier: no runtime answers at http:\/\/127\.0\.0\.1:\d+ .*start `npx dossier dev` first\n$/,
    );
  });
});
