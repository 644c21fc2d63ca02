import { type FunctionName, FunctionNames } from "@dossier/core/topology";
import { FunctionCatalogue, type LinkedResource } from "@dossier/functions/catalogue";
import { bus } from "./bus";
import { deployConfig, functionEnvironment } from "./config";
import {
  AsyncRetries,
  asyncInvokedFunctions,
  BedrockFunctions,
  componentName,
  handlerPath,
} from "./handlers";
import {
  asyncFailurePermission,
  bedrockInvokePermissions,
  type FunctionPermission,
  xrayTracingPermission,
} from "./policies";
import { bucket, table } from "./storage";

const config = deployConfig();

/** The SEC fair-access User-Agent ("Name email"): `npx sst secret set SecUserAgent "…"`. */
export const secUserAgent = new sst.Secret("SecUserAgent");

/** Asynchronous invocations (rule targets, the sweep) that still failed after Lambda's retries. */
export const functionFailures = new aws.sqs.Queue("FunctionFailures", {
  messageRetentionSeconds: 14 * 24 * 3600,
  sqsManagedSseEnabled: true,
});

const linkables: Record<LinkedResource, sst.aws.Dynamo | sst.aws.Bucket | sst.aws.Bus> = {
  Table: table,
  Bucket: bucket,
  Bus: bus,
};
const asyncInvoked = new Set<FunctionName>(asyncInvokedFunctions());
const environment = functionEnvironment(config, $app.stage, secUserAgent.value);

function bedrockPermissions(): $util.Output<FunctionPermission[]> | FunctionPermission[] {
  const modelId = config.bedrockModel;
  if (!modelId) return [];
  return $util
    .all([
      aws.getRegionOutput().region,
      aws.getCallerIdentityOutput().accountId,
      aws.getPartitionOutput().partition,
    ])
    .apply(([region, accountId, partition]) =>
      bedrockInvokePermissions({ modelId, region, accountId, partition }),
    );
}

function permissionsOf(name: FunctionName) {
  const extra: ($util.Output<FunctionPermission[]> | FunctionPermission[])[] = [[xrayTracingPermission]];
  if (asyncInvoked.has(name)) extra.push(functionFailures.arn.apply((arn) => [asyncFailurePermission(arn)]));
  if (BedrockFunctions.has(name)) extra.push(bedrockPermissions());
  return $util.all(extra).apply((lists) => lists.flat());
}

function createFunction(name: FunctionName): sst.aws.Function {
  const spec = FunctionCatalogue[name];
  const async = asyncInvoked.has(name);
  return new sst.aws.Function(componentName(name), {
    handler: handlerPath(name),
    description: spec.description,
    runtime: "nodejs22.x",
    architecture: "arm64",
    memory: `${spec.memory} MB`,
    timeout: `${spec.timeout} seconds`,
    link: spec.links.map((resource) => linkables[resource]),
    environment,
    permissions: permissionsOf(name),
    ...(spec.reservedConcurrency ? { concurrency: { reserved: spec.reservedConcurrency } } : {}),
    ...(async ? { retries: AsyncRetries } : {}),
    transform: {
      // Powertools Tracer only emits segments when Lambda samples the request.
      function: (args) => {
        args.tracingConfig = { mode: "Active" };
      },
      ...(async
        ? {
            eventInvokeConfig: (args) => {
              args.destinationConfig = { onFailure: { destination: functionFailures.arn } };
            },
          }
        : {}),
    },
  });
}

/** One Lambda function per logical handler name, exactly as the catalogue describes it. */
export const functions = Object.fromEntries(
  FunctionNames.map((name) => [name, createFunction(name)]),
) as Record<FunctionName, sst.aws.Function>;
