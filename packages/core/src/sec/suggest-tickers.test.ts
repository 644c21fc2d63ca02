import { describe, expect, it } from "vitest";
import { buildTickerIndex, suggestTickers } from "./identity";

// Rows in company_tickers.json's shape and order (largest first); a fixture of our own.
const index = buildTickerIndex([
  { cik_str: 320193, ticker: "AAPL", title: "Apple Inc." },
  { cik_str: 1045810, ticker: "NVDA", title: "NVIDIA CORP" },
  { cik_str: 1067983, ticker: "BRK-B", title: "BERKSHIRE HATHAWAY INC" },
  { cik_str: 1652044, ticker: "GOOGL", title: "Alphabet Inc." },
  { cik_str: 1652044, ticker: "GOOG", title: "Alphabet Inc." },
  { cik_str: 1562088, ticker: "APP", title: "AppLovin Corp" },
  { cik_str: 789019, ticker: "MSFT", title: "MICROSOFT CORP" },
]);

const tickers = (query: string) => suggestTickers(index, query).map((entry) => entry.ticker);

describe("suggestTickers", () => {
  it("finds a swapped pair of letters and a missing one", () => {
    expect(tickers("APPL")).toEqual(["AAPL", "APP"]);
    expect(tickers("NVD")).toEqual(["NVDA"]);
  });

  it("offers the share classes of a bare ticker", () => {
    expect(tickers("BRK")).toEqual(["BRK-B"]);
    expect(tickers("brk.a")).toEqual(["BRK-B"]);
  });

  it("keeps the file's order among equally close tickers", () => {
    expect(tickers("GOOH")).toEqual(["GOOG"]);
    expect(tickers("GOOGX")).toEqual(["GOOGL", "GOOG"]);
  });

  it("suggests nothing for a ticker far from every listed one", () => {
    expect(tickers("ZZZZZZ")).toEqual([]);
    expect(tickers("  ")).toEqual([]);
  });
});
