import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { corpusDir, describeOnSharedCorpus } from "../../../../test/shared-corpus";
import { InvalidCikError } from "./errors";
import {
  buildTickerIndex,
  companyIdForCik,
  normalizeCompanyName,
  padCik,
  resolveCompany,
  type TickerIndex,
} from "./identity";

describe("padCik / companyIdForCik", () => {
  it("pads a numeric CIK to ten digits", () => {
    expect(padCik(320193)).toBe("0000320193");
    expect(padCik("1045810")).toBe("0001045810");
    expect(companyIdForCik(320193)).toBe("cik-0000320193");
  });

  it("rejects a CIK that is not 1 to 10 digits", () => {
    expect(() => padCik("-000000001")).toThrow(InvalidCikError);
    expect(() => padCik("12345678901")).toThrow(/1 to 10 digits/);
  });
});

describe("normalizeCompanyName", () => {
  it("drops case, punctuation, state tags and corporate suffixes", () => {
    expect(normalizeCompanyName("APPLE INC")).toBe("apple");
    expect(normalizeCompanyName("Apple Inc.")).toBe("apple");
    expect(normalizeCompanyName("BANK OF AMERICA CORP /DE/")).toBe("bank of america");
    expect(normalizeCompanyName("Johnson & Johnson")).toBe("johnson and johnson");
    expect(normalizeCompanyName("Marvell Technology, Inc.")).toBe("marvell technology");
  });
});

describeOnSharedCorpus("resolveCompany on company_tickers.json", () => {
  let index: TickerIndex;
  beforeAll(() => {
    index = buildTickerIndex(
      JSON.parse(readFileSync(path.join(corpusDir, "sec/company_tickers.json"), "utf8")),
    );
  });

  it.each([
    { ticker: "AAPL" },
    { ticker: "aapl" },
    { name: "Apple" },
    { name: "Apple Inc." },
    { name: "APPLE INC" },
    { cik: "0000320193" },
    { cik: 320193 },
  ])("resolves %o to Apple's CIK 320193", (query) => {
    expect(resolveCompany(index, query)).toMatchObject({
      kind: "resolved",
      cik: 320193,
      title: "Apple Inc.",
    });
  });

  it("resolves a share-class ticker written with a dot", () => {
    expect(resolveCompany(index, { ticker: "BRK.B" })).toMatchObject({ kind: "resolved", ticker: "BRK-B" });
  });

  it("treats two share classes of one company as one match", () => {
    expect(resolveCompany(index, { name: "Alphabet" })).toMatchObject({ kind: "resolved", cik: 1652044 });
  });

  it("resolves a unique word-prefix of a registered name", () => {
    expect(resolveCompany(index, { name: "Marvell" })).toMatchObject({ kind: "resolved", cik: 1835632 });
  });

  it("reports a name that prefix-matches several companies as ambiguous, with candidates", () => {
    const result = resolveCompany(index, { name: "Bank of" });
    expect(result.kind).toBe("ambiguous");
    if (result.kind !== "ambiguous") return;
    expect(result.candidates.map((c) => c.cik)).toContain(70858);
    expect(new Set(result.candidates.map((c) => c.cik)).size).toBe(result.candidates.length);
  });

  it("says which ticker is unknown", () => {
    expect(resolveCompany(index, { ticker: "zzzzq" })).toEqual({
      kind: "not-found",
      reason: "no SEC registration found for ticker ZZZZQ",
    });
  });

  it("does not guess for an unknown name", () => {
    expect(resolveCompany(index, { name: "Nonexistent Widgets Holdings" }).kind).toBe("not-found");
  });

  it("keeps a well-formed CIK without ticker resolvable, and refuses a malformed one", () => {
    expect(resolveCompany(index, { cik: 350001 })).toEqual({
      kind: "resolved",
      cik: 350001,
      ticker: null,
      title: null,
    });
    expect(resolveCompany(index, { cik: "-000000001" })).toMatchObject({ kind: "not-found" });
  });

  it("accepts the array form of the tickers file", () => {
    const small = buildTickerIndex([{ cik_str: 1, ticker: "ABC", title: "ABC Corp" }]);
    expect(resolveCompany(small, { name: "abc corporation" })).toMatchObject({ kind: "resolved", cik: 1 });
  });
});
