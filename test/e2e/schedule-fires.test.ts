import { type DemoFixtureServer, generateDemoDataset, startDemoFixtureServer } from "@dossier/local/demo";
import { type LocalRuntime, startLocalRuntime } from "@dossier/local/runtime";
import { scheduleStore, startScheduleRunner } from "@dossier/local/scheduler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordEvents } from "../support";

describe("local schedules", () => {
  let server: DemoFixtureServer;
  let runtime: LocalRuntime;
  let events: ReturnType<typeof recordEvents>;

  beforeAll(async () => {
    server = await startDemoFixtureServer({ dataset: generateDemoDataset() });
    runtime = await startLocalRuntime({
      sweepIntervalMs: 0,
      environment: {
        DOSSIER_SEC_DATA_URL: server.secDataUrl,
        DOSSIER_SEC_WWW_URL: server.secWwwUrl,
        DOSSIER_SEC_USER_AGENT: "dossier-tests tests@example.com",
        POWERTOOLS_LOG_LEVEL: "SILENT",
      },
    });
    events = recordEvents(runtime);
  });

  afterAll(async () => {
    await runtime?.stop();
    await server?.close();
  });

  it("fires an at() schedule on time as a Batch.Requested that runs to Batch.Completed", async () => {
    // Prepare: a one-time schedule two seconds from now (at() has whole seconds, in UTC).
    const fireAt = new Date(Math.ceil((Date.now() + 2000) / 1000) * 1000);
    const expression = `at(${fireAt.toISOString().slice(0, 19)})`;
    await scheduleStore()
      .create({
        name: "in-two-seconds",
        expression,
        timezone: "UTC",
        companies: [{ cik: "9900001" }, { cik: "9900002" }],
        parts: ["sec"],
        enabled: true,
        createdAt: Date.now(),
      })
      .go();
    // Act
    const scheduler = await startScheduleRunner();
    const completed = await new Promise<{ time: number; detail: Record<string, unknown> }>((resolve) => {
      runtime.onEvent((event) => {
        if (event["detail-type"] === "Batch.Completed") resolve({ time: Date.now(), detail: event.detail });
      });
    });
    await scheduler.stop();
    // Assess
    const requested = events.find((event) => event["detail-type"] === "Batch.Requested");
    expect(requested?.source).toBe("dossier.scheduler");
    expect((requested?.detail as { scheduleName?: string } | undefined)?.scheduleName).toBe("in-two-seconds");
    expect(Date.parse(requested?.time ?? "")).toBeGreaterThanOrEqual(fireAt.getTime() - 1000);
    expect(completed.detail).toMatchObject({ total: 2, completed: 2 });
    const stored = await scheduleStore().get({ name: "in-two-seconds" }).go();
    expect(stored.data?.lastFiredAt).toBe(fireAt.getTime());
  }, 30_000);
});
