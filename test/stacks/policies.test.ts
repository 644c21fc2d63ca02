import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { StateMachineNames } from "@dossier/core/topology";
import { Workflows } from "@dossier/core/workflows";
import { Sources } from "@dossier/events";
import { describe, expect, it } from "vitest";
import {
  assumeRolePolicy,
  asyncFailurePermission,
  bedrockInvokePermissions,
  busPublishGuardPolicy,
  deadLetterQueuePolicy,
  internalEventSources,
  invokeApiDestinationPolicy,
  notificationDeadLetterPolicy,
  notificationTrustPolicy,
  type PolicyDocument,
  schedulerPublishPolicy,
  serviceWideStatements,
  startExecutionPolicy,
  stateMachineRolePolicy,
  xrayTracingPermission,
} from "../../stacks/policies";
import { leastPrivilegeViolations } from "./least-privilege";

const stacksDir = path.resolve(import.meta.dirname, "../../stacks");
const dataServices = ["dynamodb", "s3", "events", "states", "sqs", "lambda", "sns", "scheduler", "bedrock"];
const account = "123456789012";
const busArn = `arn:aws:events:us-east-1:${account}:event-bus/dossier-test-Bus`;
const ruleArn = `arn:aws:events:us-east-1:${account}:rule/dossier-test-Bus/batch-fan-out`;
const queueArn = `arn:aws:sqs:us-east-1:${account}:BatchFanOutDeadLetters`;
const machineArn = `arn:aws:states:us-east-1:${account}:stateMachine:BatchFanOut`;
const groupArn = `arn:aws:scheduler:us-east-1:${account}:schedule-group/dossier-test`;

const documents: Record<string, PolicyDocument> = {
  ...Object.fromEntries(
    StateMachineNames.map((name) => [
      `${name} role`,
      stateMachineRolePolicy(
        Workflows[name]({
          functionArn: (fn) => `arn:aws:lambda:us-east-1:${account}:function:${fn}`,
          busName: "b",
        }),
        busArn,
      ),
    ]),
  ),
  "rule target role": startExecutionPolicy(machineArn),
  "dead-letter queue": deadLetterQueuePolicy(queueArn, [ruleArn]),
  "scheduler role": schedulerPublishPolicy(busArn),
  "notification role": invokeApiDestinationPolicy(busArn),
  "notification dead letters": notificationDeadLetterPolicy(queueArn, busArn),
};
const statements = Object.values(documents).flatMap((document) => document.Statement);
const isServiceWide = (statement: unknown) => serviceWideStatements.includes(statement as never);

describe("IAM written by the stacks", () => {
  it("passes the least-privilege rule the graph test also applies", () => {
    for (const statement of statements) {
      expect(leastPrivilegeViolations(statement), JSON.stringify(statement)).toEqual([]);
    }
  });

  it("never grants a wildcard action", () => {
    for (const statement of statements) {
      for (const action of statement.Action) expect(action, JSON.stringify(statement)).not.toContain("*");
    }
  });

  it("never grants on a `*` resource outside the documented logging and tracing exceptions", () => {
    for (const statement of statements.filter((s) => !isServiceWide(s))) {
      const runTimeNamed = statement.Action.join() === "events:InvokeApiDestination";
      for (const resource of statement.Resource ?? [])
        if (runTimeNamed)
          expect(resource).toBe(`arn:aws:events:us-east-1:${account}:api-destination/dossier-test-Bus-*/*`);
        else expect(resource).not.toContain("*");
    }
    for (const statement of serviceWideStatements) {
      for (const action of statement.Action) expect(action).toMatch(/^(logs|xray):[A-Za-z]+$/);
    }
    expect(xrayTracingPermission.actions.every((action) => action.startsWith("xray:"))).toBe(true);
  });

  it("lets EventBridge dead-letter into a queue only for the rule it belongs to", () => {
    const [statement] = documents["dead-letter queue"]?.Statement ?? [];
    expect(statement).toMatchObject({
      Principal: { Service: "events.amazonaws.com" },
      Action: ["sqs:SendMessage"],
      Resource: [queueArn],
      Condition: { ArnEquals: { "aws:SourceArn": [ruleArn] } },
    });
  });

  it("lets a rule start exactly one state machine", () => {
    expect(startExecutionPolicy(machineArn).Statement).toEqual([
      { Effect: "Allow", Action: ["states:StartExecution"], Resource: [machineArn] },
    ]);
  });

  it("lets Scheduler assume its role only for the dossier schedule group, and only publish", () => {
    expect(assumeRolePolicy("scheduler.amazonaws.com", groupArn).Statement[0]).toMatchObject({
      Principal: { Service: "scheduler.amazonaws.com" },
      Action: ["sts:AssumeRole"],
      Condition: { ArnEquals: { "aws:SourceArn": groupArn } },
    });
    expect(schedulerPublishPolicy(busArn).Statement.flatMap((s) => s.Action)).toEqual(["events:PutEvents"]);
  });

  it("hands failed asynchronous invocations to one queue", () => {
    expect(asyncFailurePermission(queueArn)).toEqual({ actions: ["sqs:SendMessage"], resources: [queueArn] });
  });

  it("scopes Bedrock to the configured model", () => {
    expect(
      bedrockInvokePermissions({ modelId: "amazon.nova-lite-v1:0", region: "us-east-1", accountId: account }),
    ).toEqual([
      {
        actions: ["bedrock:InvokeModel"],
        resources: ["arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0"],
      },
    ]);
  });

  it("lets a cross-region inference profile reach its model in any region only through that profile", () => {
    const [profile, model] = bedrockInvokePermissions({
      modelId: "us.amazon.nova-lite-v1:0",
      region: "us-east-1",
      accountId: account,
    });
    const profileArn = `arn:aws:bedrock:us-east-1:${account}:inference-profile/us.amazon.nova-lite-v1:0`;
    expect(profile).toEqual({ actions: ["bedrock:InvokeModel"], resources: [profileArn] });
    expect(model?.resources).toEqual(["arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"]);
    expect(model?.conditions).toEqual([
      { test: "StringEquals", variable: "bedrock:InferenceProfileArn", values: [profileArn] },
    ]);
  });
});

