import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";

/**
 * A watchlist: a named list of companies a schedule keeps current. All lists share one
 * partition so listing them is one query; their members are items of their own.
 */
export const createWatchlistEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "watchlist", version: "1", service: "dossier" },
      attributes: {
        name: { type: "string", required: true, readOnly: true },
        members: { type: "number", required: true, default: 0 },
        /** Epoch ms. */
        createdAt: { type: "number", required: true, readOnly: true },
        updatedAt: { type: "number", required: true },
      },
      indexes: {
        byName: {
          pk: { field: "pk", composite: [] },
          sk: { field: "sk", composite: ["name"], casing: "none" },
        },
      },
    },
    config,
  );

export type WatchlistEntity = ReturnType<typeof createWatchlistEntity>;
export type WatchlistItem = EntityItem<WatchlistEntity>;

/** One company on a watchlist. Members of a list share a partition: reading a list is one query. */
export const createWatchlistMemberEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "watchlistMember", version: "1", service: "dossier" },
      attributes: {
        list: { type: "string", required: true, readOnly: true },
        /** The profile the member's runs write: `cik-…` when known, else derived from the request. */
        companyId: { type: "string", required: true, readOnly: true },
        company: {
          type: "map",
          required: true,
          properties: {
            ticker: { type: "string" },
            cik: { type: "string" },
            name: { type: "string" },
            website: { type: "string" },
          },
        },
        /** Position in the file it was added from, so a refresh keeps the user's order. */
        position: { type: "number", required: true },
        /** Epoch ms. */
        addedAt: { type: "number", required: true, readOnly: true },
      },
      indexes: {
        byList: {
          pk: { field: "pk", composite: ["list"], casing: "none" },
          sk: { field: "sk", composite: ["companyId"] },
        },
      },
    },
    config,
  );

export type WatchlistMemberEntity = ReturnType<typeof createWatchlistMemberEntity>;
export type WatchlistMemberItem = EntityItem<WatchlistMemberEntity>;
