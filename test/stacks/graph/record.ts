// Runs the real SST app (sst.config.ts and stacks/) offline and writes the resource graph it
// creates as JSON: `tsx test/stacks/graph/record.ts <stage> <out.json>`. One process per stage,
// because Pulumi's runtime settings are process-global.
//
// It builds the program exactly as `sst deploy` does (see the header of ../graph.test.ts): esbuild
// bundles an entry that imports `.sst/platform/src/auto/run.ts` and `sst.config.ts`, with `$app`,
// `$cli` and `$dev` defined, `.sst/platform/src/shim/run.js` injected for the `$` helpers, and
// `aws`/`sst` as globals. Pulumi then runs it under `runtime.setMocks`: every resource is
// recorded with its inputs instead of being created. SST's platform asks its CLI (over a local
// HTTP JSON-RPC) for the bootstrap bucket and to build function code; a server on 127.0.0.1
// answers those two calls (see `rpcMethods`).
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync as rm, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import {
  type BuiltHandler,
  GraphAccount,
  GraphRegion,
  type RecordedResource,
  type ResourceGraph,
} from "./graph";

const root = path.resolve(import.meta.dirname, "../../..");
const platform = path.join(root, ".sst", "platform");

/** The ARN AWS would give a resource of this Pulumi type and physical name. */
function arnOf(type: string, physical: string): string {
  const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
  const base = `arn:aws:${service === "sfn" ? "states" : service === "cloudwatch" ? "events" : service}:${GraphRegion}:${GraphAccount}`;
  switch (type) {
    case "aws:lambda/function:Function":
      return `arn:aws:lambda:${GraphRegion}:${GraphAccount}:function:${physical}`;
    case "aws:sfn/stateMachine:StateMachine":
      return `${base}:stateMachine:${physical}`;
    case "aws:sqs/queue:Queue":
      return `${base}:${physical}`;
    case "aws:iam/role:Role":
      return `arn:aws:iam::${GraphAccount}:role/${physical}`;
    case "aws:s3/bucketV2:BucketV2":
    case "aws:s3/bucket:Bucket":
      return `arn:aws:s3:::${physical}`;
    case "aws:cloudwatch/logGroup:LogGroup":
      return `arn:aws:logs:${GraphRegion}:${GraphAccount}:log-group:${physical}`;
    case "aws:cloudwatch/eventBus:EventBus":
      return `${base}:event-bus/${physical}`;
    case "aws:sfn/alias:Alias":
      return `${base}:stateMachine:${physical}`;
    case "aws:cloudwatch/eventRule:EventRule":
      // Rules are named within their bus.
      return `${base}:rule/${physical}`;
    default:
      return `${base}:${type.split(":").pop()?.toLowerCase()}/${physical}`;
  }
}

/** Pulumi's auto-naming (`<name>-<7 hex>`), made deterministic so two recordings compare equal. */
function autoName(stage: string, name: string): string {
  return `${name}-${createHash("sha256").update(`${stage}/${name}`).digest("hex").slice(0, 7)}`;
}

function physicalName(stage: string, type: string, name: string, inputs: Record<string, unknown>): string {
  // An alias is addressed through its machine: `<machine>:<alias>`.
  if (type === "aws:cloudwatch/eventRule:EventRule" && typeof inputs.eventBusName === "string") {
    return `${inputs.eventBusName}/${String(inputs.name)}`;
  }
  if (type === "aws:sfn/alias:Alias") {
    const [route] = inputs.routingConfigurations as { stateMachineVersionArn: string }[];
    const machine = route?.stateMachineVersionArn.split(":").slice(6, -1).join(":");
    return `${machine}:${String(inputs.name)}`;
  }
  // An object is named by its key within its bucket.
  if (type === "aws:s3/bucketObjectv2:BucketObjectv2")
    return `${String(inputs.bucket)}/${String(inputs.key)}`;
  for (const key of ["name", "functionName", "bucket", "tableName"]) {
    if (typeof inputs[key] === "string") return inputs[key] as string;
  }
  if (typeof inputs.namePrefix === "string") return `${inputs.namePrefix}0000000`;
  return autoName(stage, name);
}

