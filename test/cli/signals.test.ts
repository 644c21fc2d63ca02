import { spawn } from "node:child_process";
import { access, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type DemoFixtureServer, generateDemoDataset, startDemoFixtureServer } from "@dossier/local/demo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childEnvironment, cliBin, completion, repoRoot, runCli, spawnCli } from "./run-cli";

/** Resolves once `check` holds, looking again on every turn of the event loop. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("dossier batch stopped by a signal", () => {
  const dataset = generateDemoDataset();
  let fixture: DemoFixtureServer;
  let home: string;
  let env: Record<string, string>;
  let list: string;

  beforeAll(async () => {
    // Every website answer waits: the batch is surely still working when the signal comes.
    fixture = await startDemoFixtureServer({ dataset, siteLatencyMs: 150 });
    home = await mkdtemp(path.join(tmpdir(), "dossier-cli-signals-"));
    env = {
      DOSSIER_HOME: home,
      DOSSIER_SEC_DATA_URL: fixture.secDataUrl,
      DOSSIER_SEC_WWW_URL: fixture.secWwwUrl,
      DOSSIER_SEC_USER_AGENT: "dossier-tests tests@example.com",
      DOSSIER_ALLOW_PRIVATE_NETWORK: "1",
    };
    const companies = dataset.companies.filter((company) => company.sec && company.site).slice(0, 3);
    list = path.join(home, "companies.csv");
    await writeFile(
      list,
      `cik,website\n${companies.map((company) => `${company.sec?.cik},${fixture.siteUrl(company.key)}`).join("\n")}\n`,
    );
  });

  afterAll(async () => {
    await fixture?.close();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it("says what it interrupted, exits 130 and releases the home; the rerun finishes every run", async () => {
    const child = spawnCli(["batch", list, "--concurrency", "2"], env);
    const exited = completion(child);
    await until(() => fixture.requestLog.some((entry) => entry.route === "site"));

    child.kill("SIGINT");
    const stopped = await exited;

    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(
      /interrupted \(SIGINT\): `dossier batch` stopped with \d+ deliveries in flight/,
    );
    expect(stopped.stderr).toMatch(/delivered on the next start/);
    await expect(access(path.join(home, "runtime.lock"))).rejects.toThrow(/ENOENT/);

    const rerun = await runCli(["batch", list, "--concurrency", "2"], env);
    expect([0, 3]).toContain(rerun.code);
    // Every company of the list ended, none failed: nothing was held back by the interrupted batch.
    expect(rerun.stdout).toMatch(/total 3: \d+ completed, \d+ incomplete, 0 failed/);
  }, 420_000);
});

describe("dossier dev whose launcher is killed", () => {
  let home: string | undefined;

  afterAll(async () => {
    if (home) await rm(home, { recursive: true, force: true });
  });

  it("stops and leaves no runtime process behind, as under `npx` killed with SIGTERM", async () => {
    home = await mkdtemp(path.join(tmpdir(), "dossier-cli-orphan-"));
    // A launcher like npm's: starts dev, passes its output on, and does not forward signals.
    const launcher = spawn(
      process.execPath,
      [
        "-e",
        `const dev = require("node:child_process").spawn(process.execPath, [${JSON.stringify(cliBin)}, "dev", "--sweep-seconds", "0"], { stdio: "inherit" });
         console.log("dev pid " + dev.pid);
         setInterval(() => {}, 1 << 30);`,
      ],
      { cwd: repoRoot, env: childEnvironment({ DOSSIER_HOME: home }) },
    );
    let output = "";
    launcher.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    await until(() => output.includes("Ctrl-C to stop."));
    const devPid = Number(/dev pid (\d+)/.exec(output)?.[1]);
    const alive = () => {
      try {
        process.kill(devPid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive()).toBe(true);

    launcher.kill("SIGTERM");
    await until(() => !alive());

    await expect(access(path.join(home, "runtime.lock"))).rejects.toThrow(/ENOENT/);
  }, 120_000);
});
