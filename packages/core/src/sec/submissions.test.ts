import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { corpusDir, describeOnSharedCorpus } from "../../../../test/shared-corpus";
import {
  additionalFilingPages,
  latestAnnualReport,
  mergeFilingPage,
  parseSubmissions,
  primaryDocumentUrl,
} from "./submissions";

const load = (name: string): unknown => JSON.parse(readFileSync(path.join(corpusDir, "sec", name), "utf8"));

describeOnSharedCorpus("parseSubmissions identity", () => {
  it("reads Apple's identity", () => {
    const { identity } = parseSubmissions(load("AAPL_submissions_CIK0000320193.json"));
    expect(identity).toMatchObject({
      name: "Apple Inc.",
      cik: "0000320193",
      tickers: ["AAPL"],
      exchanges: ["Nasdaq"],
      sic: "3571",
      sicDescription: "Electronic Computers",
      stateOfIncorporation: "CA",
      fiscalYearEnd: "0926",
      phone: "(408) 996-1010",
      addresses: {
        business: {
          street1: "ONE APPLE PARK WAY",
          city: "CUPERTINO",
          stateOrCountry: "CA",
          zipCode: "95014",
        },
      },
    });
    expect(identity.website).toBeUndefined();
  });

  it("reads NVIDIA's identity", () => {
    const { identity } = parseSubmissions(load("NVDA_submissions_CIK0001045810.json"));
    expect(identity).toMatchObject({
      name: "NVIDIA CORP",
      cik: "0001045810",
      sic: "3674",
      stateOfIncorporation: "DE",
      fiscalYearEnd: "0131",
      addresses: { business: { street1: "2788 SAN TOMAS EXPRESSWAY", city: "SANTA CLARA" } },
    });
  });

  it("reads Marvell's identity with its second street line", () => {
    const { identity } = parseSubmissions(load("MRVL_submissions_CIK0001835632.json"));
    expect(identity).toMatchObject({
      name: "Marvell Technology, Inc.",
      tickers: ["MRVL"],
      sicDescription: "Semiconductors & Related Devices",
      fiscalYearEnd: "0130",
      addresses: { business: { street1: "1000 N. WEST STREET", street2: "SUITE 1200", city: "WILMINGTON" } },
    });
  });

  it("pads an unpadded CIK and drops the literal 'None' of old dumps", () => {
    const { identity } = parseSubmissions(load("TSLA_submissions_edgartools_data_2022.json"));
    expect(identity.cik).toBe("0001318605");
    expect(identity.addresses.business?.street2).toBeUndefined();
  });

  it("keeps a registrant with no filings: identity, former names, empty filing list", () => {
    const parsed = parseSubmissions(load("NOFILINGS_submissions_CIK0000350001.json"));
    expect(parsed.filings).toEqual([]);
    expect(parsed.identity.tickers).toEqual([]);
    expect(parsed.identity.formerNames[0]).toEqual({
      name: "ALLEN TEST CO & REL 8-6 DR INC",
      from: "2003-10-15",
      to: "2003-10-15",
    });
  });

  it("rejects a body that is not a submissions file", () => {
    expect(() => parseSubmissions({ hello: "world" })).toThrow();
  });
});

describeOnSharedCorpus("filings", () => {
  it("builds primary document URLs from a configurable www base", () => {
    const { filings } = parseSubmissions(load("AAPL_submissions_CIK0000320193.json"), {
      wwwBaseUrl: "http://127.0.0.1:9999/",
    });
    const tenK = latestAnnualReport(filings);
    expect(tenK).toEqual({
      form: "10-K",
      filed: "2025-10-31",
      reportDate: "2025-09-27",
      accessionNumber: "0000320193-25-000079",
      primaryDocument: "aapl-20250927.htm",
      primaryDocumentUrl:
        "http://127.0.0.1:9999/Archives/edgar/data/320193/000032019325000079/aapl-20250927.htm",
    });
  });

  it("defaults to www.sec.gov", () => {
    expect(primaryDocumentUrl("0001045810", "0001045810-25-000023", "nvda-20250126.htm")).toBe(
      "https://www.sec.gov/Archives/edgar/data/1045810/000104581025000023/nvda-20250126.htm",
    );
  });

  it("prefers the original 10-K over a later 10-K/A", () => {
    const { filings } = parseSubmissions(load("TSLA_submissions_edgartools_data_2022.json"));
    expect(latestAnnualReport(filings)).toMatchObject({ form: "10-K", filed: "2022-02-07" });
  });

  it("lists older filing pages and merges one in, newest first, without duplicates", () => {
    const main = load("TSLA_submissions_CIK0001318605.json");
    expect(additionalFilingPages(main)).toEqual(["CIK0001318605-submissions-001.json"]);
    const parsed = parseSubmissions(main);
    const merged = mergeFilingPage(parsed, load("TSLA_submissions_CIK0001318605-submissions-001.json"));
    expect(merged.filings.length).toBe(parsed.filings.length + 720);
    expect(merged.filings.at(-1)?.filed).toBe("2005-02-17");
    expect(
      mergeFilingPage(merged, load("TSLA_submissions_CIK0001318605-submissions-001.json")).filings.length,
    ).toBe(merged.filings.length);
  });
});
