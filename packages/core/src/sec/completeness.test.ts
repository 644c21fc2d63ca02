import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { corpusDir, describeOnSharedCorpus } from "../../../../test/shared-corpus";
import { extractFinancials } from "./companyfacts";
import { SEC_COMPLETENESS_WEIGHTS, secCompleteness } from "./completeness";
import { parseSubmissions } from "./submissions";

const load = (name: string): unknown => JSON.parse(readFileSync(path.join(corpusDir, "sec", name), "utf8"));
const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

describeOnSharedCorpus("secCompleteness", () => {
  it("has weights that sum to 100", () => {
    const { identity, financials, executives } = SEC_COMPLETENESS_WEIGHTS;
    expect(sum(Object.values(identity)) + sum(Object.values(financials)) + executives).toBe(100);
  });

  it("scores nothing as 0 with every field missing", () => {
    const result = secCompleteness({});
    expect(result.score).toBe(0);
    expect(result.missing).toContain("identity.name");
    expect(result.missing).toContain("financials.revenue");
    expect(result.missing).toContain("executives");
  });

  it("scores Apple's identity and financials without executives at 80", () => {
    const { identity } = parseSubmissions(load("AAPL_submissions_CIK0000320193.json"));
    const financials = extractFinancials(load("AAPL_companyfacts_CIK0000320193.json"));
    expect(secCompleteness({ identity, financials })).toEqual({ score: 80, missing: ["executives"] });
    const executives = {
      officers: [{ name: "Tim Cook", title: "Chief Executive Officer" }],
      source: "10-K item" as const,
      defersToProxy: false,
    };
    expect(secCompleteness({ identity, financials, executives })).toEqual({ score: 100, missing: [] });
  });

  it("gives a registrant without filings only part of the identity score", () => {
    const { identity } = parseSubmissions(load("NOFILINGS_submissions_CIK0000350001.json"));
    const result = secCompleteness({ identity, financials: [] });
    expect(result.score).toBe(34);
    expect(result.missing).toEqual(
      expect.arrayContaining(["identity.tickers", "identity.exchanges", "executives"]),
    );
  });
});
