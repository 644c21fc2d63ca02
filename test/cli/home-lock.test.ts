import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type CliResult, completion, spawnCli } from "./run-cli";

/** Resolves with the first child to print `text`, or to exit, whichever each does. */
function readyOrExited(child: ChildProcess, exited: Promise<CliResult>, text: string) {
  return new Promise<"ready" | "exited">((resolve) => {
    let seen = "";
    child.stdout?.on("data", (chunk: Buffer | string) => {
      seen += chunk.toString();
      if (seen.includes(text)) resolve("ready");
    });
    void exited.then(() => resolve("exited"));
  });
}

describe("DOSSIER_HOME's lock", () => {
  const children: ChildProcess[] = [];
  let home: string | undefined;

  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
    if (home) await rm(home, { recursive: true, force: true });
  });

  it("lets exactly one of two processes started at the same instant run", async () => {
    home = await mkdtemp(path.join(tmpdir(), "dossier-lock-"));
    const started = [0, 1].map(() => {
      const child = spawnCli(["dev", "--sweep-seconds", "0"], { DOSSIER_HOME: home ?? "" });
      children.push(child);
      const exited = completion(child);
      return { child, exited, state: readyOrExited(child, exited, "Ctrl-C to stop.") };
    });

    const states = await Promise.all(started.map((entry) => entry.state));

    expect([...states].sort()).toEqual(["exited", "ready"]);
    const refused = started[states.indexOf("exited")] ?? started[0];
    const running = started.find((entry) => entry !== refused);
    const answer = await refused?.exited;
    expect(answer?.code).toBe(6);
    expect(answer?.stderr).toMatch(/is in use by `dossier dev` \(pid \d+\)/);
    running?.child.kill("SIGINT");
    expect((await running?.exited)?.code).toBe(0);
  }, 120_000);

  it("takes over a lock left by a process that no longer exists", async () => {
    home = await mkdtemp(path.join(tmpdir(), "dossier-lock-stale-"));
    // No process has this pid: Linux pids stay below 2^22.
    await writeFile(path.join(home, "runtime.lock"), JSON.stringify({ pid: 2 ** 22 + 7, command: "batch" }));
    const child = spawnCli(["dev", "--sweep-seconds", "0"], { DOSSIER_HOME: home });
    children.push(child);
    const exited = completion(child);

    expect(await readyOrExited(child, exited, "Ctrl-C to stop.")).toBe("ready");
    child.kill("SIGINT");
    expect((await exited).code).toBe(0);
  }, 120_000);
});
