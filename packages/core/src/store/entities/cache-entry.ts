import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";

/**
 * A cached upstream answer, per source ("sec-submissions", "website", "bedrock"…) and key.
 * `expiresAt` is the table's TTL attribute; DynamoDB deletes late (and dynalite never), so
 * readers must compare it with their clock.
 */
export const createCacheEntryEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "cacheEntry", version: "1", service: "dossier" },
      attributes: {
        source: { type: "string", required: true, readOnly: true },
        key: { type: "string", required: true, readOnly: true },
        /** JSON text, or base64 of gzipped JSON text when `encoding` says so. */
        value: { type: "string", required: true },
        encoding: { type: ["json", "gzip-base64"] as const, required: true },
        /** Epoch ms. */
        storedAt: { type: "number", required: true },
        /** Epoch seconds (DynamoDB TTL format). */
        expiresAt: { type: "number", required: true },
      },
      indexes: {
        bySourceAndKey: {
          // Cache keys are often case-sensitive (URLs, content hashes): keep ElectroDB from lower-casing them.
          pk: { field: "pk", composite: ["source", "key"], casing: "none" },
          sk: { field: "sk", composite: [] },
        },
      },
    },
    config,
  );

export type CacheEntryEntity = ReturnType<typeof createCacheEntryEntity>;
export type CacheEntryItem = EntityItem<CacheEntryEntity>;
