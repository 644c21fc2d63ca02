export {
  NotificationKeyHeader,
  type NotificationStage,
  notificationAwsRequests,
  notificationResourceName,
} from "./aws";
export {
  ApiDestinationTimeoutMs,
  apiDestinationRetries,
  type InputTransformer,
  InvalidWebhookUrlError,
  type NotifiableDetailType,
  NotifiableDetailTypes,
  NotifiableEvents,
  Notification,
  type NotificationKind,
  NotificationKinds,
  NotificationName,
  NotificationRetryPolicy,
  type NotificationRule,
  notificationRules,
  validateWebhookUrl,
} from "./notifications";
