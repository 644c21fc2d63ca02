import {
  BatchCompleted,
  DossierError,
  ExtractionFailed,
  LeadershipChangeFiled,
  ProfileChanged,
} from "@dossier/events";
import { z } from "zod";
import { NotificationRulePrefix, type RetryPolicy } from "../topology";

/** Where a notification goes: a Slack or Microsoft Teams incoming webhook, or any HTTPS endpoint. */
export const NotificationKinds = ["slack", "teams", "http"] as const;
export type NotificationKind = (typeof NotificationKinds)[number];

/** The events a notification can be sent for. */
export const NotifiableEvents = [
  ProfileChanged,
  LeadershipChangeFiled,
  ExtractionFailed,
  BatchCompleted,
] as const;
export type NotifiableDetailType = (typeof NotifiableEvents)[number]["detailType"];
export const NotifiableDetailTypes = NotifiableEvents.map((definition) => definition.detailType) as [
  NotifiableDetailType,
  ...NotifiableDetailType[],
];

export const NotificationName = z
  .string()
  .regex(/^[0-9a-zA-Z_-]{1,32}$/, "a notification name is 1–32 of letters, digits, '_' or '-'");

export const Notification = z.object({
  name: NotificationName,
  kind: z.enum(NotificationKinds),
  url: z.string().max(2048),
  on: z.array(z.enum(NotifiableDetailTypes)).min(1),
  /** An EventBridge pattern for `detail`, narrowing which of those events are sent. */
  detailFilter: z.record(z.string(), z.unknown()).optional(),
});
export type Notification = z.infer<typeof Notification>;

/** A webhook URL that cannot be delivered to (not HTTPS, credentials in it, not a URL). */
export class InvalidWebhookUrlError extends DossierError {
  constructor(url: string, reason: string) {
    super(`webhook URL ${JSON.stringify(url.slice(0, 200))} ${reason}`, { retryable: false });
  }
}

/**
 * EventBridge API destinations call HTTPS endpoints only; the embedded runtime also accepts plain
 * HTTP on the loopback interface, for receivers a developer runs on the same machine.
 */
export function validateWebhookUrl(url: string, options: { allowLoopbackHttp: boolean }): URL {
  if (!URL.canParse(url)) throw new InvalidWebhookUrlError(url, "is not an absolute URL");
  const parsed = new URL(url);
  if (parsed.username || parsed.password)
    throw new InvalidWebhookUrlError(url, "carries credentials; put them in the connection, not the URL");
  const loopback = ["127.0.0.1", "[::1]", "localhost"].includes(parsed.hostname);
  if (parsed.protocol === "https:") return parsed;
  if (parsed.protocol === "http:" && loopback && options.allowLoopbackHttp) return parsed;
  throw new InvalidWebhookUrlError(
    url,
    options.allowLoopbackHttp
      ? "must be https:// (plain http:// only to 127.0.0.1 or localhost)"
      : "must be https:// (EventBridge API destinations call HTTPS endpoints only)",
  );
}

/** EventBridge's InputTransformer: the event's values by name, and the body they fill in. */
export interface InputTransformer {
  inputPathsMap: Record<string, string>;
  inputTemplate: string;
}

/** One rule of a notification: one detail-type, to the notification's endpoint. */
export interface NotificationRule {
  name: string;
  description: string;
  eventPattern: Record<string, unknown>;
  /** Absent for `http`: the endpoint receives the whole event. */
  inputTransformer?: InputTransformer;
}

