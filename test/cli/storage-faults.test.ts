import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { completion, spawnCli } from "./run-cli";

describe("a command whose local storage cannot be used", () => {
  let home: string | undefined;

  afterEach(async () => {
    if (home) await rm(home, { recursive: true, force: true });
  });

  it("exits non-zero naming the unreadable table data instead of doing nothing", async () => {
    home = await mkdtemp(path.join(tmpdir(), "dossier-corrupt-"));
    const tableData = path.join(home, "dynamodb");
    await mkdir(tableData, { recursive: true });
    // A LevelDB directory whose CURRENT names a manifest that is not there, as a torn copy leaves it.
    await writeFile(path.join(tableData, "CURRENT"), "MANIFEST-000009\n");
    await writeFile(path.join(tableData, "MANIFEST-000002"), Buffer.alloc(512, 7));

    const result = await completion(
      spawnCli(["extract", "--cik", "320193", "--parts", "sec"], {
        DOSSIER_HOME: home,
        DOSSIER_SEC_USER_AGENT: "dossier-tests tests@example.com",
      }),
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`the local DynamoDB data in ${tableData} cannot be opened`);
    expect(result.stderr).toContain("move the directory aside to start with an empty table");
  });
});
