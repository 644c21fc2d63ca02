import { bus } from "./bus";
import {
  invokeApiDestinationPolicy,
  notificationDeadLetterPolicy,
  notificationTrustPolicy,
} from "./policies";

// What `dossier notify add --target aws` needs from the stage; the connections, API destinations
// and rules themselves are made at run time, one set per notification.

/** Notifications EventBridge could not deliver within their retry policy (a day). */
export const notificationDeadLetters = new aws.sqs.Queue("NotificationDeadLetters", {
  messageRetentionSeconds: 14 * 24 * 3600,
  sqsManagedSseEnabled: true,
});

new aws.sqs.QueuePolicy("NotificationDeadLettersPolicy", {
  queueUrl: notificationDeadLetters.url,
  policy: $util
    .all([notificationDeadLetters.arn, bus.arn])
    .apply(([queueArn, busArn]) => JSON.stringify(notificationDeadLetterPolicy(queueArn, busArn))),
});

/** The role notification rules invoke their API destinations with. */
export const notificationRole = new aws.iam.Role("NotificationRole", {
  description: `EventBridge sends dossier ${$app.stage} notifications to their webhooks`,
  assumeRolePolicy: bus.arn.apply((busArn) => JSON.stringify(notificationTrustPolicy(busArn))),
});

new aws.iam.RolePolicy("NotificationRolePolicy", {
  role: notificationRole.id,
  policy: bus.arn.apply((busArn) => JSON.stringify(invokeApiDestinationPolicy(busArn))),
});