/** What each notifiable event says in a chat message: its values, and one line that uses them. */
const messages: Record<NotifiableDetailType, { paths: Record<string, string>; title: string; line: string }> =
  {
    "Profile.Changed": {
      paths: { companyId: "$.detail.companyId", summary: "$.detail.summary", runId: "$.detail.runId" },
      title: "Profile changed: <companyId>",
      line: "<summary> (run <runId>)",
    },
    "Leadership.ChangeFiled": {
      paths: {
        companyName: "$.detail.companyName",
        companyId: "$.detail.companyId",
        summary: "$.detail.summary",
        filingDate: "$.detail.filingDate",
        filingUrl: "$.detail.filingUrl",
      },
      title: "Leadership change filed: <companyName> (<companyId>)",
      line: "<summary>. 8-K Item 5.02 filed <filingDate>: <filingUrl>",
    },
    "Extraction.Failed": {
      paths: { companyId: "$.detail.companyId", reason: "$.detail.reason", runId: "$.detail.runId" },
      title: "Extraction failed: <companyId>",
      line: "<reason> (run <runId>)",
    },
    "Batch.Completed": {
      paths: {
        batchId: "$.detail.batchId",
        total: "$.detail.total",
        completed: "$.detail.completed",
        incomplete: "$.detail.incomplete",
        failed: "$.detail.failed",
      },
      title: "Batch completed: <batchId>",
      line: "<completed> completed, <incomplete> incomplete, <failed> failed of <total>",
    },
  };

/**
 * A Slack message in Block Kit blocks. Plain text only: values come from publishers and websites,
 * and in Slack's mrkdwn a company named `<!channel>` would notify the whole channel.
 */
function slackTemplate(title: string, line: string): string {
  return `{"blocks": [{"type": "header", "text": {"type": "plain_text", "text": "${title}"}}, {"type": "section", "text": {"type": "plain_text", "text": "${line}"}}]}`;
}

/** A Microsoft Teams message carrying an Adaptive Card, as Teams' incoming webhooks take it. */
function teamsTemplate(title: string, line: string): string {
  return `{"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": {"$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard", "version": "1.4", "body": [{"type": "TextBlock", "size": "Medium", "weight": "Bolder", "wrap": true, "text": "${title}"}, {"type": "TextBlock", "wrap": true, "text": "${line}"}]}}]}`;
}

/** The name of a notification's rule for one detail-type, on the embedded bus and on a stage's. */
export function notificationRuleName(notificationName: string, detailType: NotifiableDetailType): string {
  return `${NotificationRulePrefix}${notificationName}-${detailType.replace(".", "")}`;
}

/**
 * The rules a notification stands for, one per detail-type so each gets its own message. The same
 * rules are put on the embedded bus and, through the EventBridge API, on a deployed stage's bus.
 */
export function notificationRules(notification: Notification): NotificationRule[] {
  return notification.on.map((detailType) => {
    const message = messages[detailType];
    const inputTransformer: InputTransformer | undefined =
      notification.kind === "http"
        ? undefined
        : {
            inputPathsMap: message.paths,
            inputTemplate: (notification.kind === "slack" ? slackTemplate : teamsTemplate)(
              message.title,
              message.line,
            ),
          };
    return {
      name: notificationRuleName(notification.name, detailType),
      description: `Sends ${detailType} to ${notification.kind} notification ${notification.name}`,
      eventPattern: {
        "detail-type": [detailType],
        ...(notification.detailFilter ? { detail: notification.detailFilter } : {}),
      },
      ...(inputTransformer ? { inputTransformer } : {}),
    };
  });
}

/**
 * Notifications are retried for a day, as EventBridge's default target policy does; what still
 * fails goes to the dead letters.
 */
export const NotificationRetryPolicy: RetryPolicy = {
  maximumRetryAttempts: 185,
  maximumEventAgeSeconds: 86_400,
};

/**
 * Whether EventBridge retries an API destination's answer: it retries 401, 407, 409, 429 and 5xx
 * and sends every other failure to the dead-letter queue at once
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html).
 */
export function apiDestinationRetries(status: number): boolean {
  return status === 401 || status === 407 || status === 409 || status === 429 || status >= 500;
}

/** EventBridge gives up on an API destination request after five seconds (and retries it). */
export const ApiDestinationTimeoutMs = 5_000;
