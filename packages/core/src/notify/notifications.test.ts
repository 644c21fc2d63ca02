import { describe, expect, it } from "vitest";
import { NotificationNameTooLongError, notificationAwsRequests, notificationResourceName } from "./aws";
import {
  apiDestinationRetries,
  InvalidWebhookUrlError,
  type Notification,
  NotificationRetryPolicy,
  notificationRules,
  validateWebhookUrl,
} from "./notifications";

const slack: Notification = {
  name: "deal-team",
  kind: "slack",
  url: "https://hooks.slack.com/services/T000/B000/XXXX",
  on: ["Profile.Changed", "Leadership.ChangeFiled"],
  detailFilter: { companyId: ["cik-0000320193"] },
};

describe("webhook URLs", () => {
  it.each([
    ["http://hooks.example.com/x", false],
    ["ftp://hooks.example.com/x", false],
    ["https://user:secret@hooks.example.com/x", false],
    ["not a url", false],
    ["https://hooks.example.com/x", true],
  ])("%s on AWS: accepted %s", (url, accepted) => {
    const check = () => validateWebhookUrl(url, { allowLoopbackHttp: false });
    if (accepted) expect(check()).toBeInstanceOf(URL);
    else expect(check).toThrow(InvalidWebhookUrlError);
  });

  it("accepts plain http only to loopback, and only locally", () => {
    expect(validateWebhookUrl("http://127.0.0.1:9000/hook", { allowLoopbackHttp: true }).port).toBe("9000");
    expect(() => validateWebhookUrl("http://10.0.0.5/hook", { allowLoopbackHttp: true })).toThrow(
      /127\.0\.0\.1/,
    );
    expect(() => validateWebhookUrl("http://127.0.0.1/hook", { allowLoopbackHttp: false })).toThrow(/HTTPS/);
  });
});

describe("a notification's rules", () => {
  it("is one rule per detail-type, narrowed by the filter, each with its message", () => {
    const rules = notificationRules(slack);
    expect(rules.map((rule) => [rule.name, rule.eventPattern])).toEqual([
      [
        "dossier-notify-deal-team-ProfileChanged",
        { "detail-type": ["Profile.Changed"], detail: { companyId: ["cik-0000320193"] } },
      ],
      [
        "dossier-notify-deal-team-LeadershipChangeFiled",
        { "detail-type": ["Leadership.ChangeFiled"], detail: { companyId: ["cik-0000320193"] } },
      ],
    ]);
    for (const rule of rules) {
      expect(rule.name.length).toBeLessThanOrEqual(64);
      // Every placeholder of the template has a path.
      const placeholders = [...(rule.inputTransformer?.inputTemplate ?? "").matchAll(/<([A-Za-z]+)>/g)].map(
        (match) => match[1],
      );
      expect(placeholders.length).toBeGreaterThan(0);
      for (const name of placeholders)
        expect(rule.inputTransformer?.inputPathsMap).toHaveProperty(name as string);
    }
  });

  it("sends the whole event to an http endpoint", () => {
    const [rule] = notificationRules({ ...slack, kind: "http", on: ["Batch.Completed"] });
    expect(rule?.inputTransformer).toBeUndefined();
  });
});

describe("on AWS", () => {
  const stage = {
    busName: "dossier-production-Bus",
    roleArn: "arn:aws:iam::123456789012:role/notify",
    deadLetterArn: "arn:aws:sqs:us-east-1:123456789012:notify-dlq",
  };

  it("is a connection, an API destination and rules whose targets transform, retry and dead-letter", () => {
    const requests = notificationAwsRequests(stage, slack, "k3y");
    expect(requests.connection).toMatchObject({
      Name: "dossier-production-Bus-deal-team",
      AuthorizationType: "API_KEY",
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyValue: "k3y" } },
    });
    expect(requests.destination("arn:conn")).toMatchObject({
      ConnectionArn: "arn:conn",
      InvocationEndpoint: slack.url,
      HttpMethod: "POST",
    });
    const [first] = requests.rules;
    expect(first?.rule).toMatchObject({ EventBusName: stage.busName, State: "ENABLED" });
    expect(JSON.parse(first?.rule.EventPattern ?? "{}")).toEqual(notificationRules(slack)[0]?.eventPattern);
    expect(first?.targets("arn:dest").Targets?.[0]).toEqual({
      Id: "webhook",
      Arn: "arn:dest",
      RoleArn: stage.roleArn,
      InputTransformer: {
        InputPathsMap: notificationRules(slack)[0]?.inputTransformer?.inputPathsMap,
        InputTemplate: notificationRules(slack)[0]?.inputTransformer?.inputTemplate,
      },
      RetryPolicy: {
        MaximumRetryAttempts: NotificationRetryPolicy.maximumRetryAttempts,
        MaximumEventAgeInSeconds: NotificationRetryPolicy.maximumEventAgeSeconds,
      },
      DeadLetterConfig: { Arn: stage.deadLetterArn },
    });
  });
});

describe("names on a stage", () => {
  const stage = (busName: string) => ({ busName, roleArn: "arn:role", deadLetterArn: "arn:dlq" });

  it("keeps the whole bus name, which the stage's role matches, and refuses a name that does not fit", () => {
    const busName = "dossier-production-BusBusabcdef12";

    expect(notificationResourceName(stage(busName), "deal-team")).toBe(`${busName}-deal-team`);
    expect(() => notificationResourceName(stage(busName), "a".repeat(32))).toThrow(
      NotificationNameTooLongError,
    );
    expect(() => notificationResourceName(stage(busName), "a".repeat(32))).toThrow(
      /leaves 30 for the notification's name/,
    );
  });
});

describe("which answers EventBridge retries", () => {
  it.each([
    [200, false],
    [301, false],
    [400, false],
    [401, true],
    [403, false],
    [404, false],
    [407, true],
    [409, true],
    [429, true],
    [500, true],
    [503, true],
  ])("HTTP %i: %s", (status, retried) => {
    expect(apiDestinationRetries(status)).toBe(retried);
  });
});
