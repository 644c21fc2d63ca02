// IAM documents of the stacks as plain data: pure functions of ARNs, so tests can hold them to
// least privilege without SST. Nothing here touches the `sst`, `aws` or `$app` globals.

import { NotificationRulePrefix } from "@dossier/core/topology";
import { PutEventsResource, type StateMachineDefinition, taskStates } from "@dossier/core/workflows";
import { InternalSources } from "@dossier/events";

/** One IAM statement in the JSON form AWS reads. */
export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action: string[];
  /** Absent in trust policies, which name a principal instead. */
  Resource?: string[];
  Principal?: { Service: string } | { AWS: string };
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/** Wraps statements into a policy document. */
export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * Trust policy letting one AWS service assume a role, optionally only on behalf of `sourceArn`
 * (an ARN, or with `ArnLike` a pattern of them).
 */
export function assumeRolePolicy(
  service: string,
  sourceArn?: string,
  match: "ArnEquals" | "ArnLike" = "ArnEquals",
): PolicyDocument {
  return policyDocument([
    {
      Effect: "Allow",
      Action: ["sts:AssumeRole"],
      Principal: { Service: service },
      ...(sourceArn ? { Condition: { [match]: { "aws:SourceArn": sourceArn } } } : {}),
    },
  ]);
}

/** The Lambda functions a definition's Task states invoke, read from the definition itself. */
export function invokedFunctionArns(definition: StateMachineDefinition): string[] {
  const arns = taskStates(definition)
    .map(({ state }) => state.Resource)
    .filter(
      (resource): resource is string => typeof resource === "string" && resource.includes(":function:"),
    );
  return [...new Set(arns)].sort();
}

/**
 * AWS documents these as not supporting resource-level permissions: Step Functions' vended
 * log delivery (logs:*Delivery*, resource policies) and X-Ray trace upload only accept `*`.
 * They are the one place a `*` resource is allowed, and they grant no access to data.
 */
export const serviceWideStatements: PolicyStatement[] = [
  {
    Sid: "StepFunctionsLogDelivery",
    Effect: "Allow",
    Action: [
      "logs:CreateLogDelivery",
      "logs:GetLogDelivery",
      "logs:UpdateLogDelivery",
      "logs:DeleteLogDelivery",
      "logs:ListLogDeliveries",
      "logs:PutResourcePolicy",
      "logs:DescribeResourcePolicies",
      "logs:DescribeLogGroups",
    ],
    Resource: ["*"],
  },
  {
    Sid: "XRayTracing",
    Effect: "Allow",
    Action: [
      "xray:PutTraceSegments",
      "xray:PutTelemetryRecords",
      "xray:GetSamplingRules",
      "xray:GetSamplingTargets",
    ],
    Resource: ["*"],
  },
];

/**
 * The execution role of an Express state machine: invoke exactly the functions its tasks name,
 * publish to the bus only when it has a PutEvents task, plus the service-wide logging/tracing.
 */
export function stateMachineRolePolicy(definition: StateMachineDefinition, busArn: string): PolicyDocument {
  const functions = invokedFunctionArns(definition);
  const publishes = taskStates(definition).some(({ state }) => state.Resource === PutEventsResource);
  return policyDocument([
    ...(functions.length > 0
      ? [
          {
            Sid: "InvokeTaskFunctions",
            Effect: "Allow" as const,
            Action: ["lambda:InvokeFunction"],
            Resource: functions,
          },
        ]
      : []),
    ...(publishes
      ? [{ Sid: "PublishToBus", Effect: "Allow" as const, Action: ["events:PutEvents"], Resource: [busArn] }]
      : []),
    ...serviceWideStatements,
  ]);
}

/** The role EventBridge assumes to start one state machine from a rule. */
export function startExecutionPolicy(stateMachineArn: string): PolicyDocument {
  return policyDocument([
    { Effect: "Allow", Action: ["states:StartExecution"], Resource: [stateMachineArn] },
  ]);
}

/** A queue EventBridge may send undelivered events to, on behalf of the rules `condition` names. */
function eventBridgeDeadLetters(queueArn: string, condition: PolicyStatement["Condition"]): PolicyDocument {
  return policyDocument([
    {
      Sid: "EventBridgeDeadLetters",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: ["sqs:SendMessage"],
      Resource: [queueArn],
      Condition: condition,
    },
  ]);
}

/** Resource policy of a rule target's dead-letter queue: only EventBridge, only for these rules. */
export function deadLetterQueuePolicy(queueArn: string, ruleArns: string[]): PolicyDocument {
  return eventBridgeDeadLetters(queueArn, { ArnEquals: { "aws:SourceArn": ruleArns } });
}

/** The role EventBridge Scheduler assumes for schedules created at run time: publish to the bus, nothing else. */
export function schedulerPublishPolicy(busArn: string): PolicyDocument {
  return policyDocument([{ Effect: "Allow", Action: ["events:PutEvents"], Resource: [busArn] }]);
}

/** `arn:aws:events:<region>:<account>:event-bus/<name>` → its parts. */
function busParts(busArn: string): { prefix: string; busName: string } {
  const match = /^(arn:aws[\w-]*:events:[\w-]+:\d{12}):event-bus\/(.+)$/.exec(busArn);
  if (!match?.[1] || !match[2]) throw new Error(`not an event bus ARN: ${busArn}`);
  return { prefix: match[1], busName: match[2] };
}

/**
 * Trust of the role notification rules invoke their API destinations with: EventBridge, only on
 * behalf of this bus's notification rules (`dossier notify add` names them `dossier-notify-…`).
 */
