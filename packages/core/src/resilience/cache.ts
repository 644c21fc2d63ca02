import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Store } from "../store";
import { CacheValueTooLargeError } from "./errors";

export interface ResponseCacheOptions {
  store: Store;
  now?: () => number;
  /** JSON longer than this is gzipped (base64) before storing, default 8 KiB. */
  compressAboveBytes?: number;
  /** Stored values longer than this are refused, default 350 000 bytes (items max out at 400 KB). */
  maxStoredBytes?: number;
}

export interface ResponseCache {
  /** The cached value, or undefined when absent or expired (even if DynamoDB has not deleted it yet). */
  get<T>(source: string, key: string): Promise<T | undefined>;
  /** Stores a JSON-serialisable value for `ttlSeconds`. */
  put(source: string, key: string, value: unknown, ttlSeconds: number): Promise<void>;
}

// Keys beyond this many characters (long URLs) are replaced by their SHA-256 to stay well inside key limits.
const MAX_KEY_LENGTH = 512;

/**
 * A response cache in the dossier table, keyed by (source, key), with DynamoDB TTL for
 * cleanup and an expiry check on every read, because TTL deletion runs days late.
 *
 * @example
 * const cache = createResponseCache({ store });
 * const facts = (await cache.get<CompanyFacts>("sec-companyfacts", cik)) ?? (await fetchAndPut());
 */
export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const entry = options.store.entities.cacheEntry;
  const now = options.now ?? Date.now;
  const compressAboveBytes = options.compressAboveBytes ?? 8 * 1024;
  const maxStoredBytes = options.maxStoredBytes ?? 350_000;

  return {
    async get<T>(source: string, key: string) {
      const { data } = await entry.get({ source, key: storageKey(key) }).go();
      if (!data || data.expiresAt * 1000 <= now()) return undefined;
      const json =
        data.encoding === "gzip-base64"
          ? gunzipSync(Buffer.from(data.value, "base64")).toString()
          : data.value;
      return JSON.parse(json) as T;
    },

    async put(source, key, value, ttlSeconds) {
      const json = JSON.stringify(value);
      if (json === undefined)
        throw new TypeError(`Cache value for ${source}/${key} is not JSON-serialisable.`);
      const compress = Buffer.byteLength(json) > compressAboveBytes;
      const stored = compress ? gzipSync(json).toString("base64") : json;
      const storedBytes = Buffer.byteLength(stored);
      if (storedBytes > maxStoredBytes)
        throw new CacheValueTooLargeError(source, key, storedBytes, maxStoredBytes);
      const storedAt = now();
      await entry
        .put({
          source,
          key: storageKey(key),
          value: stored,
          encoding: compress ? "gzip-base64" : "json",
          storedAt,
          expiresAt: Math.ceil(storedAt / 1000 + ttlSeconds),
        })
        .go({ response: "none" });
    },
  };
}

function storageKey(key: string): string {
  return key.length <= MAX_KEY_LENGTH ? key : `sha256:${createHash("sha256").update(key).digest("hex")}`;
}
