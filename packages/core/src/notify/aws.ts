import type {
  CreateApiDestinationCommandInput,
  CreateConnectionCommandInput,
  PutRuleCommandInput,
  PutTargetsCommandInput,
} from "@aws-sdk/client-eventbridge";
import { DossierError } from "@dossier/events";
import {
  type Notification,
  NotificationRetryPolicy,
  type NotificationRule,
  notificationRules,
} from "./notifications";

/** The deployed stage's pieces a notification uses: its bus, the role rules invoke with, the dead letters. */
export interface NotificationStage {
  busName: string;
  /** Lets EventBridge invoke the stage's API destinations (`events:InvokeApiDestination`). */
  roleArn: string;
  /** The SQS queue for events a webhook did not take within the retry policy. */
  deadLetterArn: string;
}

/** The header the connection sends: Slack and Teams ignore it; an own endpoint can check it. */
export const NotificationKeyHeader = "x-dossier-notification-key";

/** EventBridge's limit on connection and API destination names. */
const MaxResourceNameLength = 64;

/** A notification whose name does not fit beside the stage's bus name in EventBridge's 64 characters. */
export class NotificationNameTooLongError extends DossierError {
  constructor(notificationName: string, room: number) {
    super(
      `notification name "${notificationName}" is too long for this stage: its connection and API destination are named <bus name>-<notification>, at most ${MaxResourceNameLength} characters, which leaves ${Math.max(room, 0)} for the notification's name`,
      { retryable: false },
    );
  }
}

/**
 * Connection and API destination names: the bus's name and the notification's. The whole bus name
 * is kept, never cut, because the stage's role may invoke only API destinations named after it.
 */
export function notificationResourceName(stage: NotificationStage, notificationName: string): string {
  const name = `${stage.busName}-${notificationName}`;
  if (name.length > MaxResourceNameLength)
    throw new NotificationNameTooLongError(
      notificationName,
      MaxResourceNameLength - stage.busName.length - 1,
    );
  return name;
}

/**
 * The EventBridge API requests that deploy a notification: a connection (EventBridge keeps its
 * key in Secrets Manager), an API destination, and one rule per detail-type whose target shapes the
 * event with its input transformer, retries for a day and dead-letters what still fails. Applied
 * in order by `dossier notify add --target aws`; the ARNs come from the previous answers.
 */
export function notificationAwsRequests(stage: NotificationStage, notification: Notification, key: string) {
  const name = notificationResourceName(stage, notification.name);
  const rules = notificationRules(notification);
  return {
    connection: {
      Name: name,
      Description: `dossier notification ${notification.name} (${notification.kind})`,
      AuthorizationType: "API_KEY",
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: NotificationKeyHeader, ApiKeyValue: key } },
    } satisfies CreateConnectionCommandInput,
    destination: (connectionArn: string): CreateApiDestinationCommandInput => ({
      Name: name,
      Description: `dossier notification ${notification.name} (${notification.kind})`,
      ConnectionArn: connectionArn,
      InvocationEndpoint: notification.url,
      HttpMethod: "POST",
      // Chat webhooks accept about one message a second per channel; bursts wait in EventBridge.
      InvocationRateLimitPerSecond: 1,
    }),
    rules: rules.map((rule: NotificationRule) => ({
      rule: {
        Name: rule.name,
        EventBusName: stage.busName,
        Description: rule.description,
        EventPattern: JSON.stringify(rule.eventPattern),
        State: "ENABLED",
      } satisfies PutRuleCommandInput,
      targets: (destinationArn: string): PutTargetsCommandInput => ({
        Rule: rule.name,
        EventBusName: stage.busName,
        Targets: [
          {
            Id: "webhook",
            Arn: destinationArn,
            RoleArn: stage.roleArn,
            ...(rule.inputTransformer
              ? {
                  InputTransformer: {
                    InputPathsMap: rule.inputTransformer.inputPathsMap,
                    InputTemplate: rule.inputTransformer.inputTemplate,
                  },
                }
              : {}),
            RetryPolicy: {
              MaximumRetryAttempts: NotificationRetryPolicy.maximumRetryAttempts,
              MaximumEventAgeInSeconds: NotificationRetryPolicy.maximumEventAgeSeconds,
            },
            DeadLetterConfig: { Arn: stage.deadLetterArn },
          },
        ],
      }),
    })),
  };
}
