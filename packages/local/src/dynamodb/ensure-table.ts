import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  type TableDescription,
} from "@aws-sdk/client-dynamodb";
import { toCreateTableInput } from "@dossier/core/store";
import { DossierError } from "@dossier/events";
import { createLocalDynamoClients } from "./clients";

export interface EnsureTableOptions {
  endpoint: string;
  tableName: string;
  /** Give up waiting for ACTIVE after this long (default 10 s). */
  timeoutMs?: number;
}

/** The table did not become ACTIVE in time; the local DynamoDB is stuck or overloaded. */
export class TableNotActiveError extends DossierError {
  constructor(tableName: string, endpoint: string, timeoutMs: number) {
    super(
      `Table ${tableName} at ${endpoint} is not ACTIVE after ${timeoutMs} ms; check that the local DynamoDB is running and retry.`,
      { retryable: true },
    );
  }
}

/**
 * Creates the dossier table from the shared design if it does not exist, then waits until
 * it and its indexes are ACTIVE. Safe to call concurrently and repeatedly.
 */
export async function ensureTable(options: EnsureTableOptions): Promise<TableDescription> {
  const { client } = createLocalDynamoClients(options.endpoint);
  try {
    if (!(await describe(client, options.tableName))) {
      try {
        await client.send(new CreateTableCommand(toCreateTableInput(options.tableName)));
      } catch (error) {
        // Another caller created it between our describe and create: that is the goal anyway.
        if (!(error instanceof ResourceInUseException)) throw error;
      }
    }
    return await waitUntilActive(client, options);
  } finally {
    client.destroy();
  }
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function waitUntilActive(
  client: DynamoDBClient,
  options: EnsureTableOptions,
): Promise<TableDescription> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const table = await describe(client, options.tableName);
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every(
      (index) => index.IndexStatus === "ACTIVE",
    );
    if (table?.TableStatus === "ACTIVE" && indexesActive) return table;
    if (Date.now() > deadline) throw new TableNotActiveError(options.tableName, options.endpoint, timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
