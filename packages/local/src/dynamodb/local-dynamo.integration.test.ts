import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetItemCommand, ListTablesCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { createLocalDynamoClients } from "./clients";
import { ensureTable } from "./ensure-table";
import { startLocalDynamo } from "./local-dynamo.mjs";

const directories: string[] = [];
afterAll(async () => {
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

describe("local DynamoDB", () => {
  it("listens on a free loopback port and answers the DynamoDB API", async () => {
    const dynamo = await startLocalDynamo();
    const { client } = createLocalDynamoClients(dynamo.endpoint);

    const tables = await client.send(new ListTablesCommand({}));

    expect(dynamo.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(dynamo.port).toBeGreaterThan(0);
    expect(tables.TableNames).toEqual([]);
    client.destroy();
    await dynamo.close();
  });

  it("creates the table from the shared design once, even when asked concurrently", async () => {
    const dynamo = await startLocalDynamo();

    const descriptions = await Promise.all(
      Array.from({ length: 3 }, () => ensureTable({ endpoint: dynamo.endpoint, tableName: "dossier" })),
    );
    const again = await ensureTable({ endpoint: dynamo.endpoint, tableName: "dossier" });

    for (const table of [...descriptions, again]) {
      expect(table.TableStatus).toBe("ACTIVE");
      expect(table.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(["gsi1", "gsi2"]);
    }
    await dynamo.close();
  });

  it("keeps data on disk across restarts when given a path", async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "dossier-dynamo-"));
    directories.push(directory);
    const item = { pk: { S: "run#1" }, sk: { S: "run" }, note: { S: "kept" } };

    const first = await startLocalDynamo({ path: directory });
    await ensureTable({ endpoint: first.endpoint, tableName: "dossier" });
    const writer = createLocalDynamoClients(first.endpoint).client;
    await writer.send(new PutItemCommand({ TableName: "dossier", Item: item }));
    writer.destroy();
    await first.close();

    const second = await startLocalDynamo({ path: directory });
    const reader = createLocalDynamoClients(second.endpoint).client;
    const { Item } = await reader.send(
      new GetItemCommand({ TableName: "dossier", Key: { pk: item.pk, sk: item.sk } }),
    );
    reader.destroy();
    await second.close();

    expect(Item?.note).toEqual({ S: "kept" });
  });
});
