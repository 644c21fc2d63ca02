import {
  ApiDestinationTimeoutMs,
  apiDestinationRetries,
  Notification,
  NotificationRetryPolicy,
  notificationRules,
  validateWebhookUrl,
} from "@dossier/core/notify";
import type { NotificationItem } from "@dossier/core/store";
import { NotificationRulePrefix } from "@dossier/core/topology";
import type { LocalEventBus } from "../eventbridge";
import { PermanentDeliveryError } from "../eventbridge/errors";

/**
 * POSTs a body to a webhook as an EventBridge API destination does: JSON, five seconds at most,
 * redirects not followed. An answer EventBridge retries (401, 407, 409, 429, 5xx), a timeout or a
 * network error is thrown for the bus to retry; any other refusal is a PermanentDeliveryError.
 */
export async function postToWebhook(url: string, body: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(ApiDestinationTimeoutMs),
    });
  } catch (error) {
    throw new Error(`webhook ${new URL(url).host} unreachable: ${(error as Error).message}`);
  }
  // The body is drained so the connection is reused; what the receiver says matters only for errors.
  const answer = (await response.text().catch(() => "")).slice(0, 200);
  if (response.status >= 200 && response.status < 300) return;
  const message = `webhook ${new URL(url).host} answered HTTP ${response.status}${answer ? `: ${answer}` : ""}`;
  if (apiDestinationRetries(response.status)) throw new Error(message);
  throw new PermanentDeliveryError(message);
}

/** A stored notification as the contract describes it. */
export function notificationOf(item: NotificationItem): Notification {
  return Notification.parse({
    name: item.name,
    kind: item.kind,
    url: item.url,
    on: item.on,
    ...(item.detailFilter ? { detailFilter: JSON.parse(item.detailFilter) } : {}),
  });
}

/**
 * Puts the rules of the stored notifications on the embedded bus, as `notify add --target aws`
 * puts them on a stage's: one rule per detail-type, whose target is the webhook with the same
 * input transformer, retry policy and dead letters. Rules of notifications since removed go.
 */
export function subscribeNotifications(
  bus: LocalEventBus,
  notifications: readonly Notification[],
  post: (url: string, body: string) => Promise<void> = postToWebhook,
): void {
  const wanted = new Set<string>();
  for (const notification of notifications) {
    validateWebhookUrl(notification.url, { allowLoopbackHttp: true });
    for (const rule of notificationRules(notification)) {
      wanted.add(rule.name);
      bus.putRule({
        name: rule.name,
        eventPattern: rule.eventPattern,
        targets: [
          {
            id: "webhook",
            ...(rule.inputTransformer ? { input: { kind: "transformer", ...rule.inputTransformer } } : {}),
            retryPolicy: NotificationRetryPolicy,
            invoke: (event, input) => post(notification.url, input ?? JSON.stringify(event)),
          },
        ],
      });
    }
  }
  for (const { name } of bus.listRules())
    if (name.startsWith(NotificationRulePrefix) && !wanted.has(name)) bus.removeRule(name);
}
