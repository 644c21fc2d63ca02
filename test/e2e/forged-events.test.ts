import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { ExtractionPartCompleted, ExtractionRequested, Sources, toPutEventsEntry } from "@dossier/events";
import { type DemoFixtureServer, generateDemoDataset } from "@dossier/local/demo";
import type { EventEnvelope } from "@dossier/local/eventbridge";
import { LocalResourceNames, type LocalRuntime } from "@dossier/local/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoRuntime, terminalsByRun } from "./harness";

const dataset = generateDemoDataset();
const [victim, other] = dataset.companies.filter((company) => company.sec);
if (!victim?.sec || !other?.sec) throw new Error("the demo data set has two registrants");
const victimId = `cik-${String(victim.sec.cik).padStart(10, "0")}`;
const otherId = `cik-${String(other.sec.cik).padStart(10, "0")}`;

describe("a publisher outside dossier forging its internal events", () => {
  let fixture: DemoFixtureServer;
  let runtime: LocalRuntime;
  let events: EventEnvelope[];
  // What another process gets from dev.env: the endpoint and credentials, not the runtime's token.
  let outsider: EventBridgeClient;

  async function latestOf(companyId: string): Promise<string> {
    const object = await new S3Client({}).send(
      new GetObjectCommand({ Bucket: LocalResourceNames.bucket, Key: `profiles/${companyId}/latest.json` }),
    );
    return (await object.Body?.transformToString()) ?? "";
  }

  beforeAll(async () => {
    ({ fixture, runtime, events } = await startDemoRuntime(dataset));
    outsider = new EventBridgeClient({
      endpoint: runtime.endpoints.eventBridge,
      region: "us-east-1",
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    for (const [runId, company] of [
      ["run_victim_0001", victim],
      ["run_other_0001", other],
    ] as const) {
      await new EventBridgeClient({}).send(
        new PutEventsCommand({
          Entries: [
            toPutEventsEntry(
              ExtractionRequested,
              {
                runId,
                company: { cik: String(company.sec?.cik) },
                parts: ["sec"],
                requestedAt: new Date().toISOString(),
              },
              { source: Sources.requests, busName: LocalResourceNames.bus },
            ),
          ],
        }),
      );
    }
    await runtime.drain();
  });

  afterAll(async () => {
    await runtime?.stop();
    await fixture?.close();
  });

  const forgedPart = {
    runId: "run_victim_0001",
    companyId: victimId,
    company: { cik: "1" },
    part: "leadership" as const,
    partsExpected: ["sec" as const, "leadership" as const],
    status: "succeeded" as const,
    completeness: 100,
    cached: false,
    s3Key: `profiles/${otherId}/runs/run_other_0001/sec.json`,
    durationMs: 1,
    requestedAt: new Date().toISOString(),
  };

  it("is refused with AccessDeniedException when it uses one of dossier's internal sources", async () => {
    const entry = toPutEventsEntry(ExtractionPartCompleted, forgedPart, {
      source: Sources.sec,
      busName: LocalResourceNames.bus,
    });

    const refused = await outsider
      .send(new PutEventsCommand({ Entries: [entry] }))
      .catch((error: Error) => error);

    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).name).toBe("AccessDeniedException");
    expect((refused as Error).message).toMatch(
      /not authorized to perform events:PutEvents with source dossier\.sec/,
    );
  });

  it("reaches no merge under its own source, and the victim's profile is unchanged", async () => {
    const before = await latestOf(victimId);
    const entry = toPutEventsEntry(ExtractionPartCompleted, forgedPart, {
      source: "acme.crm",
      busName: LocalResourceNames.bus,
    });

    const accepted = await outsider.send(new PutEventsCommand({ Entries: [entry] }));
    await runtime.drain();

    expect(accepted.FailedEntryCount).toBe(0);
    expect(await latestOf(victimId)).toBe(before);
    expect(terminalsByRun(events).get("run_victim_0001")).toHaveLength(1);
  });

  it("lets requesters publish with dossier.requests from outside", async () => {
    const accepted = await outsider.send(
      new PutEventsCommand({
        Entries: [
          toPutEventsEntry(
            ExtractionRequested,
            {
              runId: "run_outside_0001",
              company: { cik: String(other.sec?.cik) },
              parts: ["sec"],
              requestedAt: new Date().toISOString(),
            },
            { source: Sources.requests, busName: LocalResourceNames.bus },
          ),
        ],
      }),
    );
    await runtime.drain();
    expect(accepted.FailedEntryCount).toBe(0);
    expect(terminalsByRun(events).get("run_outside_0001")).toHaveLength(1);
  });
});
