import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Service } from "electrodb";
import { createBatchLedger } from "./batch-ledger";
import { createBatchEntity } from "./entities/batch";
import { createBatchTallyEntity } from "./entities/batch-tally";
import { createCacheEntryEntity } from "./entities/cache-entry";
import { createCircuitEntity } from "./entities/circuit";
import { createFilingAnnouncementEntity } from "./entities/filing-announcement";
import { createNotificationEntity } from "./entities/notification";
import { createProfileVersionEntity } from "./entities/profile-version";
import { createRateBucketEntity } from "./entities/rate-bucket";
import { createRunEntity } from "./entities/run";
import { createScheduleEntity } from "./entities/schedule";
import { createWatchlistEntity, createWatchlistMemberEntity } from "./entities/watchlist";
import { createRunLedger } from "./run-ledger";
import { createWatchlists } from "./watchlists";

export interface StoreOptions {
  client: DynamoDBDocumentClient | DynamoDBClient;
  /** The table name (`Resource.Table.name` on AWS, the local runtime's name locally). */
  table: string;
}

function createService({ client, table }: StoreOptions) {
  // ElectroDB's v3 path sends lib-dynamodb commands, which need a document client around a plain one.
  const documentClient = client instanceof DynamoDBClient ? DynamoDBDocumentClient.from(client) : client;
  const config = { client: documentClient, table };
  // Entities are built per store: ElectroDB binds client and table onto the entity instances.
  return new Service(
    {
      run: createRunEntity(config),
      batch: createBatchEntity(config),
      batchTally: createBatchTallyEntity(config),
      cacheEntry: createCacheEntryEntity(config),
      circuit: createCircuitEntity(config),
      rateBucket: createRateBucketEntity(config),
      schedule: createScheduleEntity(config),
      profileVersion: createProfileVersionEntity(config),
      watchlist: createWatchlistEntity(config),
      notification: createNotificationEntity(config),
      filingAnnouncement: createFilingAnnouncementEntity(config),
      watchlistMember: createWatchlistMemberEntity(config),
    },
    config,
  );
}

export type StoreService = ReturnType<typeof createService>;
export type StoreEntities = StoreService["entities"];

/**
 * The dossier store over one table: the ElectroDB service and its entities, plus the run
 * and batch ledgers whose racing writes are single conditional updates.
 *
 * @example
 * const store = createStore({ client: new DynamoDBClient({}), table: Resource.Table.name });
 * const { duplicate } = await store.runs.recordPart(runId, "sec", { status: "succeeded", s3Key });
 */
export function createStore(options: StoreOptions) {
  const service = createService(options);
  return {
    table: options.table,
    service,
    entities: service.entities,
    runs: createRunLedger(service.entities.run),
    batches: createBatchLedger(service),
    watchlists: createWatchlists(service.entities),
  };
}

export type Store = ReturnType<typeof createStore>;
