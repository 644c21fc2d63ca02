import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createStore, type Store } from "@dossier/core/store";
import { LocalResourceNames } from "@dossier/local/runtime";

/** The local runtime's table; the SDK reaches it through the endpoint variables the runtime (or home reader) set. */
export function localStore(): Store {
  return createStore({ client: new DynamoDBClient({}), table: LocalResourceNames.table });
}
