import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createStore, type Store } from "@dossier/core/store";
import { createLocalDynamoClients } from "./clients";
import { ensureTable } from "./ensure-table";
import { type StartLocalDynamoOptions, startLocalDynamo } from "./local-dynamo.mjs";

export interface LocalTable {
  endpoint: string;
  tableName: string;
  client: DynamoDBClient;
  documentClient: DynamoDBDocumentClient;
  /** Destroys the clients and stops the server. */
  close(): Promise<void>;
}

/** Starts dynalite, creates the dossier table in it and returns ready clients: the one-call setup for tests and tools. */
export async function startLocalTable(
  options: StartLocalDynamoOptions & { tableName?: string } = {},
): Promise<LocalTable> {
  const dynamo = await startLocalDynamo(options);
  const tableName = options.tableName ?? "dossier";
  try {
    await ensureTable({ endpoint: dynamo.endpoint, tableName });
  } catch (error) {
    await dynamo.close();
    throw error;
  }
  const { client, documentClient } = createLocalDynamoClients(dynamo.endpoint);
  return {
    endpoint: dynamo.endpoint,
    tableName,
    client,
    documentClient,
    async close() {
      client.destroy();
      await dynamo.close();
    },
  };
}

/** A local table with dossier's store (its ElectroDB entities and ledgers) over it. */
export async function startLocalStore(
  options: StartLocalDynamoOptions & { tableName?: string } = {},
): Promise<{ table: LocalTable; store: Store }> {
  const table = await startLocalTable(options);
  return { table, store: createStore({ client: table.documentClient, table: table.tableName }) };
}
