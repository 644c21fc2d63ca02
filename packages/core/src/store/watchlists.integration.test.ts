import { startLocalStore } from "@dossier/local/dynamodb";
import { afterAll, describe, expect, it } from "vitest";

const { table, store } = await startLocalStore();
afterAll(() => table.close());

const company = (cik: string) => ({ companyId: `cik-${cik}`, company: { cik } });

describe("watchlists", () => {
  it("takes a company listed twice once, and leaves companies already on the list as they were", async () => {
    const first = await store.watchlists.add(
      "deals",
      [company("0000000001"), company("0000000002"), company("0000000001")],
      1_000,
    );
    const second = await store.watchlists.add("deals", [company("0000000002"), company("0000000003")], 2_000);

    expect(first).toEqual({ name: "deals", added: 2, removed: 0, unchanged: 1, members: 2 });
    expect(second).toEqual({ name: "deals", added: 1, removed: 0, unchanged: 1, members: 3 });
    expect((await store.watchlists.members("deals")).map((member) => member.companyId)).toEqual([
      "cik-0000000001",
      "cik-0000000002",
      "cik-0000000003",
    ]);
  });

  it("removes named companies, then the whole list", async () => {
    await store.watchlists.add("core", [company("0000000011"), company("0000000012")], 1_000);

    const some = await store.watchlists.remove("core", ["cik-0000000011", "cik-0000000099"], 2_000);
    const rest = await store.watchlists.remove("core", undefined, 3_000);

    expect(some).toEqual({ name: "core", added: 0, removed: 1, unchanged: 1, members: 1 });
    expect(rest).toEqual({ name: "core", added: 0, removed: 1, unchanged: 0, members: 0 });
    expect(await store.watchlists.get("core")).toBeUndefined();
    expect(await store.watchlists.members("core")).toEqual([]);
  });
});