export function notificationTrustPolicy(busArn: string): PolicyDocument {
  return assumeRolePolicy("events.amazonaws.com", notificationRulesPattern(busArn), "ArnLike");
}

/** The ARNs of the rules `dossier notify add` puts on a bus. */
function notificationRulesPattern(busArn: string): string {
  const { prefix, busName } = busParts(busArn);
  return `${prefix}:rule/${busName}/${NotificationRulePrefix}*`;
}

/**
 * Grants on resources `dossier` makes at run time rather than deploy time, so their ARNs are
 * scoped by the stage's name prefix: `dossier notify add` names each API destination
 * `<bus name>-<notification>`, and EventBridge adds a UUID after it.
 */
export const RunTimeNamedResources = [
  { action: "events:InvokeApiDestination", resource: /:api-destination\/[\w.-]+-\*\/\*$/ },
] as const;

/** What that role may do: invoke the stage's API destinations (named after the bus), nothing else. */
export function invokeApiDestinationPolicy(busArn: string): PolicyDocument {
  const { prefix, busName } = busParts(busArn);
  return policyDocument([
    {
      Effect: "Allow",
      Action: ["events:InvokeApiDestination"],
      Resource: [`${prefix}:api-destination/${busName}-*/*`],
    },
  ]);
}

/** Resource policy of the notifications' dead-letter queue: only EventBridge, only for notification rules. */
export function notificationDeadLetterPolicy(queueArn: string, busArn: string): PolicyDocument {
  return eventBridgeDeadLetters(queueArn, { ArnLike: { "aws:SourceArn": notificationRulesPattern(busArn) } });
}

/** An extra grant on a function's execution role, in the shape `sst.aws.Function` `permissions` takes. */
export interface FunctionPermission {
  actions: string[];
  resources: string[];
  conditions?: { test: string; variable: string; values: string[] }[];
}

/** X-Ray trace upload for a function with active tracing; X-Ray only takes `*` (see serviceWideStatements). */
export const xrayTracingPermission: FunctionPermission = {
  actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
  resources: ["*"],
};

/** Lets a function's execution role hand failed asynchronous invocations to its on-failure queue. */
export function asyncFailurePermission(queueArn: string): FunctionPermission {
  return { actions: ["sqs:SendMessage"], resources: [queueArn] };
}

const inferenceProfileId = /^(us|us-gov|eu|apac|ca|jp|au|global)\.(.+)$/;

/**
 * Bedrock Converse on one model. A plain model id needs that foundation model in this region. A
 * cross-region inference profile id (`us.…`, `eu.…`) needs the profile, and the foundation model
 * in whichever region the profile routes to, but only when called through that profile (the
 * pattern AWS documents for cross-region inference).
 */
export function bedrockInvokePermissions(options: {
  modelId: string;
  region: string;
  accountId: string;
  partition?: string;
}): FunctionPermission[] {
  const partition = options.partition ?? "aws";
  const profile = inferenceProfileId.exec(options.modelId);
  if (!profile?.[2]) {
    return [
      {
        actions: ["bedrock:InvokeModel"],
        resources: [`arn:${partition}:bedrock:${options.region}::foundation-model/${options.modelId}`],
      },
    ];
  }
  const profileArn = `arn:${partition}:bedrock:${options.region}:${options.accountId}:inference-profile/${options.modelId}`;
  return [
    { actions: ["bedrock:InvokeModel"], resources: [profileArn] },
    {
      actions: ["bedrock:InvokeModel"],
      resources: [`arn:${partition}:bedrock:*::foundation-model/${profile[2]}`],
      conditions: [{ test: "StringEquals", variable: "bedrock:InferenceProfileArn", values: [profileArn] }],
    },
  ];
}

/**
 * The sources only dossier itself publishes with (`InternalSources` of the event contract); the
 * requests source stays open to requesters (people, schedules, other systems).
 */
export function internalEventSources(): string[] {
  return [...InternalSources].sort();
}

/**
 * Resource policy of the bus: nobody but dossier's own roles may publish with an internal source,
 * so a forged `Extraction.PartCompleted` from another principal is refused by PutEvents itself.
 * An explicit Deny wins over any Allow, in this account or another; everything else is left to
 * the callers' own IAM (the bus grants nothing).
 */
export function busPublishGuardPolicy(busArn: string, dossierRoleArns: string[]): PolicyDocument {
  return policyDocument([
    {
      Sid: "InternalSourcesOnlyFromDossier",
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: ["events:PutEvents"],
      Resource: [busArn],
      Condition: {
        StringEquals: { "events:source": internalEventSources() },
        ArnNotEquals: { "aws:PrincipalArn": [...new Set(dossierRoleArns)].sort() },
      },
    },
  ]);
}

/**
 * What a function may do with each resource it links, replacing SST's default link grants
 * (every action of the service): the item, object and PutEvents calls the handlers make.
 * ListBucket is there so a missing object reads as 404 (not found), not 403.
 */
export const LinkedResourceActions = {
  Table: [
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "dynamodb:BatchGetItem",
    "dynamodb:BatchWriteItem",
  ],
  Bucket: ["s3:GetObject", "s3:PutObject", "s3:PutObjectTagging", "s3:ListBucket"],
  Bus: ["events:PutEvents"],
} as const satisfies Record<string, readonly string[]>;

/** A linked resource's grant on the given ARNs (the resource, and for tables and buckets what lies under it). */
export function linkGrant<Arn>(
  resource: keyof typeof LinkedResourceActions,
  resources: Arn[],
): { actions: string[]; resources: Arn[] } {
  return { actions: [...LinkedResourceActions[resource]], resources };
}
