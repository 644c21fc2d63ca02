import { describe, expect, it, vi } from "vitest";
import type { ObjectStore } from "../profile/object-store";
import { type IndexedFiling, lastPublishedIndexDay, planWatchlistRefresh } from "./watchlist-refresh";

/** Stored latest.json documents by company, as far as the planner reads them. */
function objectsWith(secPartAt: Record<string, string | undefined>) {
  return {
    getJson: async (key: string) => {
      const companyId = /^profiles\/([^/]+)\/latest\.json$/.exec(key)?.[1] ?? "";
      const at = secPartAt[companyId];
      return at
        ? {
            value: {
              parts: {
                sec: { status: "succeeded", s3Key: `profiles/${companyId}/runs/r/sec.json`, requestedAt: at },
              },
            },
            etag: "e",
          }
        : undefined;
    },
  } as unknown as ObjectStore;
}

const company = (id: string) => ({ companyId: id, company: { cik: id.slice(4) } });
const bothParts = { parts: ["sec", "leadership"] as const, websitePartCached: async () => false };

describe("planning a watchlist refresh", () => {
  const asOf = new Date("2026-12-08T12:00:00Z"); // a Tuesday

  it("reads each business day's index once and re-extracts only the companies that filed", async () => {
    const objects = objectsWith({
      "cik-0000000001": "2026-12-01T10:00:00.000Z",
      "cik-0000000002": "2026-12-01T10:00:00.000Z",
      "cik-0000000005": "2026-09-01T10:00:00.000Z",
    });
    const eightK: IndexedFiling = {
      day: "2026-12-03",
      form: "8-K",
      fileName: "edgar/data/2/0000000002-26-000001.txt",
    };
    const filersOn = vi.fn(async () => new Map([["0000000002", [eightK]]]));

    const plan = await planWatchlistRefresh(
      { objects },
      [
        company("cik-0000000001"),
        company("cik-0000000002"),
        company("cik-0000000003"),
        { companyId: "name-acme-widgets", company: { name: "Acme Widgets" } },
        company("cik-0000000005"),
      ],
      filersOn,
      asOf,
      bothParts,
    );

    expect(filersOn).toHaveBeenCalledTimes(1);
    expect(plan.indexDays).toEqual([
      "2026-11-30",
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
      "2026-12-04",
      "2026-12-07",
    ]);
    expect(plan.requests).toEqual([
      { ...company("cik-0000000001"), force: false, secUnchangedSince: "2026-11-30T00:00:00.000Z" },
      { ...company("cik-0000000002"), force: true, newFilings: [eightK] },
      { ...company("cik-0000000003"), force: false },
      { companyId: "name-acme-widgets", company: { name: "Acme Widgets" }, force: false },
      // Its SEC part is older than the indexes a refresh reads: extracted again, not checked day by day.
      { ...company("cik-0000000005"), force: false },
    ]);
    expect(plan).toMatchObject({ filed: 1, reused: 1, unchanged: 0, extracted: 3 });
  });

  it("does not count a filing from before the company's own window", async () => {
    const objects = objectsWith({
      "cik-0000000001": "2026-12-04T10:00:00.000Z",
      "cik-0000000002": "2026-12-01T10:00:00.000Z",
    });
    const early: IndexedFiling = { day: "2026-12-01", form: "10-Q", fileName: "edgar/data/1/x.txt" };
    const plan = await planWatchlistRefresh(
      { objects },
      [company("cik-0000000001"), company("cik-0000000002")],
      async () => new Map([["0000000001", [early]]]),
      asOf,
      bothParts,
    );
    expect(plan.requests[0]).toMatchObject({ force: false, secUnchangedSince: "2026-12-03T00:00:00.000Z" });
  });

  it("extracts everything, reading no index, without SEC settings", async () => {
    const plan = await planWatchlistRefresh(
      { objects: objectsWith({ "cik-0000000001": "2026-12-01T10:00:00.000Z" }) },
      [company("cik-0000000001")],
      undefined,
      asOf,
      bothParts,
    );
    expect(plan).toMatchObject({ indexDays: [], extracted: 1, requests: [{ force: false }] });
  });

  it("starts no run for a company with nothing new: SEC unchanged and its website part still cached", async () => {
    const objects = objectsWith({
      "cik-0000000001": "2026-12-01T10:00:00.000Z",
      "cik-0000000002": "2026-12-01T10:00:00.000Z",
    });
    const members = [company("cik-0000000001"), company("cik-0000000002")];
    const secOnly = await planWatchlistRefresh({ objects }, members, async () => new Map(), asOf, {
      parts: ["sec"],
      websitePartCached: async () => false,
    });
    const websiteOfOneCached = await planWatchlistRefresh({ objects }, members, async () => new Map(), asOf, {
      parts: ["sec", "leadership"],
      websitePartCached: async (member) => member.companyId === "cik-0000000001",
    });

    expect(secOnly).toMatchObject({ requests: [], unchanged: 2 });
    expect(websiteOfOneCached).toMatchObject({
      unchanged: 1,
      reused: 1,
      requests: [{ companyId: "cik-0000000002", secUnchangedSince: "2026-11-30T00:00:00.000Z" }],
    });
  });

  it("waits 30 hours for a day's index: EDGAR publishes it that evening, Eastern time", () => {
    expect(lastPublishedIndexDay(new Date("2026-12-08T05:59:00Z"))).toBe("2026-12-06");
    expect(lastPublishedIndexDay(new Date("2026-12-08T06:00:00Z"))).toBe("2026-12-07");
  });
});
