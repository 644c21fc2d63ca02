export { createLocalDynamoClients } from "./clients";
export { type EnsureTableOptions, ensureTable, TableNotActiveError } from "./ensure-table";
export { type LocalDynamo, type StartLocalDynamoOptions, startLocalDynamo } from "./local-dynamo.mjs";
export { type LocalTable, startLocalStore, startLocalTable } from "./local-table";
