import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { access, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { readDotEnv } from "@dossier/cli/home";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, completion, repoRoot, runCommand, spawnCli } from "./run-cli";

const clientScript = path.join(repoRoot, "test", "fixtures", "e2e", "eventbridge-client.mjs");

/** Resolves once the child has written `text` to stdout. */
function printed(child: ChildProcess, text: string, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(
      () => reject(new Error(`child did not print "${text}" within ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.stdout?.on("data", (chunk: Buffer | string) => {
      seen += chunk.toString();
      if (!seen.includes(text)) return;
      clearTimeout(timer);
      resolve();
    });
    child.once("exit", () => {
      clearTimeout(timer);
      reject(new Error(`child exited before printing "${text}"`));
    });
  });
}

interface ClientAnswer {
  put: { FailedEntryCount: number; Entries: Record<string, string>[] };
  matches: boolean;
  misses: boolean;
}

describe("dossier dev", () => {
  const marker = randomUUID();
  let home: string;
  let dev: ChildProcess;
  let exited: Promise<CliResult>;
  let environment: Record<string, string>;
  let answer: ClientAnswer;

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), "dossier-dev-"));
    dev = spawnCli(["dev", "--sweep-seconds", "0"], { DOSSIER_HOME: home });
    exited = completion(dev);
    await printed(dev, "Ctrl-C to stop.");
    environment = await readDotEnv(path.join(home, "dev.env"));
    const client = await runCommand(process.execPath, [clientScript], {
      AWS_ENDPOINT_URL_EVENTBRIDGE: environment.AWS_ENDPOINT_URL_EVENTBRIDGE ?? "",
      AWS_REGION: environment.AWS_REGION ?? "",
      PROBE_MARKER: marker,
    });
    expect(client.stderr).toBe("");
    answer = JSON.parse(client.stdout) as ClientAnswer;
  });

  afterAll(async () => {
    if (dev && dev.exitCode === null) dev.kill("SIGKILL");
    if (home) await rm(home, { recursive: true, force: true });
  });

  it("writes dev.env with a loopback EventBridge endpoint", () => {
    expect(environment.AWS_ENDPOINT_URL_EVENTBRIDGE).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("answers PutEvents from another process the way AWS does: one failed entry with an error code", () => {
    expect(answer.put.FailedEntryCount).toBe(1);
    const [accepted, rejected, forged] = answer.put.Entries;
    expect(forged?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(accepted?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(accepted?.ErrorCode).toBeUndefined();
    expect(rejected?.EventId).toBeUndefined();
    expect(rejected?.ErrorCode).toBe("MalformedDetail");
    expect(rejected?.ErrorMessage).toEqual(expect.any(String));
  });

  it("answers TestEventPattern from another process", () => {
    expect(answer).toMatchObject({ matches: true, misses: false });
  });

  it("exits 0 on SIGINT and keeps the accepted events in its archive", async () => {
    dev.kill("SIGINT");
    const result = await exited;
    expect({ code: result.code, signal: result.signal }).toEqual({ code: 0, signal: null });
    // The forged detail-type and ids were printed as escapes, on one line of their own.
    expect(result.stdout).toContain(
      "Probe.Forged\\u000d\\u000a2026-01-01T00:00:00Z Profile.Completed\\u001b[2J",
    );
    expect(result.stdout).toContain("cik-0000320193\\u001b[31m red");
    for (const raw of ["\r", "\u001b", "\u202e"]) expect(result.stdout).not.toContain(raw);
    const journal = await readFile(path.join(home, "eventbridge", "eventbridge-dossier.jsonl"), "utf8");
    const eventId = answer.put.Entries[0]?.EventId ?? "";
    expect(journal).toContain(eventId);
    expect(journal).toContain(marker);
    expect(journal).not.toContain("Probe.Rejected");
    await expect(access(path.join(home, "runtime.lock"))).rejects.toThrow(/ENOENT/);
  });
});
