import { generateDemoDataset } from "@dossier/local/demo";
import { describe, expect, it } from "vitest";
import { syntheticRequests } from "./pipeline";

describe("syntheticRequests", () => {
  const dataset = generateDemoDataset({ syntheticCount: 60 });

  it("asks for generated registrants alternately by CIK and by ticker, each with its website", () => {
    const requests = syntheticRequests(dataset, "http://127.0.0.1:9", 4);
    expect(requests.map((request) => Object.keys(request).sort())).toEqual([
      ["cik", "website"],
      ["ticker", "website"],
      ["cik", "website"],
      ["ticker", "website"],
    ]);
    for (const request of requests)
      expect(request.website).toMatch(/^http:\/\/127\.0\.0\.1:9\/sites\/[^/]+\/$/);
  });

  it("leaves out sites whose leadership page fails when only healthy sites are wanted", () => {
    const faulty = new Set(
      dataset.companies
        .filter((company) => company.origin === "synthetic" && company.site?.fault !== "none")
        .map((company) => `/sites/${company.site?.slug}/`),
    );
    expect(faulty.size).toBeGreaterThan(0);

    const all = syntheticRequests(dataset, "", 60);
    const healthy = syntheticRequests(dataset, "", 55, { healthySitesOnly: true });

    expect(all.some((request) => faulty.has(request.website ?? ""))).toBe(true);
    expect(healthy.some((request) => faulty.has(request.website ?? ""))).toBe(false);
  });

  it("refuses to hand out fewer companies than asked for", () => {
    expect(() => syntheticRequests(dataset, "", 61)).toThrow(RangeError);
  });
});
