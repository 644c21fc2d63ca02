import { readFile } from "node:fs/promises";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { ObjectStore } from "@dossier/core/profile";
import { createStore, type Store } from "@dossier/core/store";
import { CliError } from "./exit-codes";

/** A deployed stage's resources, as `sst deploy` reports them in its outputs. */
export interface DeployedStage {
  stage: string;
  busName: string;
  tableName: string;
  bucketName: string;
  store: Store;
  objects: ObjectStore;
}

/**
 * The stage `--target aws` drives: the outputs of the last `sst deploy` (.sst/outputs.json), or
 * DOSSIER_AWS_BUS_NAME / DOSSIER_AWS_TABLE_NAME / DOSSIER_AWS_BUCKET_NAME. Credentials and region
 * come from the usual AWS environment.
 */
export async function deployedStage(stage: string | undefined): Promise<DeployedStage> {
  let outputs: Record<string, unknown> = {};
  try {
    outputs = JSON.parse(await readFile(".sst/outputs.json", "utf8")) as Record<string, unknown>;
  } catch {
    // Not deployed from here: the environment has to name the resources.
  }
  const busName = process.env.DOSSIER_AWS_BUS_NAME ?? (outputs.busName as string | undefined);
  const tableName = process.env.DOSSIER_AWS_TABLE_NAME ?? (outputs.tableName as string | undefined);
  const bucketName = process.env.DOSSIER_AWS_BUCKET_NAME ?? (outputs.bucketName as string | undefined);
  if (!busName || !tableName || !bucketName) {
    throw new CliError(
      "--target aws needs the deployed stage's outputs: run `npx sst deploy --stage <stage>` here (it writes .sst/outputs.json), or set DOSSIER_AWS_BUS_NAME, DOSSIER_AWS_TABLE_NAME and DOSSIER_AWS_BUCKET_NAME",
    );
  }
  const deployed = (outputs.stage as string | undefined) ?? stage ?? "unknown";
  if (stage && outputs.stage && outputs.stage !== stage && !process.env.DOSSIER_AWS_BUS_NAME) {
    throw new CliError(
      `.sst/outputs.json is for stage "${outputs.stage}", not "${stage}"; deploy or select that stage first`,
    );
  }
  return {
    stage: deployed,
    busName,
    tableName,
    bucketName,
    store: createStore({ client: new DynamoDBClient({}), table: tableName }),
    objects: new ObjectStore(new S3Client({}), bucketName),
  };
}

/** Polls until `check` returns a value, every `intervalMs`, for at most `timeoutMs`. */
export async function pollUntil<T>(
  check: () => Promise<T | undefined>,
  options: { intervalMs: number; timeoutMs: number; what: string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new CliError(`${options.what} did not finish within ${options.timeoutMs / 1000} s`, 4);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
}
