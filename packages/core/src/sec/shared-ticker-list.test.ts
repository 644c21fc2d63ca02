import { describe, expect, it, vi } from "vitest";
import type { ObjectStore } from "../profile/object-store";
import { sharedTickerList } from "./shared-ticker-list";

/** A bucket in memory with S3's conditional write: absent key (If-None-Match) or matching etag (If-Match). */
function memoryBucket() {
  const objects = new Map<string, { value: unknown; etag: string }>();
  let version = 0;
  const store = {
    getJson: async (key: string) => objects.get(key),
    putJson: async (key: string, value: unknown) => {
      objects.set(key, { value, etag: `e${++version}` });
    },
    putJsonIfUnchanged: async (key: string, value: unknown, etag: string | undefined) => {
      if (objects.get(key)?.etag !== etag) return false;
      objects.set(key, { value, etag: `e${++version}` });
      return true;
    },
  };
  return { objects, store: store as unknown as ObjectStore };
}

const tickers = { "0": { cik_str: 320193, ticker: "AAPL", title: "Apple Inc." } };

describe("SEC's ticker list shared by a stage", () => {
  it("is fetched from SEC once a day, however many functions ask at once", async () => {
    const bucket = memoryBucket();
    const getCompanyTickers = vi.fn(async () => tickers);
    const now = () => new Date("2026-12-04T10:00:00Z");
    const sleep = async () => undefined;

    const lists = await Promise.all(
      Array.from({ length: 8 }, () =>
        sharedTickerList({ sec: { getCompanyTickers }, objects: bucket.store, now, sleep }),
      ),
    );
    await sharedTickerList({ sec: { getCompanyTickers }, objects: bucket.store, now, sleep });

    expect(getCompanyTickers).toHaveBeenCalledTimes(1);
    expect(lists.every((list) => JSON.stringify(list) === JSON.stringify(tickers))).toBe(true);
    expect(bucket.objects.has("sec/company-tickers/2026-12-04.json")).toBe(true);
  });

  it("is fetched again the next day, and a claim left by a function that died holds no one back", async () => {
    const bucket = memoryBucket();
    const getCompanyTickers = vi.fn(async () => tickers);
    let at = Date.parse("2026-12-04T10:00:00Z");
    const now = () => new Date(at);
    await sharedTickerList({ sec: { getCompanyTickers }, objects: bucket.store, now });
    at += 86_400_000;
    await bucket.store.putJson("sec/company-tickers/2026-12-05.json.claim", { claimedAt: at - 120_000 });

    await sharedTickerList({ sec: { getCompanyTickers }, objects: bucket.store, now });

    expect(getCompanyTickers).toHaveBeenCalledTimes(2);
  });

  it("takes yesterday's copy while another function's fetch does not arrive", async () => {
    const bucket = memoryBucket();
    const at = Date.parse("2026-12-05T10:00:00Z");
    await bucket.store.putJson("sec/company-tickers/2026-12-04.json", tickers);
    await bucket.store.putJson("sec/company-tickers/2026-12-05.json.claim", { claimedAt: at - 1_000 });
    const getCompanyTickers = vi.fn(async () => ({}));

    const list = await sharedTickerList({
      sec: { getCompanyTickers },
      objects: bucket.store,
      now: () => new Date(at),
      sleep: async () => undefined,
    });

    expect(list).toEqual(tickers);
    expect(getCompanyTickers).not.toHaveBeenCalled();
  });
});
