import path from "node:path";

/** Names of the local resources; the stacks name theirs per stage, handlers read either via Resource.X. */
export const LocalResourceNames = {
  table: "dossier",
  bucket: "dossier-profiles",
  bus: "dossier",
} as const;

export interface LocalEndpoints {
  eventBridge: string;
  dynamodb: string;
  s3: string;
}

/**
 * The environment that points unmodified AWS SDK v3 clients and `Resource.X` at the local
 * runtime: the SDK's own `AWS_ENDPOINT_URL_<SERVICE>` variables, a region, dummy credentials
 * (s3rver checks signatures against these), and `SST_RESOURCE_*` as `sst dev` sets them.
 */
export function localEnvironment(endpoints: LocalEndpoints, busArn: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.eventBridge,
    ...storageEnvironment(endpoints),
    SST_RESOURCE_App: JSON.stringify({ name: "dossier", stage: "local" }),
    SST_RESOURCE_Table: JSON.stringify({ name: LocalResourceNames.table, type: "sst.aws.Dynamo" }),
    SST_RESOURCE_Bucket: JSON.stringify({ name: LocalResourceNames.bucket, type: "sst.aws.Bucket" }),
    SST_RESOURCE_Bus: JSON.stringify({ name: LocalResourceNames.bus, arn: busArn, type: "sst.aws.Bus" }),
  };
}

/** What SDK clients need to read and write the local table and bucket (no bus). */
export function storageEnvironment(
  endpoints: Pick<LocalEndpoints, "dynamodb" | "s3">,
): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_REGION: "us-east-1",
    // The AWS CLI v1 and older SDKs read this one instead.
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    // s3rver predates S3's default request checksums.
    AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
    AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
  };
}

/** `KEY=value` lines, for dev.env. */
export function toDotEnv(environment: Record<string, string>): string {
  return `${Object.entries(environment)
    .map(([key, value]) => `${key}=${/[\s"'{}]/.test(value) ? `'${value}'` : value}`)
    .join("\n")}\n`;
}

/** Where a home keeps its bus's journal (archive, deliveries outstanding, dead letters). */
export const busDataDirectory = (home: string): string => path.join(home, "eventbridge");

/** Where a home keeps its objects: the S3 directory, one folder per bucket. */
export const objectsDirectory = (home: string): string => path.join(home, "s3");

/**
 * The file a person can open for an object of the profiles bucket: the local S3 keeps every object
 * browsable at its key under the bucket's folder.
 */
export const profileObjectFile = (home: string, key: string): string =>
  path.join(objectsDirectory(home), LocalResourceNames.bucket, key);
