// Checks on a recorded resource graph. Each returns the problems it finds (empty = holds), so the
// graph test asserts on the real graph and on mutated copies that each check notices a defect.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type FunctionName, FunctionNames, StateMachineNames, wiredRules } from "@dossier/core/topology";
import { Workflows } from "@dossier/core/workflows";
import { FunctionCatalogue } from "@dossier/functions/catalogue";
import type { dashboardBody } from "../../../stacks/dashboard-spec";
import { AsyncRetries, asyncInvokedFunctions, componentName, handlerPath } from "../../../stacks/handlers";
import { internalEventSources, LinkedResourceActions } from "../../../stacks/policies";
import { LiveAlias, stateMachineName } from "../../../stacks/rollback";
import { type IamStatement, leastPrivilegeViolations } from "../least-privilege";
import type { RecordedResource, ResourceGraph } from "./graph";

const root = path.resolve(import.meta.dirname, "../../..");

export const Types = {
  function: "aws:lambda/function:Function",
  invokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  rule: "aws:cloudwatch/eventRule:EventRule",
  target: "aws:cloudwatch/eventTarget:EventTarget",
  queue: "aws:sqs/queue:Queue",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  stateMachine: "aws:sfn/stateMachine:StateMachine",
  alias: "aws:sfn/alias:Alias",
  bus: "aws:cloudwatch/eventBus:EventBus",
  busPolicy: "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
  dashboard: "aws:cloudwatch/dashboard:Dashboard",
} as const;

type Inputs = Record<string, unknown>;
const ofType = (graph: ResourceGraph, type: string) => graph.resources.filter((r) => r.type === type);
const named = (graph: ResourceGraph, type: string, name: string) =>
  graph.resources.find((r) => r.type === type && r.name === name);
const input = <T>(resource: RecordedResource | undefined, key: string) =>
  resource?.inputs[key] as T | undefined;
const parse = (document: unknown): { Statement?: IamStatement[] } =>
  typeof document === "string" ? JSON.parse(document) : ((document ?? {}) as { Statement?: IamStatement[] });

/** Every IAM document the graph creates: role trust and inline policies, role/queue/bucket/bus policies. */
export function iamDocuments(graph: ResourceGraph): { where: string; statements: IamStatement[] }[] {
  const documents: { where: string; statements: IamStatement[] }[] = [];
  for (const resource of graph.resources) {
    const where = `${resource.type} ${resource.name}`;
    for (const key of ["policy", "assumeRolePolicy"]) {
      if (resource.inputs[key] !== undefined) {
        documents.push({ where: `${where}.${key}`, statements: parse(resource.inputs[key]).Statement ?? [] });
      }
    }
    for (const inline of (resource.inputs.inlinePolicies ?? []) as { name: string; policy: unknown }[]) {
      documents.push({
        where: `${where} inline ${inline.name}`,
        statements: parse(inline.policy).Statement ?? [],
      });
    }
  }
  return documents;
}

export function iamProblems(graph: ResourceGraph): string[] {
  return iamDocuments(graph).flatMap(({ where, statements }) =>
    statements.flatMap((statement) => leastPrivilegeViolations(statement).map((v) => `${where}: ${v}`)),
  );
}

export function ruleProblems(graph: ResourceGraph): string[] {
  const problems: string[] = [];
  const targets = ofType(graph, Types.target);
  const queues = new Set(ofType(graph, Types.queue).map((q) => q.arn));
  const dlqOwners = new Map<string, string>();
  for (const rule of ofType(graph, Types.rule)) {
    const mine = targets.filter(
      (t) => t.inputs.rule === rule.inputs.name && t.inputs.eventBusName === rule.inputs.eventBusName,
    );
    if (mine.length !== 1) problems.push(`rule ${rule.name} has ${mine.length} targets`);
    for (const target of mine) {
      const retry = input<{ maximumRetryAttempts?: number }>(target, "retryPolicy");
      if (typeof retry?.maximumRetryAttempts !== "number")
        problems.push(`rule ${rule.name}: no retry policy`);
      const dlq = input<{ arn?: string }>(target, "deadLetterConfig")?.arn;
      if (!dlq || !queues.has(dlq)) problems.push(`rule ${rule.name}: no dead-letter queue`);
      else if (dlqOwners.has(dlq))
        problems.push(`rule ${rule.name} shares its DLQ with ${dlqOwners.get(dlq)}`);
      else dlqOwners.set(dlq, rule.name);
    }
  }
  return problems;
}

