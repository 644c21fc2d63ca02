// The SST app executed offline: sst.config.ts's run() and every stack in stacks/, built and run as
// `sst deploy` runs them (see test/stacks/graph/record.ts), under Pulumi mocks, for a production
// and a development stage. The assertions hold on the recorded resource graph, and mutated copies
// show each check notices the defect it is for.
//
// What runs: SST's platform code from .sst/platform (`npm run sst:install`): its run entry with
// its stack transformations, its `$` globals from src/shim/run.js, `sst.*` components (Function,
// Bus, Bucket, Dynamo, CronV2, SnsTopic, Secret, Linkable) and `aws.*` resources from the
// installed @pulumi/aws, with each handler really bundled by esbuild.
// What does not run, and why:
// - The AWS provider itself (no cloud): resource outputs (ARNs, names, URLs) come from the mocks in
//   record.ts, in the formats AWS uses; auto-names are `<name>-<7 hex>` as Pulumi makes them.
//   `aws.iam.getPolicyDocument` is computed by the mocks from its statements.
// - SST's Go CLI: its two answers the platform asks for over RPC are given by record.ts: the
//   bootstrap bucket (fixed names; the CLI reads them from the account) and Runtime.Build (an
//   esbuild bundle of the handler, not the CLI's own build options); secrets come from
//   SST_SECRET_<name> as the CLI passes them.
// - A third stage is recorded as `sst dev` deploys it ($dev true): functions are SST's live-Lambda
//   bridge, so their handlers are registered with the CLI (Runtime.AddTarget, recorded) instead of
//   built, and the bridge's AppSync endpoint is a fixed name (the CLI looks it up in the account).
//   The function and IAM checks are not applied to it: SST's bridge is x86 and is granted
//   `appsync:*` and `s3:*` on SST's bootstrap bucket, by SST's design for a developer's stage.
//
// Regenerate the reviewed summary after an intended change:
//   DOSSIER_UPDATE_GRAPH_SUMMARY=1 npx vitest run test/stacks/graph.test.ts && npm run format
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Sources } from "@dossier/events";
import { beforeAll, describe, expect, it } from "vitest";
import { DashboardMetrics } from "../../stacks/dashboard-spec";
import { internalEventSources } from "../../stacks/policies";
import {
  busPolicyProblems,
  dashboardProblems,
  deadLetterAlarmProblems,
  emittedMetricNames,
  functionProblems,
  graphProblems,
  iamProblems,
  nameProblems,
  ruleProblems,
  sharedBetweenStages,
  stateMachineProblems,
  summarize,
  Types,
} from "./graph/checks";
import type { ResourceGraph } from "./graph/graph";

const root = path.resolve(import.meta.dirname, "../..");
const summaryFile = path.join(import.meta.dirname, "graph-summary.json");
const Stages = { production: "production", development: "dev", live: "jane" } as const;

async function record(stage: string, mode: "deploy" | "dev" = "deploy"): Promise<ResourceGraph> {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), "dossier-graph-test-")), `${stage}.json`);
  await promisify(execFile)(
    path.join(root, "node_modules", ".bin", "tsx"),
    [path.join(import.meta.dirname, "graph", "record.ts"), stage, out, mode],
    { cwd: root, env: { ...process.env, DOSSIER_ALARM_EMAIL: "", DOSSIER_BEDROCK_MODEL: "" } },
  );
  return JSON.parse(readFileSync(out, "utf8")) as ResourceGraph;
}

let production: ResourceGraph;
let development: ResourceGraph;
let live: ResourceGraph;

beforeAll(async () => {
  if (!existsSync(path.join(root, ".sst", "platform", "src", "auto", "run.ts"))) {
    throw new Error("SST's platform is not laid out: run `npm run sst:install` first");
  }
  [production, development, live] = await Promise.all([
    record(Stages.production),
    record(Stages.development),
    record(Stages.live, "dev"),
  ]);
}, 180_000);