/** What the SST CLI would answer; the bootstrap bucket lives in the account, so it is a fixed name here. */
function rpcMethods(
  work: string,
  builds: BuiltHandler[],
): Record<string, (args: Record<string, unknown>) => Promise<unknown>> {
  return {
    "Provider.Aws.Bootstrap": async ({ region }) => ({
      asset: `sst-asset-${region}`,
      assetEcrRegistryId: GraphAccount,
      assetEcrUrl: `${GraphAccount}.dkr.ecr.${region}.amazonaws.com/sst-asset`,
      state: `sst-state-${region}`,
      appsyncHttp: "",
      appsyncRealtime: "",
    }),
    // `sst dev` points the functions' bridge at the account's AppSync events API (found by the CLI).
    "Provider.Aws.Appsync": async () => ({
      http: `graph.appsync-api.${GraphRegion}.amazonaws.com`,
      realtime: `graph.appsync-realtime-api.${GraphRegion}.amazonaws.com`,
    }),
    // `sst dev` registers each function with the CLI's local runtime; nothing to do offline.
    // Recorded like a build: the handler the developer's machine will run must exist too.
    "Runtime.AddTarget": async ({ functionID, handler }) => {
      builds.push({ functionId: String(functionID), handler: String(handler) });
      return null;
    },
    // The CLI bundles the handler with esbuild; so does this, so a missing module or import fails here too.
    "Runtime.Build": async ({ functionID, handler }) => {
      const [file, exportName] = splitHandler(String(handler));
      builds.push({ functionId: String(functionID), handler: String(handler) });
      const out = path.join(work, "artifacts", `${String(functionID)}-src`);
      mkdirSync(out, { recursive: true });
      await build({
        absWorkingDir: root,
        entryPoints: [path.join(root, `${file}.ts`)],
        outfile: path.join(out, "index.mjs"),
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node22",
        logLevel: "silent",
        external: ["@aws-sdk/*"],
      });
      return { handler: `index.${exportName}`, out, errors: [], sourcemaps: [] };
    },
  };
}

type Inputs = Record<string, unknown>;

/** The part of @pulumi/pulumi used here (its types live under .sst/platform, outside this project). */
interface PulumiRuntime {
  runtime: {
    setMocks(
      mocks: {
        newResource(args: { type: string; name: string; inputs: Inputs }): { id: string; state: Inputs };
        call(args: { token: string; inputs: Inputs }): Inputs;
      },
      project: string,
      stack: string,
      preview: boolean,
    ): Promise<void>;
    runInPulumiStack(init: () => Promise<Inputs>): Promise<Inputs | undefined>;
    disconnect(): Promise<void>;
  };
}

interface PulumiStatement {
  effect?: string;
  actions?: string[];
  resources?: string[];
  conditions?: { test: string; variable: string; values: string[] }[];
  principals?: { type: string; identifiers: string[] }[];
}

/** `aws.iam.getPolicyDocument` as the provider computes it: Pulumi's statement casing to IAM JSON. */
function policyJson(inputs: Record<string, unknown>) {
  const statements = (inputs.statements ?? []) as PulumiStatement[];
  return {
    Version: "2012-10-17",
    Statement: statements.map((statement) => ({
      Effect: statement.effect ?? "Allow",
      Action: statement.actions ?? [],
      ...(statement.resources ? { Resource: statement.resources } : {}),
      ...(statement.principals
        ? {
            Principal: Object.fromEntries(
              statement.principals.map(({ type, identifiers }) => [type, identifiers]),
            ),
          }
        : {}),
      ...(statement.conditions
        ? {
            Condition: statement.conditions.reduce<Record<string, Record<string, string[]>>>(
              (all, { test, variable, values }) => {
                all[test] = { ...all[test], [variable]: values };
                return all;
              },
              {},
            ),
          }
        : {}),
    })),
  };
}

function splitHandler(handler: string): [string, string] {
  const dot = handler.lastIndexOf(".");
  return [handler.slice(0, dot), handler.slice(dot + 1)];
}