describe("stack sources", () => {
  const sources = readdirSync(stacksDir)
    .filter((file) => file.endsWith(".ts"))
    .map((file) => ({ file, text: readFileSync(path.join(stacksDir, file), "utf8") }));

  it("name no wildcard action of a data service anywhere", () => {
    const wildcard = new RegExp(`["'\`](${dataServices.join("|")}):[A-Za-z]*\\*[A-Za-z*]*["'\`]`, "g");
    for (const { file, text } of sources) expect(text.match(wildcard) ?? [], file).toEqual([]);
  });

  it("write a `*` resource only in the isolated exceptions of policies.ts", () => {
    const star = /(Resource|resources):\s*\[\s*"\*"\s*\]/g;
    const found = sources.flatMap(({ file, text }) => (text.match(star) ?? []).map(() => file));
    expect(found).toEqual(["policies.ts", "policies.ts", "policies.ts"]);
    expect(serviceWideStatements).toHaveLength(2);
  });

  it("keep IAM documents in policies.ts: stacks pass its builders' output, never inline actions", () => {
    for (const { file, text } of sources.filter(({ file }) => file !== "policies.ts")) {
      expect(text.match(/\b(actions|Action):\s*\[/g) ?? [], file).toEqual([]);
    }
  });
});

describe("notifications", () => {
  it("lets EventBridge assume the role and dead-letter only for this bus's notification rules", () => {
    const onlyNotificationRules = {
      ArnLike: {
        "aws:SourceArn": `arn:aws:events:us-east-1:${account}:rule/dossier-test-Bus/dossier-notify-*`,
      },
    };
    expect(notificationTrustPolicy(busArn).Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: "events.amazonaws.com" },
        Condition: onlyNotificationRules,
      }),
    ]);
    expect(notificationDeadLetterPolicy(queueArn, busArn).Statement).toEqual([
      expect.objectContaining({ Action: ["sqs:SendMessage"], Condition: onlyNotificationRules }),
    ]);
  });

  it("scopes the run-time API destinations by the bus's name, and nothing else has that exception", () => {
    expect(leastPrivilegeViolations(invokeApiDestinationPolicy(busArn).Statement[0] as never)).toEqual([]);
    expect(
      leastPrivilegeViolations({
        Effect: "Allow",
        Action: ["events:PutEvents"],
        Resource: [`arn:aws:events:us-east-1:${account}:api-destination/dossier-test-Bus-*/*`],
      }),
    ).not.toEqual([]);
  });
});

describe("the bus guard", () => {
  const roles = [`arn:aws:iam::${account}:role/b`, `arn:aws:iam::${account}:role/a`];

  it("denies internal sources to everyone but the given roles, and grants nothing", () => {
    const [statement, ...rest] = busPublishGuardPolicy(busArn, [...roles, roles[0] ?? ""]).Statement;
    expect(rest).toEqual([]);
    expect(statement).toMatchObject({
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: ["events:PutEvents"],
      Resource: [busArn],
      Condition: {
        StringEquals: { "events:source": internalEventSources() },
        ArnNotEquals: { "aws:PrincipalArn": [...roles].sort() },
      },
    });
  });

  it("leaves the requests source open to requesters", () => {
    expect(internalEventSources()).not.toContain(Sources.requests);
    expect(internalEventSources()).toContain(Sources.merge);
  });
});
