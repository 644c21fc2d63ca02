import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import {
  corpusDir,
  describeOnSharedCorpus,
  type EdgarFixtureServerOptions,
  startEdgarFixtureServer,
} from "../../../../test/shared-corpus";
import { ResponseTooLargeError } from "../net";
import { createSecClient, type SecClientOptions } from "./client";
import { AmbiguousCompanyError, SecNotFoundError, SecTimeoutError } from "./errors";
import { extractSecPart, SecPart } from "./extract";
import { latestAnnualReport, parseSubmissions } from "./submissions";

const now = () => new Date("2026-03-15T12:00:00Z");
const USER_AGENT = "dossier-tests ops@example.com";
let servers: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function setup(
  options: Partial<EdgarFixtureServerOptions> = {},
  client: Partial<SecClientOptions> = {},
) {
  const edgar = await startEdgarFixtureServer({ corpusDir, ...options });
  servers.push(edgar);
  const sec = createSecClient({
    dataBaseUrl: edgar.dataBaseUrl,
    wwwBaseUrl: edgar.wwwBaseUrl,
    userAgent: USER_AGENT,
    sleep: async () => undefined,
    ...client,
  });
  return { edgar, sec };
}

const corpusJson = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(corpusDir, "sec", name), "utf8"));

/** The URL path of a company's latest 10-K as listed in its corpus submissions file. */
function latestTenKPath(submissionsFile: string): string {
  const report = latestAnnualReport(
    parseSubmissions(corpusJson(submissionsFile), { wwwBaseUrl: "" }).filings,
  );
  return report?.primaryDocumentUrl ?? "";
}

describeOnSharedCorpus("extractSecPart against a loopback EDGAR", () => {
  it("builds Apple's part: identity, fiscal 2025 numbers, and a note for the missing 10-K document", async () => {
    const { edgar, sec } = await setup();
    const result = await extractSecPart({ request: { ticker: "AAPL" }, client: sec, now });
    expect(result.status).toBe("succeeded");
    if (result.status !== "succeeded") return;
    expect(result.data).toMatchObject({ companyId: "cik-0000320193", cik: "0000320193", ticker: "AAPL" });
    expect(result.data.identity.name).toBe("Apple Inc.");
    const fy2025 = result.data.financials.find((y) => y.fiscalYear === 2025);
    expect(fy2025?.revenue?.value).toBe(416_161_000_000);
    expect(fy2025?.netIncome?.value).toBe(112_010_000_000);
    expect(result.completeness).toBe(80);
    expect(result.missing).toEqual(["executives"]);
    expect(result.data.notes.join(" ")).toMatch(/10-K 0000320193-25-000079.*HTTP 404/);
    expect(result.requests).toBe(4);
    expect(result.data.retrievedAt).toBe("2026-03-15T12:00:00.000Z");
    expect(edgar.requests.map((r) => r.path)).not.toContain(
      "/submissions/CIK0000320193-submissions-001.json",
    );
    expect(edgar.requests.every((r) => r.userAgent === USER_AGENT)).toBe(true);
  });

  it("serves a corpus 10-K at the URL its submissions entry names (NVIDIA, filed 2025-02-26)", async () => {
    const { edgar, sec } = await setup();
    const route = "/Archives/edgar/data/1045810/000104581025000023/nvda-20250126.htm";
    expect(edgar.routes.get(route)).toMatch(/nvda-10-k-2025-02-26\.html$/);
    expect(await sec.getDocument(`${edgar.wwwBaseUrl}${route}`)).toContain(
      "Information About Our Executive Officers",
    );
  });

  it("reads NVIDIA's executive officers from its latest 10-K (FY2025 document standing in for FY2026)", async () => {
    const documents = {
      [latestTenKPath("NVDA_submissions_CIK0001045810.json")]: "filings/nvda-10-k-2025-02-26.html",
    };
    const { sec } = await setup({ documents });
    const result = await extractSecPart({ request: { name: "NVIDIA" }, client: sec, now });
    expect(result.status).toBe("succeeded");
    expect(result.data?.executives?.officers.map((o) => o.name)).toEqual([
      "Jen-Hsun Huang",
      "Colette M. Kress",
      "Ajay K. Puri",
      "Debora Shoquist",
      "Timothy S. Teter",
    ]);
    expect(result.completeness).toBe(100);
    // The schema the lead writes to S3 describes every field the extractor produces.
    expect(SecPart.parse(JSON.parse(JSON.stringify(result.data)))).toEqual(result.data);
  });

  it("resolves Marvell by a name prefix", async () => {
    const { sec } = await setup();
    const result = await extractSecPart({ request: { name: "marvell" }, client: sec, now });
    expect(result.data?.identity).toMatchObject({ name: "Marvell Technology, Inc.", fiscalYearEnd: "0130" });
  });

  it("succeeds with identity only, and says why, for a registrant with no filings", async () => {
    const { sec } = await setup();
    const result = await extractSecPart({ request: { cik: 350001 }, client: sec, now });
    // One request: a CIK needs no ticker list, only the submissions.
    expect(result).toMatchObject({ status: "succeeded", completeness: 34, requests: 1 });
    expect(result.reason).toMatch(/CIK 350001 .* has no filings on EDGAR; identity only/);
    expect(result.data?.financials).toEqual([]);
  });

  it("follows an older filing page only when the recent list has no annual report", async () => {
    const main = corpusJson("TSLA_submissions_CIK0001318605.json") as {
      filings: { recent: Record<string, unknown[]> };
    };
    const recent = main.filings.recent;
    const keep = (recent.form as string[]).map((form) => !form.startsWith("10-K"));
    const withoutTenK = Object.fromEntries(
      Object.entries(recent).map(([key, column]) => [key, column.filter((_, i) => keep[i])]),
    );
    const body = JSON.stringify({ ...main, filings: { ...main.filings, recent: withoutTenK } });
    const { edgar, sec } = await setup({
      failures: [{ match: "/submissions/CIK0001318605.json", body, contentType: "application/json" }],
    });
    const result = await extractSecPart({ request: { ticker: "TSLA" }, client: sec, now });
    expect(edgar.requests.map((r) => r.path)).toContain("/submissions/CIK0001318605-submissions-001.json");
    expect(result.data?.latestAnnualReport).toMatchObject({ form: "10-K", filed: "2017-03-01" });
  });
});

