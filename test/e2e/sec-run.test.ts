import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { ExtractionRequested, Sources, toPutEventsEntry } from "@dossier/events";
import type { LocalRuntime } from "@dossier/local/runtime";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  corpusDir,
  describeOnSharedCorpus,
  type EdgarFixtureServer,
  startEdgarFixtureServer,
} from "../shared-corpus";
import { recordEvents, TerminalTypes } from "../support";
import { startEdgarRuntime } from "./harness";

describeOnSharedCorpus("a SEC-only run through the embedded runtime", () => {
  let edgar: EdgarFixtureServer;
  let runtime: LocalRuntime;
  let events: ReturnType<typeof recordEvents>;

  beforeAll(async () => {
    edgar = await startEdgarFixtureServer({ corpusDir: corpusDir });
    runtime = await startEdgarRuntime(edgar);
    events = recordEvents(runtime);
  });

  afterAll(async () => {
    await runtime?.stop();
    await edgar?.close();
  });

  it("publishes through the SDK and ends Apple's run with exactly one terminal event and a profile in S3", async () => {
    const client = new EventBridgeClient({});
    const entry = toPutEventsEntry(
      ExtractionRequested,
      {
        runId: "run_apple_0001",
        company: { ticker: "AAPL" },
        parts: ["sec"],
        requestedAt: new Date().toISOString(),
      },
      { source: Sources.requests, busName: "dossier" },
    );
    const response = await client.send(new PutEventsCommand({ Entries: [entry] }));
    expect(response.FailedEntryCount).toBe(0);
    await runtime.drain();
    const terminal = events.filter((event) => TerminalTypes.has(event["detail-type"]));
    // The corpus has no Apple 10-K, so the officers are missing and the profile stays below 95 %.
    expect(terminal.map((event) => event["detail-type"])).toEqual(["Profile.Incomplete"]);
    const detail = terminal[0]?.detail as { profileKey: string; companyId: string; missing: string[] };
    expect(detail.companyId).toBe("ticker-aapl");
    expect(detail.missing).toEqual(["sec.executives"]);
    const s3 = new S3Client({});
    const profile = JSON.parse(
      (await (
        await s3.send(new GetObjectCommand({ Bucket: "dossier-profiles", Key: detail.profileKey }))
      ).Body?.transformToString()) ?? "{}",
    );
    const fy2025 = profile.financials.find((year: { fiscalYear: number }) => year.fiscalYear === 2025);
    expect(fy2025.revenue.value).toBe(416_161_000_000);
  });
});
