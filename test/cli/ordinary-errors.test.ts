import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childEnvironment, cliBin, completion, repoRoot, runCli } from "./run-cli";

describe("ordinary situations end in one clear line and a documented exit code", () => {
  let home: string;

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), "dossier-cli-errors-"));
  });

  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it("prints the version", async () => {
    const result = await runCli(["--version"], {});
    expect(result).toMatchObject({ code: 0, stdout: "dossier 0.1.0\n", stderr: "" });
  });

  it("says nobody answers when dev.env is left from a runtime that stopped (exit 5)", async () => {
    // A loopback port nothing listens on, as dev.env reads after `dossier dev` stopped.
    await writeFile(
      path.join(home, "dev.env"),
      "AWS_ENDPOINT_URL_EVENTBRIDGE=http://127.0.0.1:9\nAWS_REGION=us-east-1\nAWS_ACCESS_KEY_ID=x\nAWS_SECRET_ACCESS_KEY=x\n",
    );
    const detail = path.join(home, "request.json");
    await writeFile(
      detail,
      JSON.stringify({
        runId: "run_nobody_0001",
        company: { cik: "320193" },
        requestedAt: "2026-12-01T10:00:00Z",
      }),
    );

    const result = await runCli(
      ["events", "publish", "--detail-type", "Extraction.Requested", "--detail", `@${detail}`],
      { DOSSIER_HOME: home },
    );

    expect(result.code).toBe(5);
    expect(result.stderr).toBe(
      `dossier: no runtime answers at http://127.0.0.1:9 (from ${path.join(home, "dev.env")}): start \`npx dossier dev\` first\n`,
    );
  });

  it("names the rules there are when replay is asked for one that is not (exit 5)", async () => {
    const result = await runCli(
      ["replay", "--from", "2026-01-01T00:00:00Z", "--to", "2026-01-02T00:00:00Z", "--rule", "nope"],
      { DOSSIER_HOME: home },
    );
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/^dossier: no rule named nope; the rules are sec-extractor, /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("ends quietly with exit 0 when piped into a reader that stops early", async () => {
    // `dossier events schema | head -c 10`: the reader closes the pipe long before the schema ends.
    const pipeline = spawn(
      "sh",
      [
        "-c",
        `"${process.execPath}" "${cliBin}" events schema | head -c 10 >/dev/null; echo "status \${PIPESTATUS:-done}"`,
      ],
      {
        cwd: repoRoot,
        env: childEnvironment({}),
      },
    );
    const result = await completion(pipeline);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});
