import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NotificationRetryPolicy } from "@dossier/core/notify";
import { BatchCompleted, ExtractionFailed, ProfileChanged, toPutEventsEntry } from "@dossier/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleDetails } from "../../../../events/test/samples";
import { createLocalEventBus } from "../eventbridge";
import { createInstantClock } from "../eventbridge/instant-clock";
import { subscribeNotifications } from "./webhook-targets";

/** A webhook receiver on loopback whose answers each test scripts per path. */
function startReceiver() {
  const received = new Map<string, string[]>();
  const answers = new Map<string, number[]>();
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    request.on("end", () => {
      const path = request.url ?? "/";
      received.set(path, [...(received.get(path) ?? []), body]);
      const script = answers.get(path) ?? [];
      const status = script.length > 1 ? (script.shift() as number) : (script[0] ?? 200);
      response.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "no");
    });
  });
  return { server, received, answers };
}

describe("notifications through the embedded bus", () => {
  const receiver = startReceiver();
  let base = "";

  beforeAll(async () => {
    receiver.server.listen(0, "127.0.0.1");
    await once(receiver.server, "listening");
    base = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    receiver.server.close();
  });

  function newBus() {
    const clock = createInstantClock();
    return createLocalEventBus({
      busName: "notify-test",
      now: clock.now,
      timers: clock.timers,
      random: () => 0.5,
    });
  }

  it("posts a Slack message shaped by the input transformer, and hostile values stay text", async () => {
    const bus = newBus();
    subscribeNotifications(bus, [
      { name: "team", kind: "slack", url: `${base}/slack`, on: ["Profile.Changed"] },
    ]);
    const summary = 'CEO "left" <!channel> \\ </script>\u2028done';

    await bus.putEvents([
      toPutEventsEntry(ProfileChanged, { ...sampleDetails["Profile.Changed"], summary } as never, {
        source: "dossier.merge",
        busName: "notify-test",
      }),
    ]);
    await bus.drain();

    const [body] = receiver.received.get("/slack") ?? [];
    expect(JSON.parse(body ?? "null")).toEqual({
      blocks: [
        { type: "header", text: { type: "plain_text", text: "Profile changed: cik-0009900001" } },
        { type: "section", text: { type: "plain_text", text: `${summary} (run run_0002abcd)` } },
      ],
    });
    await bus.stop();
  });

  it("retries what EventBridge retries (a 500) until the webhook takes it", async () => {
    const bus = newBus();
    receiver.answers.set("/flaky", [500, 503, 200]);
    subscribeNotifications(bus, [
      { name: "ops", kind: "http", url: `${base}/flaky`, on: ["Extraction.Failed"] },
    ]);

    await bus.putEvents([
      toPutEventsEntry(ExtractionFailed, sampleDetails["Extraction.Failed"] as never, {
        source: "dossier.merge",
        busName: "notify-test",
      }),
    ]);
    await bus.drain();

    const bodies = receiver.received.get("/flaky") ?? [];
    expect(bodies).toHaveLength(3);
    expect(JSON.parse(bodies[2] ?? "null")).toMatchObject({ "detail-type": "Extraction.Failed" });
    expect(bus.listDeadLetters()).toEqual([]);
    await bus.stop();
  });

  it("sends what EventBridge does not retry (a 400) to the dead letters after one attempt", async () => {
    const bus = newBus();
    receiver.answers.set("/gone", [400]);
    subscribeNotifications(bus, [
      { name: "old", kind: "teams", url: `${base}/gone`, on: ["Batch.Completed"] },
    ]);

    await bus.putEvents([
      toPutEventsEntry(BatchCompleted, sampleDetails["Batch.Completed"] as never, {
        source: "dossier.batch",
        busName: "notify-test",
      }),
    ]);
    await bus.drain();

    expect(receiver.received.get("/gone")).toHaveLength(1);
    expect(bus.listDeadLetters()).toEqual([
      expect.objectContaining({
        ruleName: "dossier-notify-old-BatchCompleted",
        targetId: "webhook",
        attempts: 1,
        errorMessage: expect.stringMatching(/HTTP 400/),
      }),
    ]);
    await bus.stop();
  });

  it("dead-letters a webhook that keeps failing once the retry policy is spent", async () => {
    const bus = newBus();
    receiver.answers.set("/down", [502]);
    subscribeNotifications(bus, [
      { name: "down", kind: "http", url: `${base}/down`, on: ["Batch.Completed"] },
    ]);

    await bus.putEvents([
      toPutEventsEntry(BatchCompleted, sampleDetails["Batch.Completed"] as never, {
        source: "dossier.batch",
        busName: "notify-test",
      }),
    ]);
    await bus.drain();

    const [letter] = bus.listDeadLetters();
    expect(letter?.errorMessage).toMatch(/HTTP 502/);
    // A day of retries with backoff: the age limit ends them before 185 attempts.
    expect(letter?.attempts).toBeGreaterThan(2);
    expect(letter?.attempts).toBeLessThanOrEqual(NotificationRetryPolicy.maximumRetryAttempts + 1);
    await bus.stop();
  });

  it("takes the rules of a removed notification off the bus and leaves the others", () => {
    const bus = newBus();
    bus.putRule({ name: "sec-extractor", eventPattern: { source: ["x"] }, targets: [] });
    subscribeNotifications(bus, [
      { name: "a", kind: "http", url: `${base}/a`, on: ["Batch.Completed", "Profile.Changed"] },
    ]);
    subscribeNotifications(bus, []);
    expect(bus.listRules().map((rule) => rule.name)).toEqual(["sec-extractor"]);
  });
});