const copy = (graph: ResourceGraph): ResourceGraph => structuredClone(graph);
const find = (graph: ResourceGraph, type: string, name: string) => {
  const resource = graph.resources.find((r) => r.type === type && r.name === name);
  if (!resource) throw new Error(`${type} ${name} not in the graph`);
  return resource;
};

describe("the SST app run offline", () => {
  it("creates a graph that passes every check, on every stage and under `sst dev`", () => {
    expect(graphProblems(production)).toEqual([]);
    expect(graphProblems(development)).toEqual([]);
    // Under `sst dev` SST swaps every function for its bridge (x86, `appsync:*` and `s3:*` on its
    // bootstrap bucket); the function and IAM rules hold for deployed stages, the rest for all.
    expect([
      ...ruleProblems(live),
      ...deadLetterAlarmProblems(live),
      ...stateMachineProblems(live),
      ...nameProblems(live),
      ...busPolicyProblems(live),
      ...dashboardProblems(live),
    ]).toEqual([]);
    expect(production.resources.length).toBeGreaterThan(100);
  });

  it("matches the reviewed summary (regenerate with DOSSIER_UPDATE_GRAPH_SUMMARY=1)", () => {
    const summary = {
      [Stages.production]: summarize(production),
      [Stages.development]: summarize(development),
      [`${Stages.live} (sst dev)`]: summarize(live),
    };
    if (process.env.DOSSIER_UPDATE_GRAPH_SUMMARY === "1") {
      writeFileSync(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
    }
    expect(summary).toEqual(JSON.parse(readFileSync(summaryFile, "utf8")));
  });

  it("gives the second stage no physical resource of the first", () => {
    expect(sharedBetweenStages(production, development)).toEqual([]);
    expect(sharedBetweenStages(production, live)).toEqual([]);
    expect(sharedBetweenStages(development, live)).toEqual([]);
  });

  it("retains data and protects the production stage only", () => {
    expect(production.outputs._protect).toBe(true);
    expect(development.outputs._protect).toBe(false);
  });
});

describe("each check notices the defect it is for", () => {
  it("a rule that loses its dead-letter queue", () => {
    const graph = copy(production);
    delete find(graph, Types.target, "SecExtractorTarget").inputs.deadLetterConfig;
    expect(ruleProblems(graph)).toEqual(["rule SecExtractorRule: no dead-letter queue"]);
  });

  it("a rule that loses its retry policy or shares a queue", () => {
    const graph = copy(production);
    delete find(graph, Types.target, "RunLedgerTarget").inputs.retryPolicy;
    find(graph, Types.target, "BatchLedgerTarget").inputs.deadLetterConfig = find(
      graph,
      Types.target,
      "SecExtractorTarget",
    ).inputs.deadLetterConfig;
    expect(ruleProblems(graph)).toEqual(
      expect.arrayContaining([
        "rule RunLedgerRule: no retry policy",
        expect.stringMatching(/shares its DLQ/),
      ]),
    );
  });

  it("a dead-letter queue without an alarm", () => {
    const graph = copy(production);
    graph.resources = graph.resources.filter((r) => r.name !== "FunctionFailuresAlarm");
    expect(deadLetterAlarmProblems(graph)).toEqual(["queue FunctionFailures has no alarm"]);
  });

  it("a function that gains a wildcard action or an unscoped resource", () => {
    const graph = copy(production);
    const role = find(graph, Types.role, "SecExtractorRole");
    const [inline] = role.inputs.inlinePolicies as { policy: string }[];
    if (!inline) throw new Error("no inline policy");
    const document = JSON.parse(inline.policy);
    document.Statement.push({ Effect: "Allow", Action: ["s3:*"], Resource: ["arn:aws:s3:::x"] });
    document.Statement.push({ Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: ["*"] });
    inline.policy = JSON.stringify(document);
    expect(iamProblems(graph)).toEqual([
      expect.stringMatching(/SecExtractorRole inline inline: wildcard action s3:\*/),
      expect.stringMatching(/SecExtractorRole inline inline: unscoped resource \* for dynamodb:GetItem/),
    ]);
  });

  it("a function on x86, untraced, without log retention, or with a handler that is not on disk", () => {
    const graph = copy(production);
    const fn = find(graph, Types.function, "SecExtractorFunction");
    fn.inputs.architectures = ["x86_64"];
    fn.inputs.tracingConfig = { mode: "PassThrough" };
    const logGroup = graph.resources.find(
      (r) => r.inputs.name === (fn.inputs.loggingConfig as { logGroup: string }).logGroup,
    );
    if (logGroup) delete logGroup.inputs.retentionInDays;
    const build = graph.builds.find((b) => b.functionId === "RunLedger");
    if (build) build.handler = "packages/functions/src/gone.handler";
    expect(functionProblems(graph)).toEqual([
      "function secExtractor: not arm64",
      "function secExtractor: not traced",
      "function secExtractor: no log group with retention",
      "function runLedger: handler packages/functions/src/gone.handler is not the catalogue's module on disk",
    ]);
  });

  it("a function granted a resource it does not link, or an asynchronous one without its retries", () => {
    const graph = copy(production);
    const role = find(graph, Types.role, "MergeFailRunRole");
    const [inline] = role.inputs.inlinePolicies as { policy: string }[];
    if (!inline) throw new Error("no inline policy");
    const document = JSON.parse(inline.policy);
    document.Statement.push({ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/*"] });
    inline.policy = JSON.stringify(document);
    find(graph, Types.invokeConfig, "SecExtractorEventInvokeConfig").inputs.maximumRetryAttempts = 0;
    expect(functionProblems(graph)).toEqual(
      expect.arrayContaining([
        "function mergeFailRun: s3 granted=true but links Bucket=false",
        "function secExtractor: asynchronous invocation not 2 retries then FunctionFailures",
      ]),
    );
  });

  it("a state machine that is STANDARD, logs less, is untraced, drifts from the local ASL or loses its alias", () => {
    const graph = copy(production);
    const machine = find(graph, Types.stateMachine, "ProgressiveMergeStateMachine");
    machine.inputs.type = "STANDARD";
    machine.inputs.loggingConfiguration = { level: "ERROR", includeExecutionData: false };
    machine.inputs.tracingConfiguration = { enabled: false };
    const definition = JSON.parse(String(machine.inputs.definition));
    definition.TimeoutSeconds += 1;
    machine.inputs.definition = JSON.stringify(definition);
    graph.resources = graph.resources.filter((r) => r.name !== "BatchFanOutLiveAlias");
    expect(stateMachineProblems(graph)).toEqual([
      "progressiveMerge: not EXPRESS",
      "progressiveMerge: does not log ALL with execution data to its log group",
      "progressiveMerge: no X-Ray",
      "progressiveMerge: definition differs from the ASL the local runtime runs",
      "batchFanOut: no live alias routing 100% to its published version",
      "rule batch-fan-out does not target batchFanOut's alias",
      "rule batch-fan-out: its role may not start exactly the live alias",
    ]);
  });

  it("two resources with one name, or a name AWS refuses as too long", () => {
    const graph = copy(production);
    const queue = find(graph, Types.queue, "FunctionFailures");
    graph.resources.push({ ...queue, name: "FunctionFailuresAgain" });
    find(graph, Types.function, "RunLedgerFunction").physical = "f".repeat(65);
    expect(nameProblems(graph)).toEqual([
      "RunLedgerFunction: name fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff longer than 64",
      `FunctionFailuresAgain and FunctionFailures share ${queue.arn}`,
    ]);
  });

  it("two stages that would claim one physical resource", () => {
    const graph = copy(development);
    find(graph, Types.queue, "FunctionFailures").arn = find(production, Types.queue, "FunctionFailures").arn;
    expect(sharedBetweenStages(production, graph)).toEqual([expect.stringMatching(/^FunctionFailures /)]);
  });

  it("a bus policy that lets another principal publish an internal source", () => {
    const graph = copy(production);
    const policy = find(graph, Types.busPolicy, "BusPolicy");
    const document = JSON.parse(String(policy.inputs.policy));
    document.Statement[0].Condition.StringEquals["events:source"].pop();
    policy.inputs.policy = JSON.stringify(document);
    expect(busPolicyProblems(graph)).toHaveLength(1);
  });

  it("a dashboard that misses a dead-letter queue", () => {
    const graph = copy(production);
    const queue = find(graph, Types.queue, "FunctionFailures");
    queue.physical = "NotOnTheDashboard";
    expect(dashboardProblems(graph)).toEqual(["dashboard does not show FunctionFailures"]);
  });
});

describe("the bus back door", () => {
  it("is closed for every source but the one requesters use", () => {
    expect(internalEventSources()).toEqual(
      Object.values(Sources)
        .filter((source) => source !== Sources.requests)
        .sort(),
    );
    const policy = find(production, Types.busPolicy, "BusPolicy");
    expect(String(policy.inputs.policy)).not.toContain(Sources.requests);
  });
});

describe("the dashboard", () => {
  it("reads only metrics a handler emits", () => {
    const emitted = emittedMetricNames();
    for (const metric of Object.values(DashboardMetrics)) expect(emitted, metric).toContain(metric);
  });
});

describe("docs/deploy.md", () => {
  const doc = readFileSync(path.join(root, "docs/deploy.md"), "utf8");
  const section = (title: string) => doc.split(`## ${title}`)[1]?.split("\n## ")[0] ?? "";
  const firstColumnNames = (text: string) =>
    text
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .flatMap((line) => [...(line.split("|")[1] ?? "").matchAll(/`(\w+)`/g)].map(([, name]) => name));

  it("names only outputs the app has, and every one it has", () => {
    const named = firstColumnNames(section("Outputs"));
    const outputs = Object.keys(production.outputs).filter((key) => !key.startsWith("_"));
    expect([...named].sort()).toEqual([...outputs].sort());
  });

  it("lists only variables the stacks read", () => {
    const code = ["stacks/config.ts", "packages/core/src/pipeline/context.ts"]
      .map((file) => readFileSync(path.join(root, file), "utf8"))
      .join("\n");
    const variables = firstColumnNames(section("Deploy-time variables"));
    expect(variables.length).toBeGreaterThan(0);
    for (const variable of variables) expect(code, variable).toMatch(new RegExp(`\\b${variable}\\b`));
  });
});

describe('the deploy guide\'s walkthrough (docs/deploy.md, "Deploy to AWS")', () => {
  const guide = readFileSync(path.join(root, "docs", "deploy.md"), "utf8");
  const deploy = guide.split("## Deploy to AWS")[1]?.split("\n## ")[0] ?? "";

  it("names only outputs the app has, and every one it has", () => {
    const table = deploy.split("`sst deploy` prints the outputs")[1]?.split("\n### ")[0] ?? "";
    const named = table
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .flatMap((line) => [...(line.split("|")[1] ?? "").matchAll(/`(\w+)`/g)].map(([, name]) => name));
    const outputs = Object.keys(production.outputs).filter((key) => !key.startsWith("_") && key !== "stage");
    expect([...named].sort()).toEqual([...outputs].sort());
  });

  it("lists only settings the code reads", () => {
    // The deployment's and the CLI's own readers (the settings module itself only defines them).
    const code = [
      "stacks/config.ts",
      "packages/cli/src/aws-target.ts",
      "packages/cli/src/commands/schedule.ts",
    ]
      .map((file) => readFileSync(path.join(root, file), "utf8"))
      .join("\n");
    const settings = [
      ...new Set([...deploy.matchAll(/`((?:DOSSIER|POWERTOOLS)_[A-Z_]+)`/g)].map(([, name]) => name)),
    ].filter((name) => name !== "DOSSIER_SEC_USER_AGENT");
    expect(settings.length).toBeGreaterThan(5);
    for (const setting of settings) expect(code, setting ?? "").toMatch(new RegExp(`\\b${setting}\\b`));
  });
});
