import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Catalogue } from "@dossier/events";
import {
  type DemoDataset,
  type DemoFixtureServer,
  generateDemoDataset,
  startDemoFixtureServer,
} from "@dossier/local/demo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  corpusDir,
  describeOnSharedCorpus,
  type EdgarFixtureServer,
  sharedAvailable,
  startEdgarFixtureServer,
} from "../shared-corpus";
import { type CliResult, runCli } from "./run-cli";

interface ProfileJson {
  companyId: string;
  status: string;
  cached: boolean;
  missing: string[];
  identity: { cik?: string | number; name?: string } | null;
  financials: { fiscalYear: number; revenue?: { value: number } }[];
  executives: { name: string; title?: string; websiteTitle?: string }[];
}

const parseProfile = (result: CliResult) => JSON.parse(result.stdout) as ProfileJson;

describeOnSharedCorpus("dossier extract against the EDGAR corpus", () => {
  let home: string;
  let edgar: EdgarFixtureServer;
  let env: Record<string, string>;
  let first: CliResult;
  let requestsAfterFirst: number;

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), "dossier-cli-extract-"));
    edgar = await startEdgarFixtureServer({ corpusDir: corpusDir });
    env = {
      DOSSIER_HOME: home,
      DOSSIER_SEC_DATA_URL: edgar.dataBaseUrl,
      DOSSIER_SEC_WWW_URL: edgar.wwwBaseUrl,
      DOSSIER_SEC_USER_AGENT: "dossier-tests tests@example.com",
    };
    first = await runCli(["extract", "--ticker", "AAPL", "--parts", "sec", "--json"], env);
    requestsAfterFirst = edgar.requests.length;
  });

  afterAll(async () => {
    await edgar?.close();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it("prints Apple's SEC profile as JSON and exits 3, incomplete without a 10-K in the corpus", () => {
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 3, stderr: "" });
    const profile = parseProfile(first);
    expect(profile.companyId).toBe("cik-0000320193");
    expect(profile.status).toBe("incomplete");
    expect(profile.cached).toBe(false);
    const fy2025 = profile.financials.find((year) => year.fiscalYear === 2025);
    expect(fy2025?.revenue?.value).toBe(416_161_000_000);
    expect(requestsAfterFirst).toBeGreaterThan(0);
    expect(edgar.requests.every((request) => request.userAgent === env.DOSSIER_SEC_USER_AGENT)).toBe(true);
  });

  it("serves a second request inside the TTL from its caches, without a single upstream request", async () => {
    const second = await runCli(["extract", "--ticker", "AAPL", "--parts", "sec", "--json"], env);
    expect(second.code).toBe(3);
    const profile = parseProfile(second);
    expect(profile.cached).toBe(true);
    expect(profile.financials).toEqual(parseProfile(first).financials);
    expect(edgar.requests.slice(requestsAfterFirst)).toEqual([]);
  });

  it("prints the company's latest profile, and one part with its data, by ticker", async () => {
    const latest = await runCli(["profile", "get", "AAPL"], env);
    expect({ code: latest.code, stderr: latest.stderr }).toEqual({ code: 0, stderr: "" });
    const document = JSON.parse(latest.stdout) as {
      companyId: string;
      profile: { companyId: string };
      parts: { sec: { status: string; s3Key: string } };
    };
    expect(document.profile.companyId).toBe("cik-0000320193");
    expect(document.parts.sec).toMatchObject({ status: "succeeded" });

    const sec = await runCli(["profile", "get", "cik-0000320193", "--part", "sec"], env);
    expect(sec.code).toBe(0);
    const part = JSON.parse(sec.stdout) as { status: string; data: { financials: { fiscalYear: number }[] } };
    expect(part.status).toBe("succeeded");
    expect(part.data.financials.map((year) => year.fiscalYear)).toContain(2025);

    const bogus = await runCli(["profile", "get", "AAPL", "--part", "board"], env);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain("--part must be one of sec, leadership");
  });

  it("shows the profile's summary, and with --sources where every value came from", async () => {
    const summary = await runCli(["profile", "show", "AAPL"], env);
    const sourced = await runCli(["profile", "show", "cik-0000320193", "--sources"], env);

    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/^Apple Inc\.\s+\(cik-0000320193\)/);
    expect(summary.stdout).not.toContain("from us-gaap:");
    expect(sourced.code).toBe(0);
    expect(sourced.stdout).toMatch(
      /revenue from us-gaap:\w+ \(USD\), 10-K \d{10}-\d{2}-\d{6} filed \d{4}-\d{2}-\d{2}/,
    );
    expect(sourced.stdout).toMatch(/identity from EDGAR submissions/);
    expect(sourced.stdout).toMatch(/read at\n\s+\d{4}-\d{2}-\d{2}T[\d:.]+Z\s+EDGAR submissions/);
    expect(sourced.stdout).toMatch(/not found\s+executives, because /);
  });

  it("resolves a request by name to the same registrant", async () => {
    const byName = await runCli(["extract", "--name", "Apple", "--parts", "sec", "--json"], env);
    expect({ code: byName.code, stderr: byName.stderr }).toEqual({ code: 3, stderr: "" });
    const profile = parseProfile(byName);
    expect(profile.companyId).toBe("cik-0000320193");
    expect(profile.identity?.name).toBe("Apple Inc.");
  });

  it("refuses an unknown flag with exit 2 and names the flag", async () => {
    const result = await runCli(["extract", "--ticker", "AAPL", "--bogus"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--bogus");
    expect(result.stdout).toBe("");
  });

  it("exits 7, starting nothing, when SEC cannot be reached to resolve a ticker", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const offlineHome = await mkdtemp(path.join(tmpdir(), "dossier-cli-offline-"));
    try {
      const result = await runCli(["extract", "--ticker", "MSFT", "--parts", "sec"], {
        ...env,
        DOSSIER_HOME: offlineHome,
        DOSSIER_SEC_WWW_URL: `http://127.0.0.1:${port}`,
      });
      expect(result.code).toBe(7);
      expect(result.stderr).toContain("could not fetch SEC's ticker list");
      expect(result.stderr).toContain("--cik");
      expect(result.stderr).not.toContain("    at ");
    } finally {
      await rm(offlineHome, { recursive: true, force: true });
    }
  }, 60_000);

  it("refuses a ticker and a CIK of two companies with exit 2 before anything runs", async () => {
    const result = await runCli(["extract", "--ticker", "AAPL", "--cik", "1045810", "--parts", "sec"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "identifiers disagree: ticker AAPL is CIK 320193 (Apple Inc.), not CIK 1045810; send the ticker or the CIK, not both",
    );
    const nvidia = await runCli(["profile", "get", "NVDA"], env);
    expect(nvidia.stdout).not.toContain("Apple Inc.");
  });

  it("refuses a request without a company with exit 2 and says what is missing", async () => {
    const result = await runCli(["extract", "--parts", "sec"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("a company needs a ticker, a CIK or a name");
  });
});

describe("dossier extract of a website's leadership", () => {
  let home: string;
  let dataset: DemoDataset;
  let site: DemoFixtureServer;

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), "dossier-cli-leadership-"));
    dataset = generateDemoDataset();
    site = await startDemoFixtureServer({ dataset });
  });

  afterAll(async () => {
    await site?.close();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it("finds the leadership page from the homepage and extracts every executive (exit 0: a site without a board is complete)", async () => {
    const company = dataset.companies.find((entry) => entry.key === "brightwater-analytics");
    const result = await runCli(
      [
        "extract",
        "--name",
        company?.name ?? "",
        "--website",
        site.siteUrl("brightwater-analytics"),
        "--parts",
        "leadership",
        "--json",
      ],
      { DOSSIER_HOME: home, DOSSIER_ALLOW_PRIVATE_NETWORK: "1" },
    );
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    const profile = parseProfile(result);
    expect(profile.missing).toEqual([]);
    expect(profile.executives.map((executive) => executive.name).sort()).toEqual(
      company?.executives.map((executive) => executive.name).sort(),
    );
    const visited = site.requestLog
      .filter((request) => request.route === "site")
      .map((request) => request.path);
    expect(visited[0]).toBe("/sites/brightwater-analytics/");
    expect(visited).toContain(`/sites/brightwater-analytics/${company?.site?.pages.leadership}`);
  });

  it("refuses the loopback website without DOSSIER_ALLOW_PRIVATE_NETWORK", async () => {
    // A home of its own: the first test's leadership part would be served from this home's cache.
    const otherHome = await mkdtemp(path.join(tmpdir(), "dossier-cli-refused-"));
    const result = await runCli(
      [
        "extract",
        "--name",
        "Brightwater Analytics Inc",
        "--website",
        site.siteUrl("brightwater-analytics"),
        "--parts",
        "leadership",
        "--json",
      ],
      { DOSSIER_HOME: otherHome },
    );
    await rm(otherHome, { recursive: true, force: true });
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stdout).reason).toMatch(/127\.0\.0\.1|loopback|private/i);
  });
});

