import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { ObjectStore } from "@dossier/core/profile";
import { createStore, type Store } from "@dossier/core/store";

/** A dead letter as the Operations page shows it. */
export interface DeadLetterView {
  id: string;
  ruleName: string;
  targetId: string;
  detailType: string;
  source: string;
  /** The run or batch the event was about, when its detail names one. */
  subject: string;
  attempts: number;
  error: string;
  deadLetteredAt: string;
}

/** An event of a run as the bus accepted it. */
export interface RunEventView {
  detailType: string;
  source: string;
  /** Epoch ms at which the console saw the bus accept it (EventBridge's `time` has whole seconds). */
  at: number;
  /** The part an Extraction.PartCompleted reports. */
  part?: string;
  /** A part's status, a terminal event's code: what the event says happened. */
  outcome?: string;
}

/**
 * What only the process that runs the embedded bus can do: its dead letters live in that process
 * (AWS keeps them in SQS queues per rule, which a deployed console would read instead).
 */
export interface ConsoleOperations {
  deadLetters(): DeadLetterView[];
  /** Redelivers one dead letter; false when its target failed again (the letter stays). */
  redrive(id: string): Promise<boolean>;
  /** The events of a run the bus accepted since the console started, oldest first. */
  runEvents(runId: string): RunEventView[] | undefined;
  /** Re-sends the archived events whose time is in [from, to) to the rules, as `dossier replay` does. */
  replay(from: Date, to: Date): Promise<{ replayName: string; eventsInRange: number; deliveries: number }>;
}

/** Where the console reads from: the pipeline's table and bucket, through the AWS SDK. */
export interface ConsoleSources {
  /** Shown in the header, e.g. "local runtime" or "stage prod". */
  target: string;
  store: Store;
  objects: ObjectStore;
  operations?: ConsoleOperations;
}

export interface AwsSourceOptions {
  target: string;
  table: string;
  bucket: string;
  region?: string;
  /** The local runtime's DynamoDB and S3 endpoints; absent for a deployed stage (the SDK's own resolution). */
  endpoints?: { dynamodb: string; s3: string };
  /** Explicit credentials (the local runtime's dummy ones); absent means the SDK's default chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  operations?: ConsoleOperations;
}

/**
 * SDK clients for the table and bucket. The same code reads a deployed stage (no endpoints, the
 * user's credentials) and the local runtime (its loopback endpoints, path-style S3 and no default
 * checksums, which s3rver predates).
 */
export function awsSources(options: AwsSourceOptions): ConsoleSources {
  const common = {
    ...(options.region ? { region: options.region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
  const dynamodb = new DynamoDBClient({
    ...common,
    ...(options.endpoints ? { endpoint: options.endpoints.dynamodb } : {}),
  });
  const s3 = new S3Client({
    ...common,
    ...(options.endpoints
      ? {
          endpoint: options.endpoints.s3,
          forcePathStyle: true,
          requestChecksumCalculation: "WHEN_REQUIRED" as const,
          responseChecksumValidation: "WHEN_REQUIRED" as const,
        }
      : {}),
  });
  return {
    target: options.target,
    store: createStore({ client: dynamodb, table: options.table }),
    objects: new ObjectStore(s3, options.bucket),
    ...(options.operations ? { operations: options.operations } : {}),
  };
}

function resourceName(
  environment: Record<string, string | undefined>,
  key: string,
  fallback: string,
): string {
  try {
    const name = (JSON.parse(environment[key] ?? "{}") as { name?: unknown }).name;
    return typeof name === "string" && name ? name : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Sources for the embedded runtime from the environment it hands to other processes (its
 * `environment`, or `$DOSSIER_HOME/dev.env`): the SDK's endpoint variables, its dummy credentials
 * and the `SST_RESOURCE_*` names of its table and bucket.
 */
export function localSources(
  environment: Record<string, string | undefined>,
  options: { target: string; operations?: ConsoleOperations },
): ConsoleSources {
  const dynamodb = environment.AWS_ENDPOINT_URL_DYNAMODB;
  const s3 = environment.AWS_ENDPOINT_URL_S3;
  if (!dynamodb || !s3) throw new Error("the local runtime's environment names no DynamoDB and S3 endpoints");
  return awsSources({
    target: options.target,
    table: resourceName(environment, "SST_RESOURCE_Table", "dossier"),
    bucket: resourceName(environment, "SST_RESOURCE_Bucket", "dossier-profiles"),
    region: environment.AWS_REGION ?? "us-east-1",
    endpoints: { dynamodb, s3 },
    credentials: {
      accessKeyId: environment.AWS_ACCESS_KEY_ID ?? "S3RVER",
      secretAccessKey: environment.AWS_SECRET_ACCESS_KEY ?? "S3RVER",
    },
    ...(options.operations ? { operations: options.operations } : {}),
  });
}
