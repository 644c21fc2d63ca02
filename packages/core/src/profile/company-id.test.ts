import { describe, expect, it } from "vitest";
import { companyIdFor, registrableDomain } from "./company-id";

describe("companyIdFor", () => {
  it("prefers the CIK, zero-padded", () => {
    expect(companyIdFor({ ticker: "AAPL", cik: "320193" })).toBe("cik-0000320193");
  });

  it("falls back to the registrable domain, then the name, then the ticker", () => {
    expect(companyIdFor({ name: "Acme", website: "https://investors.acme.co.uk/about" })).toBe("acme.co.uk");
    expect(companyIdFor({ name: "Ächme Holdings, Inc.", website: "http://127.0.0.1:8080/sites/acme/" })).toBe(
      "name-achme-holdings-inc",
    );
    expect(companyIdFor({ ticker: "BRK.B" })).toBe("ticker-brk-b");
  });
});

describe("registrableDomain", () => {
  it("ignores IP literals, which name a server rather than a company", () => {
    expect(registrableDomain("http://[::1]:3000/")).toBeUndefined();
    expect(registrableDomain("https://www.apple.com")).toBe("apple.com");
  });
});