describeOnSharedCorpus("extractSecPart on bad input", () => {
  it("skips an unknown ticker with a reason", async () => {
    const { sec } = await setup();
    const result = await extractSecPart({ request: { ticker: "QQQZZ" }, client: sec, now });
    expect(result).toMatchObject({
      status: "skipped",
      data: null,
      reason: "no SEC registration found for ticker QQQZZ",
      requests: 1,
    });
  });

  it("throws a permanent AmbiguousCompanyError with candidates for an ambiguous name", async () => {
    const { sec } = await setup();
    const error = await extractSecPart({ request: { name: "Bank of" }, client: sec, now }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AmbiguousCompanyError);
    expect(error).toMatchObject({ retryable: false });
    expect((error as AmbiguousCompanyError).candidates.length).toBeGreaterThan(1);
  });

  it("skips a malformed CIK, and a well-formed CIK that EDGAR does not know", async () => {
    const { sec } = await setup();
    const malformed = await extractSecPart({ request: { cik: "-000000001" }, client: sec, now });
    expect(malformed).toMatchObject({ status: "skipped", reason: expect.stringMatching(/malformed CIK/) });
    const unknown = await extractSecPart({ request: { cik: 999999999 }, client: sec, now });
    expect(unknown).toMatchObject({
      status: "skipped",
      reason: "no SEC registration found for CIK 999999999",
    });
  });

  it("turns EDGAR's recorded 404 for a malformed CIK into SecNotFoundError", async () => {
    const { sec } = await setup();
    await expect(sec.getSubmissionsPage("CIK-000000001.json")).rejects.toBeInstanceOf(SecNotFoundError);
  });

  it("keeps the part when companyfacts is an HTML error page, with a note", async () => {
    const { sec } = await setup({
      failures: [
        {
          match: "/api/xbrl/companyfacts/CIK0000320193.json",
          body: "<!DOCTYPE html><html><body>Service Unavailable</body></html>",
        },
      ],
    });
    const result = await extractSecPart({ request: { ticker: "AAPL" }, client: sec, now });
    expect(result.status).toBe("succeeded");
    expect(result.data?.financials).toEqual([]);
    expect(result.data?.notes.join(" ")).toMatch(
      /XBRL company facts: SEC returned an HTML\/XML page where JSON/,
    );
  });

  it("refuses a 10 MB+ submissions response over the cap", async () => {
    const { sec } = await setup(
      { failures: [{ match: "/submissions/CIK0000320193.json", bodyBytes: 11 * 1024 * 1024 }] },
      { maxBytes: 10 * 1024 * 1024 },
    );
    await expect(extractSecPart({ request: { ticker: "AAPL" }, client: sec, now })).rejects.toBeInstanceOf(
      ResponseTooLargeError,
    );
  });

  it("fails retryably when EDGAR does not answer in time, after retrying", async () => {
    const { edgar, sec } = await setup(
      { failures: [{ match: "/submissions/CIK0000320193.json", delayMs: 2_000 }] },
      { timeoutMs: 150, maxRetries: 1 },
    );
    const error = await extractSecPart({ request: { ticker: "AAPL" }, client: sec, now }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SecTimeoutError);
    expect(error).toMatchObject({ retryable: true });
    expect(edgar.requests.filter((r) => r.path === "/submissions/CIK0000320193.json")).toHaveLength(2);
  });

  it("waits out a 429 and carries on", async () => {
    const { edgar, sec } = await setup({
      failures: [
        { match: "/submissions/CIK0000320193.json", status: 429, headers: { "retry-after": "0" }, times: 1 },
      ],
    });
    const result = await extractSecPart({ request: { ticker: "AAPL" }, client: sec, now });
    expect(result.status).toBe("succeeded");
    expect(
      edgar.requests.filter((r) => r.path === "/submissions/CIK0000320193.json").map((r) => r.status),
    ).toEqual([429, 200]);
    expect(sec.stats.retries).toBe(1);
  });
});