async function startRpc(work: string, builds: BuiltHandler[]): Promise<{ url: string; close: () => void }> {
  const methods = rpcMethods(work, builds);
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", async () => {
      const call = JSON.parse(body) as { method: string; params: Record<string, unknown>[]; id: number };
      const method = methods[call.method];
      const reply = method
        ? await method(call.params[0] ?? {}).then(
            (result) => ({ id: call.id, result, error: null }),
            (error: Error) => ({ id: call.id, result: null, error: error.message }),
          )
        : { id: call.id, result: null, error: `rpc: can't find method ${call.method}` };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("rpc server has no port");
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

export async function recordGraph(stage: string, dev: boolean): Promise<ResourceGraph> {
  const work = mkdtempSync(path.join(os.tmpdir(), "dossier-graph-"));
  const builds: BuiltHandler[] = [];
  const rpc = await startRpc(work, builds);
  process.env.SST_SERVER = rpc.url;
  // The CLI passes each secret's value as SST_SECRET_<name>; `sst secret set` is not needed offline.
  process.env.SST_SECRET_SecUserAgent = "dossier-graph graph@example.com";
  const app = {
    name: "dossier",
    stage,
    removal: stage === "production" ? "retain" : "remove",
    protect: stage === "production",
    home: "aws",
    providers: { aws: { region: GraphRegion } },
  };
  const cli = {
    command: "deploy",
    dev,
    paths: { home: work, root, work, platform },
    state: { version: {} },
  };
  const outfile = path.join(platform, `.graph-${stage}-${process.pid}.mjs`);
  await build({
    absWorkingDir: root,
    stdin: {
      contents: [
        `import { run } from ${JSON.stringify(path.join(platform, "src/auto/run.ts"))};`,
        `import * as aws from "@pulumi/aws";`,
        `import * as sst from ${JSON.stringify(path.join(platform, "src/components"))};`,
        "globalThis.aws = aws;",
        "globalThis.sst = sst;",
        `import mod from ${JSON.stringify(path.join(root, "sst.config.ts"))};`,
        "export const program = () => run(mod.run);",
      ].join("\n"),
      resolveDir: root,
      loader: "ts",
    },
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "silent",
    define: { $app: JSON.stringify(app), $cli: JSON.stringify(cli), $dev: String(dev) },
    inject: [path.join(platform, "src/shim/run.js")],
    external: ["@pulumi/*", "@aws-sdk/*", "archiver", "esbuild", "glob", "prettier", "undici", "acorn*"],
    banner: {
      js: `import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);`,
    },
  });

  // The Pulumi SDK `sst install` put under .sst/platform: the one instance the bundle itself loads.
  const pulumi = createRequire(outfile)("@pulumi/pulumi") as PulumiRuntime;
  const resources: RecordedResource[] = [];
  const invokes: string[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource({ type, name, inputs }) {
        const physical = physicalName(stage, type, name, inputs);
        const arn = arnOf(type, physical);
        resources.push({ type, name, arn, physical, inputs: JSON.parse(JSON.stringify(inputs)) });
        return {
          id: `${physical}-id`,
          state: {
            ...inputs,
            name: typeof inputs.name === "string" ? inputs.name : physical,
            arn,
            url: `https://sqs.${GraphRegion}.amazonaws.com/${GraphAccount}/${physical}`,
            invokeArn: `arn:aws:apigateway:${GraphRegion}:lambda:path/functions/${arn}/invocations`,
            stateMachineVersionArn: `${arn}:1`,
            base64: "AAAA",
            hex: "00",
          },
        };
      },
      call({ token, inputs }) {
        invokes.push(token);
        if (token === "aws:iam/getPolicyDocument:getPolicyDocument")
          return { ...inputs, json: JSON.stringify(policyJson(inputs)) };
        return {
          region: GraphRegion,
          name: GraphRegion,
          accountId: GraphAccount,
          partition: "aws",
          dnsSuffix: "amazonaws.com",
        };
      },
    },
    "dossier",
    stage,
    false,
  );
  try {
    const { program } = (await import(pathToFileURL(outfile).href)) as {
      program: () => Promise<Record<string, unknown>>;
    };
    const outputs = await pulumi.runtime.runInPulumiStack(program);
    // Lets the stack's own output registration settle, as the Pulumi language host does on exit.
    await pulumi.runtime.disconnect();
    return {
      stage,
      dev,
      resources,
      builds: builds.sort((a, b) => a.functionId.localeCompare(b.functionId)),
      outputs: JSON.parse(JSON.stringify(outputs ?? {})),
      invokes: [...new Set(invokes)].sort(),
    };
  } finally {
    rm(outfile, { force: true });
    rm(work, { recursive: true, force: true });
    rpc.close();
  }
}

// `tsx test/stacks/graph/record.ts <stage> <out.json> [dev]`: what the graph test runs, once per
// stage; `dev` records the stage as `sst dev` deploys it (functions as the live-Lambda bridge).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const [stage, out, mode] = process.argv.slice(2);
  if (!stage || !out) {
    console.error("usage: tsx test/stacks/graph/record.ts <stage> <out.json> [dev]");
    process.exit(2);
  }
  recordGraph(stage, mode === "dev").then(
    (graph) => {
      writeFileSync(out, JSON.stringify(graph));
      // Pulumi's runtime keeps handles open after a mocked run; the graph is written, so leave.
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
