import { randomBytes } from "node:crypto";
import { startLocalStore } from "@dossier/local/dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { createResponseCache } from "./cache";
import { CacheValueTooLargeError } from "./errors";

const { table, store } = await startLocalStore();
afterAll(() => table.close());

describe("response cache", () => {
  it("returns what was put until the TTL passes, then nothing although the item is still stored", async () => {
    let clock = 1_700_000_000_000;
    const cache = createResponseCache({ store, now: () => clock });
    await cache.put("sec-submissions", "CIK0000320193", { name: "Apple Inc." }, 60);

    const fresh = await cache.get("sec-submissions", "CIK0000320193");
    clock += 60_000;
    const expired = await cache.get("sec-submissions", "CIK0000320193");

    expect(fresh).toEqual({ name: "Apple Inc." });
    expect(expired).toBeUndefined();
    const stored = await store.entities.cacheEntry
      .get({ source: "sec-submissions", key: "CIK0000320193" })
      .go();
    expect(stored.data?.expiresAt).toBe(1_700_000_060);
  });

  it("keeps sources and keys apart, including keys that differ only in case", async () => {
    const cache = createResponseCache({ store });
    await cache.put("website", "https://example.com/About", "upper", 60);
    await cache.put("website", "https://example.com/about", "lower", 60);
    await cache.put("bedrock", "https://example.com/about", "other source", 60);

    expect(await cache.get("website", "https://example.com/About")).toBe("upper");
    expect(await cache.get("website", "https://example.com/about")).toBe("lower");
    expect(await cache.get("bedrock", "https://example.com/about")).toBe("other source");
  });

  it("compresses large values and reads them back intact", async () => {
    const cache = createResponseCache({ store });
    const facts = {
      facts: Array.from({ length: 5_000 }, (_, index) => ({ concept: "Revenues", value: index })),
    };

    await cache.put("sec-companyfacts", "CIK0000000001", facts, 3_600);

    const stored = await store.entities.cacheEntry
      .get({ source: "sec-companyfacts", key: "CIK0000000001" })
      .go();
    expect(stored.data?.encoding).toBe("gzip-base64");
    expect(stored.data?.value.length).toBeLessThan(JSON.stringify(facts).length / 4);
    expect(await cache.get("sec-companyfacts", "CIK0000000001")).toEqual(facts);
  });

  it("refuses a value that stays over the size limit after compression", async () => {
    const cache = createResponseCache({ store, maxStoredBytes: 20_000 });
    const incompressible = randomBytes(15_000).toString("base64");

    await expect(cache.put("website", "big", incompressible, 60)).rejects.toBeInstanceOf(
      CacheValueTooLargeError,
    );
  });

  it("accepts keys far longer than a DynamoDB key may be", async () => {
    const cache = createResponseCache({ store });
    const longKey = `https://example.com/${"a".repeat(3_000)}`;

    await cache.put("website", longKey, { ok: true }, 60);

    expect(await cache.get("website", longKey)).toEqual({ ok: true });
    expect(await cache.get("website", `${longKey}b`)).toBeUndefined();
  });
});
