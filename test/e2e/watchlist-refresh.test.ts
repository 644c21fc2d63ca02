import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { newBatchId } from "@dossier/core/pipeline";
import { createStore } from "@dossier/core/store";
import { BatchCompleted, BatchRequested, Sources, toPutEventsEntry } from "@dossier/events";
import { type DemoFixtureServer, generateDemoDataset, renderEightK } from "@dossier/local/demo";
import type { EventEnvelope } from "@dossier/local/eventbridge";
import { LocalResourceNames, type LocalRuntime } from "@dossier/local/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoRuntime } from "./harness";

const dataset = generateDemoDataset();
const watched = dataset.companies.filter((company) => company.sec && company.site).slice(0, 6);
const cik10 = (cik: number) => String(cik).padStart(10, "0");
const [filer, ...quiet] = watched;
if (!filer?.sec || quiet.length < 5) throw new Error("the demo data set has six registrants with websites");

describe("a watchlist refreshed at the SEC's limit", () => {
  let fixture: DemoFixtureServer;
  let runtime: LocalRuntime;
  let events: EventEnvelope[];

  async function refresh(requestedAt: Date): Promise<string> {
    const batchId = newBatchId(requestedAt);
    await new EventBridgeClient({}).send(
      new PutEventsCommand({
        Entries: [
          toPutEventsEntry(
            BatchRequested,
            { batchId, watchlist: "portfolio", requestedAt: requestedAt.toISOString() },
            { source: Sources.scheduler, busName: LocalResourceNames.bus },
          ),
        ],
      }),
    );
    await runtime.drain();
    return batchId;
  }

  const completed = (batchId: string) =>
    events.filter(
      (event) => event["detail-type"] === BatchCompleted.detailType && event.detail.batchId === batchId,
    );

  beforeAll(async () => {
    ({ fixture, runtime, events } = await startDemoRuntime(dataset));
    const store = createStore({ client: new DynamoDBClient({}), table: LocalResourceNames.table });
    await store.watchlists.add(
      "portfolio",
      watched.map((company) => ({
        companyId: `cik-${cik10(company.sec?.cik ?? 0)}`,
        company: { cik: cik10(company.sec?.cik ?? 0), website: fixture.siteUrl(company.key) },
      })),
      Date.now(),
    );
  });

  afterAll(async () => {
    await runtime?.stop();
    await fixture?.close();
  });

  it("asks SEC again only about the company that filed, reads its 8-K and announces the leadership change", async () => {
    const first = await refresh(new Date());
    expect(completed(first)).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ total: 6, completed: 6 }) }),
    ]);

    // The first business day from yesterday on: inside the window the first refresh left, whatever the weekday.
    let at = Date.now() - 86_400_000;
    while ([0, 6].includes(new Date(at).getUTCDay())) at += 86_400_000;
    const filedOn = new Date(at).toISOString().slice(0, 10);
    const accession = `${cik10(filer.sec?.cik ?? 0)}-26-000042`;
    fixture.file({
      form: "8-K",
      companyName: filer.name,
      cik: filer.sec?.cik ?? 0,
      day: filedOn,
      accessionNumber: accession,
      text: renderEightK({
        cik: filer.sec?.cik ?? 0,
        companyName: filer.name,
        accessionNumber: accession,
        day: filedOn,
        changes: [{ person: "Priya Raman", change: "appointed", role: "Chief Financial Officer" }],
      }),
    });
    const before = fixture.requestLog.length;
    // Three days on, that day's daily index is out.
    const second = await refresh(new Date(Date.now() + 3 * 86_400_000));
    const secRequests = fixture.requestLog.slice(before).filter((entry) => entry.route !== "site");

    // Only the filer needs a run: the others' SEC data is unchanged and their website parts are cached.
    expect(completed(second)).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ total: 1, completed: 1, unchanged: 5 }) }),
    ]);
    for (const company of quiet) {
      const cik = cik10(company.sec?.cik ?? 0);
      expect(secRequests.filter((entry) => entry.path.includes(cik)).map((entry) => entry.path)).toEqual([]);
    }
    expect(secRequests.filter((entry) => entry.path.includes("company_tickers"))).toEqual([]);
    expect(secRequests.some((entry) => entry.path.includes(`CIK${cik10(filer.sec?.cik ?? 0)}`))).toBe(true);
    const indexDays = secRequests.filter((entry) => entry.path.includes("/daily-index/"));
    expect(indexDays.length).toBeGreaterThan(0);
    expect(indexDays.length).toBeLessThanOrEqual(5);

    const filed = events.filter((event) => event["detail-type"] === "Leadership.ChangeFiled");
    expect(filed).toEqual([
      expect.objectContaining({
        source: Sources.filings,
        detail: expect.objectContaining({
          companyId: `cik-${cik10(filer.sec?.cik ?? 0)}`,
          accessionNumber: accession,
          filingDate: filedOn,
          items: expect.arrayContaining(["5.02"]),
          changes: [
            expect.objectContaining({
              person: "Priya Raman",
              change: "appointed",
              role: "Chief Financial Officer",
            }),
          ],
          summary: "Priya Raman appointed Chief Financial Officer",
        }),
      }),
    ]);
    // The same content read again: no profile changed.
    expect(events.filter((event) => event["detail-type"] === "Profile.Changed")).toEqual([]);
  });

  it("completes a refresh with nothing new at once, reading each day's index from SEC only once", async () => {
    const before = fixture.requestLog.length;
    const third = await refresh(new Date(Date.now() + 3 * 86_400_000 + 60_000));
    const requests = fixture.requestLog.slice(before);

    expect(completed(third)).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ total: 0, unchanged: 6 }) }),
    ]);
    expect(requests.filter((entry) => entry.route === "sec-data")).toEqual([]);
    // The days read before are kept in the bucket; only a day too recent to be sure of is asked again.
    expect(requests.filter((entry) => entry.path.includes("/daily-index/")).length).toBeLessThanOrEqual(1);
    // The 8-K was announced once, though its day's index was read again.
    expect(events.filter((event) => event["detail-type"] === "Leadership.ChangeFiled")).toHaveLength(1);
  });
});
