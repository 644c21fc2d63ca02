import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import type { PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { LeadershipChangeFiled } from "@dossier/events";
import { startLocalStore } from "@dossier/local/dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeEach, expect, it } from "vitest";
import { corpusDir, describeOnSharedCorpus, recordedToolResponse } from "../../../../test/shared-corpus";
import { EightKToolName } from "../sec/filings";
import { announceLeadershipFilings } from "./leadership-filings";
import type { RefreshRequest } from "./watchlist-refresh";

const { table, store } = await startLocalStore();
afterAll(() => table.close());

const Unusual =
  "On March 3, 2026, the Board accepted the decision of Dana Whitfield to relinquish her duties as Chief Operating Officer, effective March 31, 2026.";
const Plain =
  "On March 3, 2026, the Board appointed Priya Raman as Chief Financial Officer, effective immediately.";
const eightK = (...sentences: string[]) =>
  `<html><body><p>Item 5.02 Departure of Directors or Certain Officers.</p>${sentences
    .map((sentence) => `<p>${sentence}</p>`)
    .join("")}<p>Item 9.01 Financial Statements and Exhibits.</p></body></html>`;

let accession = 100;
/** A refresh request for a company that filed one 8-K, whose document is `document`. */
function filed(document: string) {
  const number = `0000950170-26-${String(++accession).padStart(6, "0")}`;
  const fileName = `edgar/data/1234567/${number}.txt`;
  const request: RefreshRequest = {
    company: { cik: "0001234567", name: "Harbor Lane Foods" },
    companyId: "cik-0001234567",
    force: true,
    newFilings: [{ day: "2026-03-04", form: "8-K", fileName }],
  };
  const sec = {
    wwwBaseUrl: "https://www.sec.gov",
    getDocument: async (url: string) => {
      expect(url).toBe(`https://www.sec.gov/Archives/${fileName}`);
      return document;
    },
  };
  return { request, sec };
}

async function announce(document: string, model?: Parameters<typeof announceLeadershipFilings>[4]) {
  const published: PutEventsRequestEntry[] = [];
  const { request, sec } = filed(document);
  const context = {
    store,
    busName: "bus",
    now: () => new Date("2026-03-05T06:00:00Z"),
    publish: async (entries: PutEventsRequestEntry[]) => void published.push(...entries),
  };
  await announceLeadershipFilings(context, sec, [request], { batchId: "batch_1", watchlist: "core" }, model);
  expect(published).toHaveLength(1);
  return LeadershipChangeFiled.schema.parse(JSON.parse(published[0]?.Detail ?? "{}"));
}

describeOnSharedCorpus("8-K Item 5.02 with the Bedrock fallback", () => {
  const bedrock = mockClient(BedrockRuntimeClient);
  beforeEach(() => bedrock.reset());
  const model = () => ({ client: new BedrockRuntimeClient({ region: "us-east-1" }), modelId: "model-a" });

  it("asks the model only for wording the patterns cannot read, and marks who read what", async () => {
    bedrock.on(ConverseCommand).resolves(
      recordedToolResponse(corpusDir, EightKToolName, {
        changes: [
          {
            person: "Dana Whitfield",
            change: "departed",
            role: "Chief Operating Officer",
            evidence: Unusual,
          },
          // Already read by the patterns: not added twice.
          { person: "Priya Raman", change: "appointed", role: "Chief Financial Officer", evidence: Plain },
        ],
      }),
    );

    const detail = await announce(eightK(Unusual, Plain), model());

    expect(detail.changes.map((change) => [change.person, change.change, change.method])).toEqual([
      ["Priya Raman", "appointed", "filing-text"],
      ["Dana Whitfield", "departed", "bedrock"],
    ]);
    expect(detail.summary).toBe(
      "Priya Raman appointed Chief Financial Officer; Dana Whitfield departed Chief Operating Officer",
    );
    expect(detail.notes[0]).toBe("1 change(s) read by model-a where the patterns could not read");
    expect(bedrock.commandCalls(ConverseCommand)).toHaveLength(1);
  });

  it("does not call the model when the patterns read every sentence that speaks of a change", async () => {
    const detail = await announce(eightK(Plain), model());

    expect(detail.changes.map((change) => change.person)).toEqual(["Priya Raman"]);
    expect(bedrock.commandCalls(ConverseCommand)).toHaveLength(0);
  });

  it("announces what the patterns read, with the model's failure as a note, when the model fails", async () => {
    bedrock.on(ConverseCommand).rejects(new Error("ThrottlingException: Too many requests"));

    const detail = await announce(eightK(Unusual, Plain), model());

    expect(detail.changes.map((change) => change.person)).toEqual(["Priya Raman"]);
    expect(detail.notes[0]).toBe("bedrock: ThrottlingException: Too many requests");
    expect(detail.notes[1]).toMatch(/^not read with confidence: .*Dana Whitfield/);
  });

  it("keeps the sentence as a note when no model is configured", async () => {
    const detail = await announce(eightK(Unusual));

    expect(detail.changes).toEqual([]);
    expect(detail.summary).toBe("Item 5.02 filed; no change could be read with confidence");
    expect(detail.notes).toEqual([expect.stringMatching(/^not read with confidence: .*Dana Whitfield/)]);
  });
});
