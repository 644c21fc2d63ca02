import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { CreateScheduleCommand, SchedulerClient } from "@aws-sdk/client-scheduler";
import { describe, expect, it } from "vitest";
import { toCreateScheduleInput } from "./aws";
import { InvalidScheduleExpressionError, InvalidScheduleOptionsError, InvalidTimezoneError } from "./errors";

const spec = {
  name: "nightly-batch",
  expression: "cron(0 2 * * ? *)",
  timezone: "Europe/Paris",
  groupName: "dossier",
  busArn: "arn:aws:events:eu-west-1:123456789012:event-bus/dossier",
  roleArn: "arn:aws:iam::123456789012:role/dossier-scheduler",
  detailType: "Batch.Requested",
  source: "dossier.scheduler",
  detail: { companies: ["AAPL", "MSFT"], force: false },
};

describe("toCreateScheduleInput", () => {
  it("targets the event bus with the detail as input and no flexible window", () => {
    // Act
    const input = toCreateScheduleInput(spec);

    // Assess
    expect(input).toEqual({
      Name: "nightly-batch",
      GroupName: "dossier",
      ScheduleExpression: "cron(0 2 * * ? *)",
      ScheduleExpressionTimezone: "Europe/Paris",
      FlexibleTimeWindow: { Mode: "OFF" },
      State: "ENABLED",
      Target: {
        Arn: "arn:aws:events:eu-west-1:123456789012:event-bus/dossier",
        RoleArn: "arn:aws:iam::123456789012:role/dossier-scheduler",
        Input: '{"companies":["AAPL","MSFT"],"force":false}',
        EventBridgeParameters: { DetailType: "Batch.Requested", Source: "dossier.scheduler" },
      },
    });
  });

  it("serialises through the real Scheduler client into the CreateSchedule wire request", async () => {
    // Prepare: a loopback endpoint that records the request and answers like AWS.
    const requests: { method?: string; url?: string; body: string }[] = [];
    const server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on("end", () => {
        requests.push({ method: request.method, url: request.url, body });
        response.writeHead(200, { "content-type": "application/json" });
        response.end(
          JSON.stringify({ ScheduleArn: "arn:aws:scheduler:eu-west-1:123456789012:schedule/dossier/x" }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const client = new SchedulerClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: "eu-west-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });

    try {
      // Act
      const output = await client.send(
        new CreateScheduleCommand(
          toCreateScheduleInput({ ...spec, startDate: new Date("2025-01-15T10:00:00Z") }),
        ),
      );

      // Assess
      expect(output.ScheduleArn).toBe("arn:aws:scheduler:eu-west-1:123456789012:schedule/dossier/x");
      expect(requests).toHaveLength(1);
      expect(requests[0]?.method).toBe("POST");
      expect(requests[0]?.url).toBe("/schedules/nightly-batch");
      expect(JSON.parse(requests[0]?.body ?? "{}")).toMatchObject({
        GroupName: "dossier",
        ScheduleExpression: "cron(0 2 * * ? *)",
        ScheduleExpressionTimezone: "Europe/Paris",
        FlexibleTimeWindow: { Mode: "OFF" },
        StartDate: 1736935200,
        Target: {
          Arn: spec.busArn,
          RoleArn: spec.roleArn,
          Input: '{"companies":["AAPL","MSFT"],"force":false}',
          EventBridgeParameters: { DetailType: "Batch.Requested", Source: "dossier.scheduler" },
        },
      });
    } finally {
      client.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("passes startDate and endDate through for a rate schedule", () => {
    const startDate = new Date("2025-01-15T10:00:00Z");
    const endDate = new Date("2025-12-31T00:00:00Z");
    const input = toCreateScheduleInput({ ...spec, expression: "rate(6 hours)", startDate, endDate });
    expect([input.ScheduleExpression, input.StartDate, input.EndDate]).toEqual([
      "rate(6 hours)",
      startDate,
      endDate,
    ]);
  });

  it("rejects an invalid expression before AWS does", () => {
    expect(() => toCreateScheduleInput({ ...spec, expression: "cron(0 2 * * *)" })).toThrow(
      InvalidScheduleExpressionError,
    );
  });

  it("rejects an unknown time zone", () => {
    expect(() => toCreateScheduleInput({ ...spec, timezone: "Europe/Atlantis" })).toThrow(
      InvalidTimezoneError,
    );
  });

  it.each([
    [{ name: "nightly batch" }, 'name "nightly batch" must be 1-64 of [0-9a-zA-Z-_.]'],
    [{ name: "x".repeat(65) }, "must be 1-64"],
    [{ groupName: "" }, "groupName"],
    [{ busArn: "arn:aws:sqs:eu-west-1:123456789012:queue" }, "is not an event bus ARN"],
    [{ roleArn: "arn:aws:iam::123456789012:user/bob" }, "is not an IAM role ARN"],
    [{ detailType: "" }, "detailType must be 1-128 characters"],
    [{ source: "aws.events" }, 'must be 1-256 characters and not start with "aws."'],
    [
      { startDate: new Date("2025-02-01T00:00:00Z"), endDate: new Date("2025-01-01T00:00:00Z") },
      "startDate is after endDate",
    ],
  ])("rejects %j", (override, reason) => {
    expect(() => toCreateScheduleInput({ ...spec, ...override })).toThrow(InvalidScheduleOptionsError);
    expect(() => toCreateScheduleInput({ ...spec, ...override })).toThrow(reason);
  });
});
