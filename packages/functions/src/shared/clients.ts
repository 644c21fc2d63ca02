import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { S3Client } from "@aws-sdk/client-s3";
import { type PipelineContext, pipelineConfigFromEnv } from "@dossier/core/pipeline";
import { ObjectStore } from "@dossier/core/profile";
import { createResponseCache } from "@dossier/core/resilience";
import { createStore } from "@dossier/core/store";
import { DossierError } from "@dossier/events";
import { Resource } from "sst";
import { traced } from "./observability";

/** Thrown when the bus rejected entries; retryable, the delivery will be retried. */
export class PublishRejectedError extends DossierError {
  constructor(failures: string[]) {
    super(
      `the event bus rejected ${failures.length} entr${failures.length === 1 ? "y" : "ies"}: ${failures.join("; ")}`,
      { retryable: true },
    );
  }
}

/** Creates a value on first use and keeps it for the life of the execution environment. */
function once<T>(create: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= create();
    return value;
  };
}

// Plain SDK clients: endpoints, region and credentials come from the environment, which is
// AWS in Lambda and the embedded runtime's loopback endpoints locally. Each is created on first
// use, so a handler touches (and needs permissions for) only the resources it uses.
// A request that gets no answer fails after this long and is retried by the SDK, instead of
// hanging the handler until its own timeout.
const requestHandler = { connectionTimeout: 3_000, requestTimeout: 15_000 };

/**
 * Drops the SDK's logger step: no logger is configured, yet the step builds a redacted copy of
 * every request and response for one, on every call.
 */
function withoutCallLogging<Client extends { middlewareStack: { remove(name: string): boolean } }>(
  client: Client,
): Client {
  client.middlewareStack.remove("loggerMiddleware");
  return client;
}

export const dynamo = once(() => traced(withoutCallLogging(new DynamoDBClient({ requestHandler }))));
export const eventBridge = once(() => traced(withoutCallLogging(new EventBridgeClient({ requestHandler }))));
export const s3 = once(() => traced(withoutCallLogging(new S3Client({ requestHandler }))));
export const store = once(() => createStore({ client: dynamo(), table: Resource.Table.name }));
export const objects = once(() => new ObjectStore(s3(), Resource.Bucket.name));
export const cache = once(() => createResponseCache({ store: store() }));

/** Publishes entries to the bus and throws when any was rejected. */
export async function publish(entries: PutEventsRequestEntry[]): Promise<void> {
  const response = await eventBridge().send(new PutEventsCommand({ Entries: entries }));
  if (response.FailedEntryCount) {
    throw new PublishRejectedError(
      (response.Entries ?? [])
        .filter((entry) => entry.ErrorCode)
        .map((entry) => `${entry.ErrorCode}: ${entry.ErrorMessage}`),
    );
  }
}

const config = once(() => pipelineConfigFromEnv());

/** The pipeline context over this environment's resources, resolved lazily field by field. */
export const pipeline: PipelineContext = {
  get store() {
    return store();
  },
  get objects() {
    return objects();
  },
  publish,
  get busName() {
    return Resource.Bus.name;
  },
  now: () => new Date(),
  get config() {
    return config();
  },
};