export function deadLetterAlarmProblems(graph: ResourceGraph): string[] {
  const watched = new Set(
    ofType(graph, Types.alarm)
      .filter((a) => a.inputs.namespace === "AWS/SQS")
      .map((a) => (a.inputs.dimensions as Inputs | undefined)?.QueueName),
  );
  return ofType(graph, Types.queue)
    .filter((queue) => !watched.has(queue.physical))
    .map((queue) => `queue ${queue.name} has no alarm`);
}

const linkService = { Table: "dynamodb", Bucket: "s3", Bus: "events" } as const;

export function functionProblems(graph: ResourceGraph): string[] {
  const problems: string[] = [];
  const logGroups = new Map(ofType(graph, Types.logGroup).map((g) => [g.inputs.name, g]));
  const failures = named(graph, Types.queue, "FunctionFailures");
  const asyncInvoked = new Set<FunctionName>(asyncInvokedFunctions());
  const functions = ofType(graph, Types.function);
  if (functions.length !== FunctionNames.length)
    problems.push(`${functions.length} functions, not ${FunctionNames.length}`);
  for (const name of FunctionNames) {
    const id = componentName(name);
    const fn = named(graph, Types.function, `${id}Function`);
    if (!fn) {
      problems.push(`function ${name} missing`);
      continue;
    }
    const build = graph.builds.find((b) => b.functionId === id);
    const module = build?.handler.replace(/\.[^.]+$/, "");
    if (build?.handler !== handlerPath(name) || !existsSync(path.join(root, `${module}.ts`))) {
      problems.push(`function ${name}: handler ${build?.handler} is not the catalogue's module on disk`);
    }
    if (JSON.stringify(fn.inputs.architectures) !== '["arm64"]') problems.push(`function ${name}: not arm64`);
    if (input<{ mode?: string }>(fn, "tracingConfig")?.mode !== "Active")
      problems.push(`function ${name}: not traced`);
    const logGroup = logGroups.get(input<{ logGroup?: string }>(fn, "loggingConfig")?.logGroup);
    if (!logGroup || !(Number(logGroup.inputs.retentionInDays) > 0)) {
      problems.push(`function ${name}: no log group with retention`);
    }
    const role = graph.resources.find((r) => r.type === Types.role && r.arn === fn.inputs.role);
    const statements = ((role?.inputs.inlinePolicies ?? []) as { policy: string }[]).flatMap(
      (p) => parse(p.policy).Statement ?? [],
    );
    const granted = new Set(
      statements.flatMap((s) => [s.Action ?? []].flat()).map((action) => action.split(":")[0]),
    );
    for (const [resource, service] of Object.entries(linkService)) {
      const linked = (FunctionCatalogue[name].links as readonly string[]).includes(resource);
      if (linked !== granted.has(service)) {
        problems.push(
          `function ${name}: ${service} granted=${granted.has(service)} but links ${resource}=${linked}`,
        );
      }
      const actions = statements.filter((s) =>
        [s.Action ?? []].flat().some((a) => a.startsWith(`${service}:`)),
      );
      for (const s of actions) {
        const expected = LinkedResourceActions[
          resource as keyof typeof LinkedResourceActions
        ] as readonly string[];
        if ([s.Action ?? []].flat().some((a) => !expected.includes(a))) {
          problems.push(
            `function ${name}: ${service} actions beyond the link's: ${JSON.stringify(s.Action)}`,
          );
        }
      }
    }
    const configs = ofType(graph, Types.invokeConfig).filter((c) => c.inputs.functionName === fn.inputs.name);
    if (asyncInvoked.has(name)) {
      const [config] = configs;
      const onFailure = (
        config?.inputs.destinationConfig as { onFailure?: { destination?: string } } | undefined
      )?.onFailure?.destination;
      if (
        configs.length !== 1 ||
        config?.inputs.maximumRetryAttempts !== AsyncRetries ||
        onFailure !== failures?.arn
      ) {
        problems.push(
          `function ${name}: asynchronous invocation not ${AsyncRetries} retries then FunctionFailures`,
        );
      }
    } else if (configs.length > 0) {
      problems.push(`function ${name}: invoke config on a synchronously invoked function`);
    }
  }
  return problems;
}

