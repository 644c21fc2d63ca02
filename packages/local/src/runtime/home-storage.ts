import path from "node:path";
import { createLocalDynamoClients, ensureTable } from "../dynamodb";
import { type LocalEndpoints, LocalResourceNames, objectsDirectory } from "./environment";
import { type StorageThread, startStorageThread } from "./storage-thread";

export interface HomeStorage {
  endpoints: Pick<LocalEndpoints, "dynamodb" | "s3">;
  /** Settles, with the cause, if the local DynamoDB and S3 die while they are open. */
  failure: StorageThread["failure"];
  /** A document client on the local table, destroyed by `stop()`. */
  documentClient: ReturnType<typeof createLocalDynamoClients>["documentClient"];
  stop(): Promise<void>;
}

/**
 * The local DynamoDB (with dossier's table) and S3 (with its bucket) on a data root's files: the
 * one place that says where a home keeps its table and objects. The full runtime opens them with
 * the bus and the handlers; read-only commands open them alone.
 */
export async function openHomeStorage(options: {
  /** The home's directory, or a scratch directory for an in-memory table. */
  dataRoot: string;
  /** False keeps the table in memory (a scratch runtime). */
  persistTable: boolean;
  ports?: Partial<Record<"dynamodb" | "s3", number>>;
}): Promise<HomeStorage> {
  const storage = await startStorageThread({
    ...(options.persistTable ? { dynamoPath: path.join(options.dataRoot, "dynamodb") } : {}),
    dynamoPort: options.ports?.dynamodb ?? 0,
    s3Directory: objectsDirectory(options.dataRoot),
    s3Port: options.ports?.s3 ?? 0,
    buckets: [LocalResourceNames.bucket],
  });
  try {
    await ensureTable({ endpoint: storage.dynamoEndpoint, tableName: LocalResourceNames.table });
  } catch (error) {
    await storage.stop().catch(() => undefined);
    throw error;
  }
  const { documentClient } = createLocalDynamoClients(storage.dynamoEndpoint);
  return {
    endpoints: { dynamodb: storage.dynamoEndpoint, s3: storage.s3Endpoint },
    failure: storage.failure,
    documentClient,
    async stop() {
      documentClient.destroy();
      await storage.stop();
    },
  };
}
