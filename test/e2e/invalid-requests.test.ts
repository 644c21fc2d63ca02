import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { ExtractionFailed, ExtractionRequested, parseDetail } from "@dossier/events";
import { type DemoFixtureServer, generateDemoDataset } from "@dossier/local/demo";
import type { EventEnvelope } from "@dossier/local/eventbridge";
import { LocalResourceNames, type LocalRuntime } from "@dossier/local/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoRuntime, terminalsByRun } from "./harness";

const dataset = generateDemoDataset();
const [first, second] = dataset.companies.filter((company) => company.sec?.tickers[0]);
if (!first?.sec || !second?.sec) throw new Error("the demo data set has two listed companies");
const requestedAt = () => new Date().toISOString();

/** An Extraction.Requested entry from another system, with whatever detail it chose to send. */
function request(detail: Record<string, unknown>): PutEventsRequestEntry {
  return {
    EventBusName: LocalResourceNames.bus,
    Source: "acme.crm",
    DetailType: ExtractionRequested.detailType,
    Detail: JSON.stringify(detail),
  };
}

describe("requests the pipeline cannot run, published through the EventBridge endpoint", () => {
  let fixture: DemoFixtureServer;
  let runtime: LocalRuntime;
  let events: EventEnvelope[];
  const client = new EventBridgeClient({});

  async function publish(entries: PutEventsRequestEntry[]): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < entries.length; start += 10) {
      const response = await client.send(new PutEventsCommand({ Entries: entries.slice(start, start + 10) }));
      expect(response.FailedEntryCount).toBe(0);
      ids.push(...(response.Entries ?? []).map((entry) => String(entry.EventId)));
    }
    await runtime.drain();
    return ids;
  }

  function failureOf(runId: string) {
    const terminals = terminalsByRun(events).get(runId) ?? [];
    expect(
      terminals.map((event) => event["detail-type"]),
      runId,
    ).toEqual([ExtractionFailed.detailType]);
    return parseDetail(ExtractionFailed, terminals[0]?.detail);
  }

  beforeAll(async () => {
    ({ fixture, runtime, events } = await startDemoRuntime(dataset));
  });

  afterAll(async () => {
    await runtime?.stop();
    await fixture?.close();
  });

  const invalid: [string, Record<string, unknown>, RegExp][] = [
    [
      "a company without a ticker, CIK or name",
      { name: undefined },
      /company: a company needs a ticker, a CIK or a name/,
    ],
    ["a file: website", { website: "file:///etc/passwd" }, /not file:/],
    ["a gopher: website", { website: "gopher://acme.example/" }, /not gopher:/],
    ["an ftp: website", { website: "ftp://acme.example/" }, /not ftp:/],
    ["a javascript: website", { website: "javascript:alert(1)" }, /not javascript:/],
    ["a data: website", { website: "data:text/html,hi" }, /not data:/],
    ["a bare host", { website: "acme.example" }, /write it as https:\/\/acme\.example/],
    ["http:// alone", { website: "http://" }, /needs a host/],
    ["port 99999", { website: "https://acme.example:99999/" }, /check the host and port/],
    ["a zone-id IPv6 literal", { website: "http://[fe80::1%25eth0]/" }, /zone id/],
    ["a 10,000-character name", { name: "N".repeat(10_000) }, /company\.name: /],
    ["a CIK that is not a CIK", { cik: "CIK-320193" }, /company\.cik: /],
  ];

  it("ends each invalid request in exactly one Extraction.Failed with the reason, without retries", async () => {
    const cases = [
      ...invalid.map(([name, company, reason], index) => ({
        name,
        runId: `run_invalid_${String(index).padStart(4, "0")}`,
        detail: { company: { name: "Acme", ...company }, requestedAt: requestedAt() },
        reason,
      })),
      {
        name: "empty parts",
        runId: "run_invalid_parts_empty",
        detail: { company: { name: "Acme" }, parts: [], requestedAt: requestedAt() },
        reason: /parts: /,
      },
      {
        name: "unknown parts",
        runId: "run_invalid_parts_unknown",
        detail: { company: { name: "Acme" }, parts: ["patents"], requestedAt: requestedAt() },
        reason: /parts\.0: /,
      },
    ];
    const before = runtime.bus.stats();

    await publish(cases.map((entry) => request({ runId: entry.runId, ...entry.detail })));

    for (const entry of cases) {
      const failure = failureOf(entry.runId);
      expect(failure.code, entry.name).toBe("invalid-request");
      expect(failure.reason, entry.name).toMatch(entry.reason);
    }
    const after = runtime.bus.stats();
    expect(after.retries - before.retries).toBe(0);
    expect(after.deadLettered - before.deadLettered).toBe(0);
  });

  it("answers a request without a usable runId under the EventId PutEvents returned", async () => {
    const [eventId] = await publish([request({ company: { name: "Acme" }, requestedAt: requestedAt() })]);

    const failure = failureOf(`evt-${eventId}`);

    expect(failure).toMatchObject({ code: "invalid-request", requestEventId: eventId });
    expect(failure.reason).toMatch(/runId: /);
  });

  it("refuses a run id reused for another company with its own outcome, and the first run ends as its own", async () => {
    const runId = "run_reused_0001";
    await publish([
      request({ runId, company: { cik: first.sec?.cik }, parts: ["sec"], requestedAt: requestedAt() }),
    ]);
    const [eventId] = await publish([
      request({ runId, company: { cik: second.sec?.cik }, parts: ["sec"], requestedAt: requestedAt() }),
    ]);

    const refusal = failureOf(`evt-${eventId}`);
    const firstRun = terminalsByRun(events).get(runId) ?? [];

    expect(refusal).toMatchObject({ code: "run-id-in-use", requestEventId: eventId });
    expect(refusal.reason).toMatch(new RegExp(`runId ${runId} is already used by a request for cik-`));
    expect(firstRun).toHaveLength(1);
    expect(firstRun[0]?.detail).toMatchObject({
      companyId: `cik-${String(first.sec?.cik).padStart(10, "0")}`,
    });
  });

  it("refuses identifiers that name two companies before anything is extracted or stored", async () => {
    const runId = "run_disagree_0001";
    const secondId = `cik-${String(second.sec?.cik).padStart(10, "0")}`;

    await publish([
      request({
        runId,
        company: { ticker: first.sec?.tickers[0], cik: second.sec?.cik },
        requestedAt: requestedAt(),
      }),
    ]);

    const failure = failureOf(runId);
    expect(failure.code).toBe("identifiers-disagree");
    expect(failure.reason).toMatch(
      new RegExp(`ticker ${first.sec?.tickers[0]} is CIK \\d+ .*not CIK ${second.sec?.cik}`),
    );
    expect(
      events.filter(
        (event) => event["detail-type"] === "Extraction.PartCompleted" && event.detail.runId === runId,
      ),
    ).toEqual([]);
    const stored = await new S3Client({}).send(
      new ListObjectsV2Command({
        Bucket: LocalResourceNames.bucket,
        Prefix: `profiles/${secondId}/runs/${runId}/`,
      }),
    );
    expect(stored.KeyCount ?? 0).toBe(0);
  });
});