export function stateMachineProblems(graph: ResourceGraph): string[] {
  const problems: string[] = [];
  const busName = ofType(graph, Types.bus)[0]?.inputs.name as string;
  const functionArn = (fn: FunctionName) =>
    named(graph, Types.function, `${componentName(fn)}Function`)?.arn ?? "";
  const logGroupArns = ofType(graph, Types.logGroup).map((g) => g.arn);
  for (const name of StateMachineNames) {
    const id = componentName(name);
    const machine = named(graph, Types.stateMachine, `${id}StateMachine`);
    if (!machine) {
      problems.push(`state machine ${name} missing`);
      continue;
    }
    const { inputs } = machine;
    if (inputs.name !== stateMachineName(graph.stage, name))
      problems.push(`${name}: not named for \`deploy rollback\``);
    if (inputs.type !== "EXPRESS") problems.push(`${name}: not EXPRESS`);
    if (inputs.publish !== true) problems.push(`${name}: does not publish versions`);
    const logging = inputs.loggingConfiguration as Inputs | undefined;
    if (
      logging?.level !== "ALL" ||
      logging.includeExecutionData !== true ||
      !logGroupArns.includes(String(logging.logDestination).replace(/:\*$/, ""))
    ) {
      problems.push(`${name}: does not log ALL with execution data to its log group`);
    }
    if ((inputs.tracingConfiguration as Inputs | undefined)?.enabled !== true)
      problems.push(`${name}: no X-Ray`);
    const expected = Workflows[name]({ functionArn, busName });
    if (JSON.stringify(JSON.parse(String(inputs.definition))) !== JSON.stringify(expected)) {
      problems.push(`${name}: definition differs from the ASL the local runtime runs`);
    }
    const alias = named(graph, Types.alias, `${id}LiveAlias`);
    const routes = (alias?.inputs.routingConfigurations ?? []) as {
      stateMachineVersionArn: string;
      weight: number;
    }[];
    if (
      alias?.inputs.name !== LiveAlias ||
      routes.length !== 1 ||
      routes[0]?.weight !== 100 ||
      !routes[0]?.stateMachineVersionArn.startsWith(`${machine.arn}:`)
    ) {
      problems.push(`${name}: no ${LiveAlias} alias routing 100% to its published version`);
    }
    for (const rule of wiredRules) {
      if (rule.target.kind !== "stateMachine" || rule.target.name !== name) continue;
      const target = named(graph, Types.target, `${componentName(rule.key)}Target`);
      if (!alias || target?.inputs.arn !== alias.arn)
        problems.push(`rule ${rule.name} does not target ${name}'s alias`);
      const role = graph.resources.find((r) => r.type === Types.role && r.arn === target?.inputs.roleArn);
      const policy = ofType(graph, Types.rolePolicy).find(
        (p) => role && p.inputs.role === `${role.physical}-id`,
      );
      const statements = parse(policy?.inputs.policy).Statement ?? [];
      if (
        JSON.stringify(statements.map((s) => [s.Action, s.Resource])) !==
        JSON.stringify([[["states:StartExecution"], [alias?.arn]]])
      ) {
        problems.push(`rule ${rule.name}: its role may not start exactly the ${LiveAlias} alias`);
      }
    }
  }
  return problems;
}

/** Length limits of the names AWS gives these resources. */
const NameLimits: Record<string, number> = {
  [Types.function]: 64,
  [Types.role]: 64,
  [Types.queue]: 80,
  [Types.stateMachine]: 80,
  [Types.logGroup]: 512,
  [Types.alarm]: 255,
  [Types.dashboard]: 255,
  [Types.bus]: 256,
  "aws:scheduler/scheduleGroup:ScheduleGroup": 64,
  "aws:scheduler/schedule:Schedule": 64,
  "aws:sns/topic:Topic": 256,
  "aws:s3/bucket:Bucket": 63,
  "aws:s3/bucketV2:BucketV2": 63,
  "aws:dynamodb/table:Table": 255,
};

export function nameProblems(graph: ResourceGraph): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const resource of graph.resources.filter((r) => r.type.startsWith("aws:"))) {
    const key = `${resource.type} ${resource.arn}`;
    if (seen.has(key)) problems.push(`${resource.name} and ${seen.get(key)} share ${resource.arn}`);
    seen.set(key, resource.name);
    const limit = NameLimits[resource.type];
    if (limit !== undefined && resource.physical.length > limit) {
      problems.push(`${resource.name}: name ${resource.physical} longer than ${limit}`);
    }
    if (resource.type === Types.rule && String(resource.inputs.name).length > 64) {
      problems.push(`${resource.name}: rule name longer than 64`);
    }
  }
  return problems;
}

