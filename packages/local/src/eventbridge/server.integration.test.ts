import {
  DescribeEventBusCommand,
  EventBridgeClient,
  ListRulesCommand,
  PutEventsCommand,
  TestEventPatternCommand,
} from "@aws-sdk/client-eventbridge";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalEventBus, type LocalEventBus } from "./bus";
import { MAX_ENTRY_BYTES } from "./envelope";
import { type EventBridgeServer, startEventBridgeServer } from "./server";
import type { EventEnvelope } from "./types";

const BUS = "dossier-bus";

let bus: LocalEventBus;
let server: EventBridgeServer;
let client: EventBridgeClient;

beforeEach(async () => {
  bus = createLocalEventBus({ busName: BUS });
  server = await startEventBridgeServer({ bus, port: 0, host: "127.0.0.1" });
  client = new EventBridgeClient({
    endpoint: server.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
});

afterEach(async () => {
  client.destroy();
  await server.close();
  await bus.stop();
});

const entry = (detail: unknown, overrides: Record<string, unknown> = {}) => ({
  Source: "dossier.test",
  DetailType: "Thing.Happened",
  Detail: typeof detail === "string" ? detail : JSON.stringify(detail),
  EventBusName: BUS,
  ...overrides,
});

describe("startEventBridgeServer with the AWS SDK", () => {
  it("answers PutEvents with an EventId per good entry and an ErrorCode per bad one", async () => {
    const result = await client.send(
      new PutEventsCommand({
        Entries: [entry({ n: 1 }), entry("{oops"), entry({ n: 2 }, { DetailType: undefined })],
      }),
    );

    expect(result.FailedEntryCount).toBe(2);
    expect(result.Entries?.[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.Entries?.[1]).toEqual({
      ErrorCode: "MalformedDetail",
      ErrorMessage: "Detail is malformed.",
    });
    expect(result.Entries?.[2]?.ErrorCode).toBe("InvalidArgument");
  });

  it("rejects more than 10 entries with a ValidationException", async () => {
    const eleven = Array.from({ length: 11 }, (_, n) => entry({ n }));

    await expect(client.send(new PutEventsCommand({ Entries: eleven }))).rejects.toMatchObject({
      name: "ValidationException",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it("fails an oversize entry on its own", async () => {
    const result = await client.send(
      new PutEventsCommand({ Entries: [entry({ pad: "x".repeat(MAX_ENTRY_BYTES) }), entry({ n: 1 })] }),
    );

    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries?.[0]?.ErrorCode).toBe("InvalidArgument");
    expect(result.Entries?.[1]?.EventId).toBeDefined();
  });

  it("keeps the Time sent by the SDK on the delivered envelope", async () => {
    const seen: EventEnvelope[] = [];
    bus.putRule({
      name: "things",
      eventPattern: { source: ["dossier.test"] },
      targets: [{ id: "t", invoke: async (event) => void seen.push(event) }],
    });

    await client.send(
      new PutEventsCommand({ Entries: [entry({ n: 1 }, { Time: new Date("2024-05-06T07:08:09Z") })] }),
    );
    await bus.drain();

    expect(seen.map((event) => event.time)).toEqual(["2024-05-06T07:08:09Z"]);
  });

  it("routes events that a target publishes through the endpoint to the next rule", async () => {
    // Prepare: rule A's target publishes a follow-up event that rule B receives.
    const received: string[] = [];
    bus.putRule({
      name: "requested",
      eventPattern: { "detail-type": ["Extraction.Requested"] },
      targets: [
        {
          id: "extractor",
          invoke: async (event) => {
            received.push(event["detail-type"]);
            await client.send(
              new PutEventsCommand({
                Entries: [entry(event.detail, { DetailType: "Extraction.PartCompleted" })],
              }),
            );
          },
        },
      ],
    });
    bus.putRule({
      name: "completed",
      eventPattern: { "detail-type": ["Extraction.PartCompleted"] },
      targets: [{ id: "merge", invoke: async (event) => void received.push(event["detail-type"]) }],
    });

    // Act
    await client.send(
      new PutEventsCommand({ Entries: [entry({ company: "AAPL" }, { DetailType: "Extraction.Requested" })] }),
    );
    await bus.drain();

    // Assess
    expect(received).toEqual(["Extraction.Requested", "Extraction.PartCompleted"]);
  });

  it("evaluates TestEventPattern and reports an invalid pattern as InvalidEventPatternException", async () => {
    const event = JSON.stringify({
      id: "e1",
      account: "000000000000",
      source: "dossier.test",
      time: "2025-01-01T00:00:00Z",
      region: "us-east-1",
      resources: [],
      "detail-type": "Thing.Happened",
      detail: { status: "succeeded" },
    });
    const test = (pattern: unknown) =>
      client.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: event }));

    expect((await test({ detail: { status: ["succeeded"] } })).Result).toBe(true);
    expect((await test({ detail: { status: ["failed"] } })).Result).toBe(false);
    await expect(test({ detail: { status: "succeeded" } })).rejects.toMatchObject({
      name: "InvalidEventPatternException",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it("lists rules and describes the bus", async () => {
    bus.putRule({ name: "things", eventPattern: { source: ["dossier.test"] }, targets: [] });

    const rules = await client.send(new ListRulesCommand({ EventBusName: BUS }));
    const description = await client.send(new DescribeEventBusCommand({ Name: BUS }));

    expect(rules.Rules).toEqual([
      expect.objectContaining({
        Name: "things",
        EventPattern: '{"source":["dossier.test"]}',
        State: "ENABLED",
      }),
    ]);
    expect(description).toMatchObject({
      Name: BUS,
      Arn: `arn:aws:events:us-east-1:000000000000:event-bus/${BUS}`,
    });
    await expect(client.send(new DescribeEventBusCommand({ Name: "other" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });

  it("answers an unsupported operation with UnknownOperationException in the AWS error shape", async () => {
    const response = await fetch(server.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSEvents.CreateEventBus" },
      body: "{}",
    });

    expect(response.status).toBe(400);
    expect(response.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
    expect(await response.json()).toMatchObject({ __type: "UnknownOperationException" });
  });

  it("resolves only real operations: AWSEvents.constructor is not one", async () => {
    for (const target of ["AWSEvents.constructor", "AWSEvents.toString", "AWSEvents.__proto__"]) {
      const response = await fetch(server.endpoint, {
        method: "POST",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": target },
        body: "{}",
      });
      expect(response.status, target).toBe(400);
      expect(await response.json()).toMatchObject({ __type: "UnknownOperationException" });
    }
  });

  it("accepts an entry without EventBusName on the default bus, which routes it nowhere", async () => {
    const delivered: EventEnvelope[] = [];
    bus.putRule({
      name: "everything",
      eventPattern: { source: ["dossier.test"] },
      targets: [{ id: "t", invoke: async (event) => void delivered.push(event) }],
    });

    const result = await client.send(
      new PutEventsCommand({ Entries: [entry({ n: 1 }, { EventBusName: undefined })] }),
    );
    const described = await client.send(new DescribeEventBusCommand({}));
    await bus.drain();

    expect(result.FailedEntryCount).toBe(0);
    expect(result.Entries?.[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(described.Name).toBe("default");
    expect(delivered).toEqual([]);
  });

  it("refuses, entry by entry, what AWS refuses: long Source or DetailType, too many resources, deep detail", async () => {
    const deep = `${"[".repeat(1001)}${"]".repeat(1001)}`;
    const result = await client.send(
      new PutEventsCommand({
        Entries: [
          entry({ n: 1 }, { Source: "s".repeat(257) }),
          entry({ n: 2 }, { DetailType: "d".repeat(129) }),
          entry({ n: 3 }, { Resources: Array.from({ length: 101 }, (_, index) => `arn:r:${index}`) }),
          entry(`{"deep":${deep}}`),
          entry({ n: 6 }, { Source: "s".repeat(256), DetailType: "d".repeat(128) }),
        ],
      }),
    );
    expect(result.Entries?.map((answer) => answer.ErrorCode ?? "ok")).toEqual([
      "InvalidArgument",
      "InvalidArgument",
      "InvalidArgument",
      "MalformedDetail",
      "ok",
    ]);
  });

  it("refuses an entry whose Time is not a timestamp, with the other entries accepted", async () => {
    const response = await fetch(server.endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSEvents.PutEvents" },
      body: JSON.stringify({ Entries: [entry({ n: 1 }, { Time: "not a time" }), entry({ n: 2 })] }),
    });
    const body = (await response.json()) as { Entries: { ErrorCode?: string; ErrorMessage?: string }[] };
    expect(response.status).toBe(200);
    expect(body.Entries.map((answer) => answer.ErrorCode ?? "ok")).toEqual(["InvalidArgument", "ok"]);
    expect(body.Entries[0]?.ErrorMessage).toMatch(/Time/);
  });

  it("refuses a detail nested deeper than AWS processes without failing the other entries", async () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const result = await client.send(
      new PutEventsCommand({ Entries: [entry(`{"deep":${deep}}`), entry({ n: 2 })] }),
    );
    expect(result.Entries?.map((answer) => answer.ErrorCode ?? "ok")).toEqual(["MalformedDetail", "ok"]);
  });

  it("treats a dotted key and the nested path as the same field, in patterns and in events", async () => {
    const delivered: string[] = [];
    bus.putRule({
      name: "dotted-pattern",
      eventPattern: { "detail.status": ["done"] },
      targets: [
        { id: "t", invoke: async (event) => void delivered.push(`pattern:${JSON.stringify(event.detail)}`) },
      ],
    });
    bus.putRule({
      name: "nested-pattern",
      eventPattern: { detail: { order: { state: ["paid"] } } },
      targets: [
        { id: "t", invoke: async (event) => void delivered.push(`event:${JSON.stringify(event.detail)}`) },
      ],
    });

    await client.send(
      new PutEventsCommand({ Entries: [entry({ status: "done" }), entry({ "order.state": "paid" })] }),
    );
    await bus.drain();

    expect(delivered.sort()).toEqual(['event:{"order.state":"paid"}', 'pattern:{"status":"done"}']);
    const tested = await client.send(
      new TestEventPatternCommand({
        EventPattern: JSON.stringify({ "detail.a.b": [1] }),
        Event: JSON.stringify({
          id: "1",
          account: "1",
          source: "s",
          time: "2026-01-01T00:00:00Z",
          region: "us-east-1",
          "detail-type": "t",
          detail: { "a.b": 1 },
        }),
      }),
    );
    expect(tested.Result).toBe(true);
  });
});