describe("dossier events and parse", () => {
  const event = JSON.stringify({
    id: "7bf73129-1428-4cd3-a780-95db273d1602",
    "detail-type": "Profile.Completed",
    source: "dossier.merge",
    account: "123456789012",
    time: "2026-01-15T12:00:00Z",
    region: "us-east-1",
    resources: [],
    detail: { completeness: 97 },
  });

  it("prints true for a pattern that matches and false for one that does not", async () => {
    const matches = await runCli([
      "events",
      "test-pattern",
      "--pattern",
      '{"source":["dossier.merge"]}',
      "--event",
      event,
    ]);
    const misses = await runCli([
      "events",
      "test-pattern",
      "--pattern",
      '{"source":["dossier.sec"]}',
      "--event",
      event,
    ]);
    expect([matches.code, matches.stdout]).toEqual([0, "true\n"]);
    expect([misses.code, misses.stdout]).toEqual([0, "false\n"]);
  });

  it("exits 2 with the reason for an invalid pattern", async () => {
    const result = await runCli([
      "events",
      "test-pattern",
      "--pattern",
      '{"source":"dossier.merge"}',
      "--event",
      event,
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^dossier: .+/);
  });

  it("prints a JSON Schema for every detail-type", async () => {
    const result = await runCli(["events", "schema"]);
    expect(result.code).toBe(0);
    const schemas = JSON.parse(result.stdout) as Record<string, { type?: string; properties?: object }>;
    expect(Object.keys(schemas).sort()).toEqual(Object.keys(Catalogue).sort());
    for (const schema of Object.values(schemas)) expect(schema.properties).toBeTypeOf("object");
  });

  it.skipIf(!sharedAvailable)(
    "prints the executive officers of a 10-K on disk (a filing of the shared corpus)",
    async () => {
      const file = "ibm-10-k-2025-02-25";
      const truth = JSON.parse(
        await readFile(path.join(corpusDir, "filings", `${file}.executives.json`), "utf8"),
      ) as { executives: { name: string }[] };
      const result = await runCli(["parse", "10k-executives", `../shared/corpus/filings/${file}.html`]);
      expect(result.code).toBe(0);
      const parsed = JSON.parse(result.stdout) as { officers: { name: string }[] };
      expect(parsed.officers.map((officer) => officer.name)).toEqual(
        truth.executives.map((officer) => officer.name),
      );
    },
  );
});
