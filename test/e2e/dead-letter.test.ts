import { EventBridgeClient, ListRulesCommand, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import type { EventEnvelope } from "@dossier/local/eventbridge";
import { LocalResourceNames, type LocalRuntime, startLocalRuntime } from "@dossier/local/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const probeSource = "dossier.tests";

/** A PutEvents entry of the probe event this file routes with its own rules. */
function probe(detailType: string, detail: Record<string, unknown>, time?: Date) {
  return {
    EventBusName: LocalResourceNames.bus,
    Source: probeSource,
    DetailType: detailType,
    Detail: JSON.stringify(detail),
    ...(time ? { Time: time } : {}),
  };
}

describe("delivery guarantees of the runtime's EventBridge endpoint, through the AWS SDK", () => {
  let runtime: LocalRuntime;
  let client: EventBridgeClient;
  const handled: EventEnvelope[] = [];
  const flakyAttempts: EventEnvelope[] = [];
  let flakyBroken = true;

  beforeAll(async () => {
    runtime = await startLocalRuntime({ retryBaseDelayMs: 10, sweepIntervalMs: 0 });
    runtime.bus.putRule({
      name: "tests-handler",
      eventPattern: { source: [probeSource], "detail-type": ["Probe.Handled"] },
      targets: [{ id: "recorder", invoke: async (event) => void handled.push(event) }],
    });
    runtime.bus.putRule({
      name: "tests-flaky",
      eventPattern: { source: [probeSource], "detail-type": ["Probe.Flaky"] },
      targets: [
        {
          id: "flaky",
          retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 60 },
          invoke: async (event) => {
            flakyAttempts.push(event);
            if (flakyBroken) throw new Error("downstream is down");
          },
        },
      ],
    });
    client = new EventBridgeClient({});
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  it("lists the custom rules next to the shared ones", async () => {
    const rules = await client.send(
      new ListRulesCommand({ EventBusName: LocalResourceNames.bus, NamePrefix: "tests-" }),
    );
    expect(rules.Rules?.map((rule) => rule.Name).sort()).toEqual(["tests-flaky", "tests-handler"]);
  });

  it("delivers a published event to the rule's target as an EventBridge envelope", async () => {
    const response = await client.send(
      new PutEventsCommand({ Entries: [probe("Probe.Handled", { order: 1 })] }),
    );
    expect(response.FailedEntryCount).toBe(0);
    const eventId = response.Entries?.[0]?.EventId;
    await runtime.drain();
    expect(handled).toHaveLength(1);
    expect(handled[0]).toMatchObject({
      version: "0",
      id: eventId,
      "detail-type": "Probe.Handled",
      source: probeSource,
      account: "000000000000",
      region: "us-east-1",
      detail: { order: 1 },
    });
  });

  it("retries a failing target as its retry policy allows, then dead-letters the event", async () => {
    const response = await client.send(
      new PutEventsCommand({ Entries: [probe("Probe.Flaky", { order: 2 })] }),
    );
    // PutEvents answers before any target runs: the failure is the target's, not the publisher's.
    expect(response.FailedEntryCount).toBe(0);
    await runtime.drain();
    expect(flakyAttempts).toHaveLength(3);
    const letters = runtime.bus.listDeadLetters().filter((letter) => letter.ruleName === "tests-flaky");
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      targetId: "flaky",
      attempts: 3,
      errorMessage: expect.stringContaining("downstream is down"),
      event: { id: response.Entries?.[0]?.EventId, detail: { order: 2 } },
    });
  });

  it("redrives the dead letter once the target is fixed, and the letter leaves the store", async () => {
    flakyBroken = false;
    const result = await runtime.bus.redriveDeadLetters({ ruleName: "tests-flaky" });
    expect(result).toEqual({ attempted: 1, redelivered: 1, failed: 0 });
    expect(flakyAttempts).toHaveLength(4);
    expect(flakyAttempts[3]?.detail).toEqual({ order: 2 });
    expect(runtime.bus.listDeadLetters().filter((letter) => letter.ruleName === "tests-flaky")).toEqual([]);
  });

  it("replays an archived time range to the chosen rule, marking each event with the replay name", async () => {
    const base = Date.UTC(2026, 0, 15, 12, 0, 0);
    const at = (minutes: number) => new Date(base + minutes * 60_000);
    const response = await client.send(
      new PutEventsCommand({
        Entries: [
          probe("Probe.Handled", { order: 10 }, at(0)),
          probe("Probe.Handled", { order: 11 }, at(5)),
          probe("Probe.Handled", { order: 12 }, at(10)),
        ],
      }),
    );
    expect(response.FailedEntryCount).toBe(0);
    await runtime.drain();
    handled.length = 0;

    const archived = await runtime.bus.listArchive({ from: at(0), to: at(10) });
    expect(archived.map((event) => event.detail.order)).toEqual([10, 11]);
    const replay = await runtime.bus.replay({
      from: at(0),
      to: at(10),
      ruleNames: ["tests-handler"],
      name: "replay-orders",
    });
    await runtime.drain();
    expect(replay).toEqual({ replayName: "replay-orders", eventsInRange: 2, deliveries: 2 });
    const replayed = handled.map((event) => [event.detail.order, event["replay-name"]]);
    expect(replayed.sort()).toEqual([
      [10, "replay-orders"],
      [11, "replay-orders"],
    ]);
  });
});