/**
 * A stage's own resources: not the function code SST uploads to its per-account bootstrap bucket,
 * which every app and stage shares by design, keyed by the code's hash.
 */
const stageOwned = (r: RecordedResource) =>
  r.type.startsWith("aws:") &&
  !(r.type === "aws:s3/bucketObjectv2:BucketObjectv2" && r.physical.startsWith("sst-asset-"));

/** Physical resources two stages would both claim. */
export function sharedBetweenStages(a: ResourceGraph, b: ResourceGraph): string[] {
  const arns = new Set(a.resources.filter(stageOwned).map((r) => r.arn));
  return b.resources.filter((r) => stageOwned(r) && arns.has(r.arn)).map((r) => `${r.name} ${r.arn}`);
}

export function busPolicyProblems(graph: ResourceGraph): string[] {
  const [bus] = ofType(graph, Types.bus);
  const policies = ofType(graph, Types.busPolicy).filter((p) => p.inputs.eventBusName === bus?.inputs.name);
  if (policies.length !== 1) return [`bus has ${policies.length} policies`];
  const statements = parse(policies[0]?.inputs.policy).Statement ?? [];
  const roleArns = [
    ...FunctionNames.map((name) => {
      const fn = named(graph, Types.function, `${componentName(name)}Function`);
      return String(fn?.inputs.role);
    }),
    ...StateMachineNames.map((name) => named(graph, Types.role, `${componentName(name)}Role`)?.arn),
    named(graph, Types.role, "SchedulerRole")?.arn,
  ];
  const expected = {
    Effect: "Deny",
    Principal: { AWS: "*" },
    Action: ["events:PutEvents"],
    Resource: [bus?.arn],
    Condition: {
      StringEquals: { "events:source": internalEventSources() },
      ArnNotEquals: { "aws:PrincipalArn": [...new Set(roleArns)].sort() },
    },
  };
  const guard = statements.find((s) => s.Effect === "Deny");
  const { Sid: _sid, ...shape } = (guard ?? {}) as IamStatement & { Sid?: string };
  return JSON.stringify(shape) === JSON.stringify(expected)
    ? []
    : [`bus policy does not deny internal sources to all but dossier's roles: ${JSON.stringify(guard)}`];
}

export function dashboardProblems(graph: ResourceGraph): string[] {
  const dashboards = ofType(graph, Types.dashboard);
  if (dashboards.length !== 1) return [`${dashboards.length} dashboards`];
  const body = JSON.parse(String(dashboards[0]?.inputs.dashboardBody)) as ReturnType<typeof dashboardBody>;
  const text = JSON.stringify(body);
  const problems = ofType(graph, Types.queue)
    .filter((q) => !text.includes(JSON.stringify(q.physical)))
    .map((q) => `dashboard does not show ${q.name}`);
  for (const machine of ofType(graph, Types.stateMachine)) {
    if (!text.includes(JSON.stringify(machine.arn))) problems.push(`dashboard does not show ${machine.name}`);
  }
  return problems;
}

/** Every check on one stage's graph. */
export function graphProblems(graph: ResourceGraph): string[] {
  return [
    ...iamProblems(graph),
    ...ruleProblems(graph),
    ...deadLetterAlarmProblems(graph),
    ...functionProblems(graph),
    ...stateMachineProblems(graph),
    ...nameProblems(graph),
    ...busPolicyProblems(graph),
    ...dashboardProblems(graph),
  ];
}

/** The reviewed summary: counts by type and the logical names of each type. */
export function summarize(graph: ResourceGraph) {
  const byType: Record<string, string[]> = {};
  for (const { type, name } of graph.resources) byType[type] = [...(byType[type] ?? []), name];
  return Object.fromEntries(
    Object.keys(byType)
      .sort()
      .map((type) => [type, { count: byType[type]?.length, names: byType[type]?.sort() }]),
  );
}

/** Metric names the handlers emit by literal name (`metrics.addMetric("Name", …)`). */
export function emittedMetricNames(): Set<string> {
  const dir = path.join(root, "packages/functions/src");
  const names = new Set<string>();
  for (const file of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
    // The name argument may choose between literals (`cached ? "CacheHit" : "CacheMiss"`).
    for (const [, name] of readFileSync(path.join(dir, file), "utf8").matchAll(/addMetric\(([^,]+),/g)) {
      for (const [, literal] of name?.matchAll(/"(\w+)"/g) ?? []) if (literal) names.add(literal);
    }
  }
  return names;
}
