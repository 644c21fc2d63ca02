import { IdempotencyConfig, makeIdempotent } from "@aws-lambda-powertools/idempotency";
import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { type LocalTable, startLocalTable } from "@dossier/local/dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idempotencyTableConfig, releaseInProgressIdempotency } from "./idempotency";
import { createStore } from "./service";

let table: LocalTable;

beforeAll(async () => {
  table = await startLocalTable();
});
afterAll(async () => {
  await table?.close();
});

describe("idempotency table config", () => {
  it("lets Powertools keep idempotency records in the dossier table beside the entities", async () => {
    const persistenceStore = new DynamoDBPersistenceLayer({
      ...idempotencyTableConfig,
      tableName: table.tableName,
      awsSdkV3Client: table.client,
    });
    let calls = 0;
    const extract = makeIdempotent(
      async (event: { runId: string; part: string }) => {
        calls += 1;
        return { s3Key: `runs/${event.runId}/${event.part}.json` };
      },
      { persistenceStore, config: new IdempotencyConfig({ expiresAfterSeconds: 3_600 }) },
    );
    const store = createStore({ client: table.documentClient, table: table.tableName });
    await store.runs.create({
      runId: "run-idempotent",
      companyId: "cik-0000320193",
      company: { cik: "320193" },
      partsExpected: ["sec"],
      requestedAt: 1,
      deadlineAt: 2,
    });

    const first = await extract({ runId: "run-idempotent", part: "sec" });
    const replay = await extract({ runId: "run-idempotent", part: "sec" });

    expect(replay).toEqual(first);
    expect(calls).toBe(1);
    const { Items = [] } = await table.documentClient.send(new ScanCommand({ TableName: table.tableName }));
    const records = Items.filter((item) => item.pk === "idempotency");
    expect(records).toHaveLength(1);
    expect(records[0]?.expiresAt).toBeGreaterThan(Date.now() / 1000);
    expect(records[0]?.expiresAt).toBeLessThan(Date.now() / 1000 + 3_601);
    expect(await store.runs.get("run-idempotent")).toMatchObject({
      runId: "run-idempotent",
      status: "running",
    });
  });

  it("releases records left in progress by a process that is gone, and keeps completed ones", async () => {
    // Prepare: one invocation completed, one still in progress when its process stopped.
    const persistenceStore = new DynamoDBPersistenceLayer({
      ...idempotencyTableConfig,
      tableName: table.tableName,
      awsSdkV3Client: table.client,
    });
    const config = new IdempotencyConfig({ eventKeyJmesPath: "runId", expiresAfterSeconds: 3_600 });
    let calls = 0;
    const extract = makeIdempotent(
      async (event: { runId: string; hang?: boolean }) => {
        calls += 1;
        if (event.hang) await new Promise(() => {});
        return { ok: event.runId };
      },
      { persistenceStore, config, keyPrefix: "release-test" },
    );
    await extract({ runId: "run-finished" });
    void extract({ runId: "run-interrupted", hang: true });
    // Wait for its record to be written, not for a length of time.
    const inProgress = async () => {
      const { Items = [] } = await table.documentClient.send(new ScanCommand({ TableName: table.tableName }));
      return Items.some((item) => item.idempotencyStatus === "INPROGRESS");
    };
    while (!(await inProgress())) await new Promise((resolve) => setImmediate(resolve));
    const stuck = await extract({ runId: "run-interrupted" }).catch((error: unknown) => error);
    expect((stuck as Error).name).toBe("IdempotencyAlreadyInProgressError");

    // Act
    const released = await releaseInProgressIdempotency(table.documentClient, table.tableName);

    // Assess: the interrupted run is extracted again at once; the finished one is not.
    expect(released).toBe(1);
    expect(await extract({ runId: "run-interrupted" })).toEqual({ ok: "run-interrupted" });
    expect(await extract({ runId: "run-finished" })).toEqual({ ok: "run-finished" });
    expect(calls).toBe(3);
  });
});
