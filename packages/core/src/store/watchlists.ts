import type { CompanyRequest } from "@dossier/events";
import type { WatchlistItem, WatchlistMemberItem } from "./entities/watchlist";
import type { StoreEntities } from "./service";

/** What a list holds after an add or remove. */
export interface WatchlistChange {
  name: string;
  added: number;
  removed: number;
  /** Companies already on the list, left as they were. */
  unchanged: number;
  members: number;
}

export interface WatchedCompany {
  companyId: string;
  company: CompanyRequest;
}

/** Drops the fields DynamoDB returns that a request does not carry. */
function requestOf(company: WatchlistMemberItem["company"]): CompanyRequest {
  return Object.fromEntries(
    Object.entries(company).filter(([, value]) => typeof value === "string" && value !== ""),
  ) as CompanyRequest;
}

/**
 * Watchlists in the table: named lists of companies that a schedule refreshes. A company is on a
 * list at most once (by the profile it writes), and the list's member count is kept with it.
 */
export function createWatchlists(entities: Pick<StoreEntities, "watchlist" | "watchlistMember">) {
  const { watchlist, watchlistMember } = entities;

  async function memberIds(name: string): Promise<Set<string>> {
    const { data } = await watchlistMember.query
      .byList({ list: name })
      .go({ pages: "all", attributes: ["companyId"] });
    return new Set(data.map((member) => member.companyId));
  }

  async function recount(name: string, now: number): Promise<number> {
    const members = (await memberIds(name)).size;
    await watchlist.patch({ name }).set({ members, updatedAt: now }).go({ response: "none" });
    return members;
  }

  return {
    /** Adds companies to a list, creating it; companies already on it are left as they were. */
    async add(name: string, companies: readonly WatchedCompany[], now: number): Promise<WatchlistChange> {
      await watchlist
        .create({ name, members: 0, createdAt: now, updatedAt: now })
        .go({ response: "none", returnOnConditionCheckFailure: true });
      const existing = await memberIds(name);
      const offset = existing.size;
      // `existing` grows as companies are taken, so a company listed twice in the input is taken once.
      const fresh = companies.filter((entry) => {
        if (existing.has(entry.companyId)) return false;
        existing.add(entry.companyId);
        return true;
      });
      if (fresh.length > 0) {
        const items = fresh.map((entry, index) => ({
          list: name,
          companyId: entry.companyId,
          company: entry.company,
          position: offset + index,
          addedAt: now,
        }));
        const { unprocessed } = await watchlistMember.put(items).go({ concurrency: 4 });
        // BatchWriteItem may leave items unwritten under throttling: write those one by one.
        const left = new Set(unprocessed.map((key) => key.companyId));
        for (const item of items.filter((candidate) => left.has(candidate.companyId)))
          await watchlistMember.put(item).go({ response: "none" });
      }
      const members = await recount(name, now);
      return { name, added: fresh.length, removed: 0, unchanged: companies.length - fresh.length, members };
    },

    /** Removes the named companies from a list, or the whole list when none are named. */
    async remove(name: string, companyIds: readonly string[] | undefined, now: number) {
      const existing = await memberIds(name);
      const doomed = companyIds ? companyIds.filter((id) => existing.has(id)) : [...existing];
      if (doomed.length > 0) {
        const { unprocessed } = await watchlistMember
          .delete(doomed.map((companyId) => ({ list: name, companyId })))
          .go();
        // As in add: what BatchWriteItem left under throttling is deleted one by one.
        for (const key of unprocessed) await watchlistMember.delete(key).go({ response: "none" });
      }
      if (!companyIds) {
        await watchlist.delete({ name }).go({ response: "none" });
        return { name, added: 0, removed: doomed.length, unchanged: 0, members: 0 };
      }
      const members = await recount(name, now);
      return {
        name,
        added: 0,
        removed: doomed.length,
        unchanged: companyIds.length - doomed.length,
        members,
      };
    },

    async get(name: string): Promise<WatchlistItem | undefined> {
      const { data } = await watchlist.get({ name }).go();
      return data ?? undefined;
    },

    async all(): Promise<WatchlistItem[]> {
      const { data } = await watchlist.query.byName({}).go({ pages: "all" });
      return data;
    },

    /** A list's companies in the order they were added. */
    async members(name: string): Promise<WatchedCompany[]> {
      const { data } = await watchlistMember.query.byList({ list: name }).go({ pages: "all" });
      return data
        .sort((a, b) => a.position - b.position)
        .map((member) => ({ companyId: member.companyId, company: requestOf(member.company) }));
    },
  };
}

export type Watchlists = ReturnType<typeof createWatchlists>;
