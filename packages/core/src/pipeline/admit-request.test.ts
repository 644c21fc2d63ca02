import { ExtractionRequested } from "@dossier/events";
import { describe, expect, it } from "vitest";
import { buildTickerIndex } from "../sec/identity";
import { admitRequest, identifierConflict, identifiersRejection } from "./admit-request";

const eventId = "7bf73129-1428-4cd3-a780-95db273d1602";
const valid = {
  runId: "run_admit_0001",
  company: { name: "Acme Robotics", website: "https://acme.example" },
  requestedAt: "2026-12-01T10:00:00.000Z",
};
const tickers = buildTickerIndex({
  "0": { cik_str: 320193, ticker: "AAPL", title: "Apple Inc." },
  "1": { cik_str: 1045810, ticker: "NVDA", title: "NVIDIA CORP" },
});
const loadTickers = async () => tickers;
const noTickerList = async () => {
  throw new Error("the ticker list was not needed");
};

function rejectionOf(detail: unknown) {
  const admission = admitRequest({ id: eventId, detail });
  if (admission.admitted) throw new Error(`expected ${JSON.stringify(detail)} to be rejected`);
  return admission.rejection;
}

describe("admitting an Extraction.Requested", () => {
  it("admits a valid request with its company id", () => {
    const admission = admitRequest({ id: eventId, detail: valid });
    expect(admission).toMatchObject({ admitted: true, companyId: "acme.example" });
  });

  it.each([
    ["a file: website", { website: "file:///etc/passwd" }, /company\.website: .*not file:/],
    ["a gopher: website", { website: "gopher://acme.example/" }, /not gopher:/],
    ["an ftp: website", { website: "ftp://acme.example/" }, /not ftp:/],
    ["a javascript: website", { website: "javascript:alert(1)" }, /not javascript:/],
    ["a data: website", { website: "data:text/html,<h1>hi</h1>" }, /not data:/],
    ["a bare host", { website: "acme.example" }, /has no scheme; write it as https:\/\/acme\.example/],
    ["http:// alone", { website: "http://" }, /needs a host/],
    ["port 99999", { website: "https://acme.example:99999/" }, /not a valid URL \(check the host and port\)/],
    ["a zone-id IPv6 literal", { website: "http://[fe80::1%25eth0]/" }, /zone id/],
    ["a 10,000-character name", { name: "A".repeat(10_000) }, /company\.name: /],
    ["a CIK that is not a CIK", { cik: "12ab" }, /company\.cik: /],
    ["a CIK of zero", { cik: "0000000000" }, /company\.cik: a CIK is a positive number/],
  ])("rejects %s with the field and what is wrong", (_case, company, reason) => {
    const rejection = rejectionOf({ ...valid, company: { ...valid.company, ...company } });
    expect(rejection).toMatchObject({ code: "invalid-request", runId: valid.runId, requestEventId: eventId });
    expect(rejection.reason).toMatch(reason);
    expect(rejection.reason.startsWith(`${ExtractionRequested.detailType} is not valid:`)).toBe(true);
  });

  it.each([
    ["empty parts", { parts: [] }, /parts: /],
    ["unknown parts", { parts: ["sec", "patents"] }, /parts\.1: /],
    ["no company", { company: {} }, /company: a company needs a ticker, a CIK or a name/],
    ["no requestedAt", { requestedAt: undefined }, /requestedAt: /],
  ])("rejects %s", (_case, overrides, reason) => {
    expect(rejectionOf({ ...valid, ...overrides }).reason).toMatch(reason);
  });

  it("answers a request without a usable runId under a run id made from the event id", () => {
    for (const runId of [undefined, "", "x", "no spaces allowed", 42]) {
      const rejection = rejectionOf({ ...valid, runId, parts: [] });
      expect(rejection.runId).toBe(`evt-${eventId}`);
      expect(rejection.reason).toMatch(/runId|parts/);
    }
  });

  it("keeps a usable batch id and the parts asked for, so the batch still counts the run", () => {
    const rejection = rejectionOf({ ...valid, batchId: "batch_0001", parts: ["sec"], company: {} });
    expect(rejection).toMatchObject({
      batchId: "batch_0001",
      parts: ["sec"],
      requestedAt: valid.requestedAt,
    });
  });

  it("drops credentials from a website instead of keeping them", () => {
    const admission = admitRequest({
      id: eventId,
      detail: { ...valid, company: { name: "Acme", website: "https://user:secret@acme.example/team" } },
    });
    expect(admission.admitted && admission.detail.company.website).toBe("https://acme.example/team");
  });
});

describe("identifiers that disagree", () => {
  it("finds a ticker SEC lists under another CIK", async () => {
    const detail = ExtractionRequested.schema.parse({
      ...valid,
      company: { ticker: "AAPL", cik: "1045810" },
    });
    expect(await identifierConflict(detail, loadTickers)).toBe(
      "ticker AAPL is CIK 320193 (Apple Inc.), not CIK 1045810; send the ticker or the CIK, not both",
    );
  });

  it("accepts a ticker and CIK of the same registrant, in any case and padding", async () => {
    const detail = ExtractionRequested.schema.parse({
      ...valid,
      company: { ticker: "nvda", cik: "0001045810" },
    });
    expect(await identifierConflict(detail, loadTickers)).toBeUndefined();
  });

  it("finds a companyId that is not its CIK's without the ticker list", async () => {
    const detail = ExtractionRequested.schema.parse({
      ...valid,
      company: { cik: "320193" },
      companyId: "cik-0001045810",
    });
    expect(await identifierConflict(detail, noTickerList)).toMatch(
      /companyId cik-0001045810 is not the id of CIK 320193/,
    );
  });

  it("never loads the ticker list for a request with a CIK alone", async () => {
    const detail = ExtractionRequested.schema.parse({ ...valid, company: { cik: "320193" } });
    expect(await identifierConflict(detail, noTickerList)).toBeUndefined();
  });

  it("rejects the request under its own run id with the conflict as the reason", async () => {
    const detail = ExtractionRequested.schema.parse({
      ...valid,
      company: { ticker: "AAPL", cik: "1045810" },
    });
    const rejection = await identifiersRejection(
      { detail, companyId: "cik-0001045810" },
      eventId,
      loadTickers,
    );
    expect(rejection).toMatchObject({
      code: "identifiers-disagree",
      runId: valid.runId,
      companyId: "cik-0001045810",
      reason: expect.stringMatching(/^identifiers disagree: ticker AAPL is CIK 320193/),
    });
  });
});
