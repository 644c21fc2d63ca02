import { startLocalStore } from "@dossier/local/dynamodb";
import { afterAll, describe, expect, it } from "vitest";

const { table, store } = await startLocalStore();
afterAll(() => table.close());

describe("store", () => {
  it("lists every schedule in one query and keeps their company lists", async () => {
    const { schedule } = store.entities;
    await schedule
      .put({
        name: "Nightly-S&P",
        expression: "cron(0 2 * * ? *)",
        companies: [{ ticker: "AAPL" }, { cik: "789019", website: "https://www.microsoft.com" }],
        parts: ["sec"],
        createdAt: 1,
      })
      .go();
    await schedule
      .put({ name: "hourly", expression: "rate(1 hour)", companies: [{ name: "Acme" }], createdAt: 2 })
      .go();

    const { data } = await schedule.query.byName({}).go();

    expect(data.map((item) => item.name).sort()).toEqual(["Nightly-S&P", "hourly"]);
    expect(data.find((item) => item.name === "Nightly-S&P")).toMatchObject({
      timezone: "UTC",
      enabled: true,
      parts: ["sec"],
      companies: [{ ticker: "AAPL" }, { cik: "789019", website: "https://www.microsoft.com" }],
    });
  });

  it("keeps two stores on different tables apart although they share entity definitions", async () => {
    const { table: other, store: otherStore } = await startLocalStore({ tableName: "dossier-other" });

    await otherStore.entities.rateBucket.put({ upstream: "sec", tat: 42 }).go();

    expect((await store.entities.rateBucket.get({ upstream: "sec" }).go()).data).toBeNull();
    expect((await otherStore.entities.rateBucket.get({ upstream: "sec" }).go()).data?.tat).toBe(42);
    await other.close();
  });
});
