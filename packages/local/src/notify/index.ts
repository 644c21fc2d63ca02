export { notificationOf, postToWebhook, subscribeNotifications } from "./webhook-targets";
