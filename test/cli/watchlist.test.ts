import type { ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { readDotEnv } from "@dossier/cli/home";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completion, runCli, spawnCli } from "./run-cli";

/** Everything a child prints on stdout, as it comes. */
function collect(child: ChildProcess): {
  text: () => string;
  until: (pattern: RegExp, timeoutMs?: number) => Promise<string>;
} {
  let seen = "";
  const waiters = new Set<() => void>();
  child.stdout?.on("data", (chunk: Buffer | string) => {
    seen += chunk.toString();
    for (const wake of waiters) wake();
  });
  return {
    text: () => seen,
    until: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(seen)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(seen);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${pattern} in:\n${seen}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}

/**
 * The README's "keep a watchlist current" walkthrough, offline: a watchlist from the demo's
 * companies, a Slack-shaped notification to the fixtures' webhook receiver, a first refresh, an
 * 8-K with Item 5.02, and a second refresh that asks SEC only about the company that filed.
 */
describe("keeping a watchlist current", () => {
  let home: string;
  let fixtures: ChildProcess;
  let fixturesOutput: ReturnType<typeof collect>;
  let ended: Promise<unknown>;
  let env: Record<string, string>;

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), "dossier-watch-"));
    fixtures = spawnCli(["fixtures", "serve"], { DOSSIER_HOME: home });
    ended = completion(fixtures);
    fixturesOutput = collect(fixtures);
    await fixturesOutput.until(/Ctrl-C to stop\./);
    env = { ...(await readDotEnv(path.join(home, "fixtures.env"))), DOSSIER_HOME: home };
  }, 60_000);

  afterAll(async () => {
    fixtures?.kill("SIGINT");
    await ended;
    await rm(home, { recursive: true, force: true });
  });

  it("refreshes the list, notifies the channel, and asks SEC again only about the filer", async () => {
    // As the README does it: the header and the first four companies of the demo's list.
    const csv = path.join(home, "portfolio.csv");
    const demo = (await readFile(path.join(home, "demo-companies.csv"), "utf8")).split("\n");
    await writeFile(csv, demo.slice(0, 5).join("\n"));
    const ticker = "BWTR";

    const added = await runCli(["watch", "add", "portfolio", csv], env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/watchlist portfolio: 4 added, 0 already on it; 4 companies/);
    const hook = `${env.DOSSIER_SEC_WWW_URL?.replace(/\/sec-www$/, "")}/hooks/deal-team`;
    const notify = await runCli(
      [
        "notify",
        "add",
        "slack",
        hook,
        "--on",
        "Leadership.ChangeFiled,Batch.Completed",
        "--name",
        "deal-team",
      ],
      env,
    );
    expect(notify.code, notify.stderr).toBe(0);

    const first = await runCli(["watch", "refresh", "portfolio"], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/total 4: 4 completed/);
    await fixturesOutput.until(/webhook deal-team .*Batch completed/);

    const filed = await runCli(
      ["fixtures", "file", ticker, "--appoint", "Priya Raman", "--role", "Chief Financial Officer"],
      env,
    );
    expect(filed.code, filed.stderr).toBe(0);
    expect(filed.stdout).toMatch(/filed an 8-K \(Item 5\.02\)/);

    const second = await runCli(["watch", "refresh", "portfolio"], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/total 1: 1 completed/);
    expect(second.stdout).toMatch(/unchanged 3:/);
    const messages = await fixturesOutput.until(/webhook deal-team .*Leadership change filed/);
    expect(messages).toMatch(/Priya Raman appointed Chief Financial Officer/);

    const listed = await runCli(["watch", "list", "portfolio"], env);
    expect(listed.stdout.split("\n").filter((line) => line.includes("cik-"))).toHaveLength(4);
    const notifications = await runCli(["notify", "list"], env);
    expect(notifications.stdout).toMatch(
      /deal-team\s+slack\s+127\.0\.0\.1:\d+\s+Leadership\.ChangeFiled, Batch\.Completed/,
    );
  }, 300_000);

  it("refuses what cannot work, with the reason", async () => {
    const https = await runCli(
      ["notify", "add", "slack", "http://hooks.example.com/x", "--on", "Profile.Changed"],
      env,
    );
    expect(https.code).not.toBe(0);
    expect(https.stderr).toMatch(/https:\/\//);
    const unknown = await runCli(
      ["notify", "add", "http", "https://hooks.example.com/x", "--on", "Profile.Exploded"],
      env,
    );
    expect(unknown.stderr).toMatch(/Profile\.Exploded cannot be sent/);
    const missing = await runCli(["watch", "refresh", "nope"], env);
    expect(missing.code).toBe(5);
    expect(missing.stderr).toMatch(/no watchlist named nope/);
  }, 120_000);
});
