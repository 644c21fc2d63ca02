import { type WiredRule, wiredRules } from "@dossier/core/topology";
import type { RuleKey } from "@dossier/events";
import { bus } from "./bus";
import { functions } from "./functions";
import { componentName } from "./handlers";
import { assumeRolePolicy, deadLetterQueuePolicy, startExecutionPolicy } from "./policies";
import { workflows } from "./workflows";

export interface DeployedSubscription {
  rule: aws.cloudwatch.EventRule;
  target: aws.cloudwatch.EventTarget;
  /** Events EventBridge could not deliver to the target within the rule's retry policy. */
  deadLetterQueue: aws.sqs.Queue;
}

function subscribe(definition: WiredRule): DeployedSubscription {
  const id = componentName(definition.key);
  const rule = new aws.cloudwatch.EventRule(`${id}Rule`, {
    name: definition.name,
    description: definition.description,
    eventBusName: bus.name,
    eventPattern: JSON.stringify(definition.eventPattern),
  });
  const deadLetterQueue = new aws.sqs.Queue(`${id}DeadLetters`, {
    messageRetentionSeconds: 14 * 24 * 3600,
    sqsManagedSseEnabled: true,
  });
  new aws.sqs.QueuePolicy(`${id}DeadLettersPolicy`, {
    queueUrl: deadLetterQueue.url,
    policy: $util
      .all([deadLetterQueue.arn, rule.arn])
      .apply(([queueArn, ruleArn]) => JSON.stringify(deadLetterQueuePolicy(queueArn, [ruleArn]))),
  });
  const delivery = {
    rule: rule.name,
    eventBusName: bus.name,
    retryPolicy: {
      maximumRetryAttempts: definition.retryPolicy.maximumRetryAttempts,
      maximumEventAgeInSeconds: definition.retryPolicy.maximumEventAgeSeconds,
    },
    deadLetterConfig: { arn: deadLetterQueue.arn },
  };

  if (definition.target.kind === "function") {
    const fn = functions[definition.target.name];
    new aws.lambda.Permission(`${id}Invoke`, {
      action: "lambda:InvokeFunction",
      function: fn.name,
      principal: "events.amazonaws.com",
      sourceArn: rule.arn,
    });
    const target = new aws.cloudwatch.EventTarget(`${id}Target`, { ...delivery, arn: fn.arn });
    return { rule, target, deadLetterQueue };
  }

  // The rule starts the `live` alias, not the unqualified machine, so a rollback moves what runs.
  const { alias } = workflows[definition.target.name];
  const role = new aws.iam.Role(`${id}TargetRole`, {
    description: `Lets the ${definition.name} rule start its state machine`,
    assumeRolePolicy: rule.arn.apply((ruleArn) =>
      JSON.stringify(assumeRolePolicy("events.amazonaws.com", ruleArn)),
    ),
  });
  const rolePolicy = new aws.iam.RolePolicy(`${id}TargetRolePolicy`, {
    role: role.id,
    policy: alias.arn.apply((arn) => JSON.stringify(startExecutionPolicy(arn))),
  });
  const target = new aws.cloudwatch.EventTarget(
    `${id}Target`,
    { ...delivery, arn: alias.arn, roleArn: role.arn },
    { dependsOn: [rolePolicy] },
  );
  return { rule, target, deadLetterQueue };
}

/** One rule, target and dead-letter queue per shared rule definition. */
export const subscriptions = Object.fromEntries(
  wiredRules.map((definition) => [definition.key, subscribe(definition)]),
) as Record<RuleKey, DeployedSubscription>;
