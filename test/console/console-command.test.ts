import type { ChildProcess } from "node:child_process";
import { access, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { readDotEnv } from "@dossier/cli/home";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, completion, spawnCli } from "../cli/run-cli";

/** Resolves with the first match of `pattern` in what the child writes to stdout. */
function printedMatch(child: ChildProcess, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(
      () => reject(new Error(`child printed no ${pattern} within ${timeoutMs} ms:\n${seen}`)),
      timeoutMs,
    );
    child.stdout?.on("data", (chunk: Buffer | string) => {
      seen += chunk.toString();
      const match = seen.match(pattern);
      if (!match) return;
      clearTimeout(timer);
      resolve(match);
    });
    child.once("exit", () => {
      clearTimeout(timer);
      reject(new Error(`child exited before printing ${pattern}:\n${seen}`));
    });
  });
}

const consoleUrl = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([\w-]+)/;

/** Trades the URL's token for the console's cookie, as a browser's first visit does. */
async function signIn(origin: string, token: string): Promise<string> {
  const response = await fetch(`${origin}/?token=${token}`, { redirect: "manual" });
  expect(response.status).toBe(303);
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

describe("dossier console", () => {
  let home: string;
  let dev: ChildProcess;
  let devExited: Promise<CliResult>;
  let devConsole: RegExpMatchArray;

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), "dossier-console-"));
    dev = spawnCli(["dev", "--sweep-seconds", "0"], { DOSSIER_HOME: home });
    devExited = completion(dev);
    devConsole = await printedMatch(dev, new RegExp(`console +${consoleUrl.source}`));
  }, 90_000);

  afterAll(async () => {
    if (dev && dev.exitCode === null) dev.kill("SIGKILL");
    if (home) await rm(home, { recursive: true, force: true });
  });

  it("opens a home no runtime runs in by itself, read-only, and gives it back on SIGINT", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "dossier-console-alone-"));
    try {
      const alone = spawnCli(["console"], { DOSSIER_HOME: empty });
      const exited = completion(alone);
      const [, origin = "", token = ""] = await printedMatch(alone, consoleUrl);
      const cookie = await signIn(origin, token);
      const runs = await fetch(`${origin}/runs`, { headers: { cookie } });
      const body = await runs.text();
      alone.kill("SIGINT");
      const result = await exited;

      expect(runs.status).toBe(200);
      expect(body).toContain("no runtime running");
      expect(body).toContain("No runs match.");
      expect(result.code).toBe(0);
      await expect(access(path.join(empty, "runtime.lock"))).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  }, 90_000);

  it("is served by dossier dev on 127.0.0.1, refusing requests without the printed token", async () => {
    const [, origin = "", token = ""] = devConsole;

    const refused = await fetch(`${origin}/runs`);
    const cookie = await signIn(origin, token);
    const admitted = await fetch(`${origin}/operations`, { headers: { cookie } });

    expect(refused.status).toBe(401);
    expect(admitted.status).toBe(200);
    // dev's own console sits beside the bus, so it can list (and redrive) dead letters.
    expect(await admitted.text()).toContain("No dead letters.");
  });

  it("attaches to the runtime dossier dev runs, and stops cleanly on SIGINT", async () => {
    // Act
    const attached = spawnCli(["console"], { DOSSIER_HOME: home });
    const exited = completion(attached);
    const [, origin = "", token = ""] = await printedMatch(attached, consoleUrl);
    const cookie = await signIn(origin, token);
    const runs = await fetch(`${origin}/runs`, { headers: { cookie } });
    const body = await runs.text();
    attached.kill("SIGINT");
    const result = await exited;

    // Assess
    expect(origin).not.toBe(devConsole[1]);
    expect(runs.status).toBe(200);
    expect(body).toContain("local runtime of dossier dev (pid");
    expect(body).toContain("No runs match.");
    expect(result.code).toBe(0);
  }, 60_000);

  it("reads a stage with --target aws through the SDK's own endpoint resolution (here dev's endpoints)", async () => {
    // Prepare: what a deployed stage's user has, with dossier dev standing in for AWS.
    const environment = await readDotEnv(path.join(home, "dev.env"));
    const stage = {
      AWS_ENDPOINT_URL_DYNAMODB: environment.AWS_ENDPOINT_URL_DYNAMODB ?? "",
      AWS_ENDPOINT_URL_S3: environment.AWS_ENDPOINT_URL_S3 ?? "",
      AWS_REGION: environment.AWS_REGION ?? "",
      AWS_ACCESS_KEY_ID: environment.AWS_ACCESS_KEY_ID ?? "",
      AWS_SECRET_ACCESS_KEY: environment.AWS_SECRET_ACCESS_KEY ?? "",
      AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
      AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
      DOSSIER_AWS_BUS_NAME: "dossier",
      DOSSIER_AWS_TABLE_NAME: "dossier",
      DOSSIER_AWS_BUCKET_NAME: "dossier-profiles",
    };

    // Act
    const attached = spawnCli(["console", "--target", "aws", "--stage", "verify"], stage);
    const exited = completion(attached);
    const [, origin = "", token = ""] = await printedMatch(attached, consoleUrl);
    const cookie = await signIn(origin, token);
    const runs = await fetch(`${origin}/runs`, { headers: { cookie } });
    const runsBody = await runs.text();
    // A company with no profile: the page asks S3 and says so, rather than failing.
    const profile = await fetch(`${origin}/profiles/cik-0000000404`, { headers: { cookie } });
    const profileBody = await profile.text();
    attached.kill("SIGINT");
    const result = await exited;

    // Assess
    expect(runs.status).toBe(200);
    expect(runsBody).toContain("stage verify");
    expect(profile.status).toBe(404);
    expect(profileBody).toContain("No profile for cik-0000000404 yet.");
    expect(result.code).toBe(0);
  }, 60_000);

  it("leaves dossier dev to stop as before", async () => {
    dev.kill("SIGINT");
    const result = await devExited;
    expect(result.code).toBe(0);
  }, 60_000);
});
