import { describe, expect, it, vi } from "vitest";
import type { ObjectStore } from "../profile/object-store";
import { SecNotFoundError } from "../sec/errors";
import { filingActivity } from "./filing-activity";

const index = (rows: string[]) => `Description:           Daily Index of EDGAR Dissemination Feed by Form Type
 
Form Type   Company Name                                                  CIK         Date Filed  File Name
---------------------------------------------------------------------------------------------------------------------------------------------
${rows.join("\n")}
`;

function memoryBucket() {
  const objects = new Map<string, unknown>();
  return {
    objects,
    store: {
      getJson: async (key: string) => (objects.has(key) ? { value: objects.get(key), etag: "e" } : undefined),
      putJson: async (key: string, value: unknown) => {
        objects.set(key, value);
      },
    } as unknown as ObjectStore,
  };
}

describe("who filed what, from EDGAR's daily indexes", () => {
  it("reads each day from SEC once and keeps it in the bucket", async () => {
    const bucket = memoryBucket();
    const getDailyIndex = vi.fn(async (day: string) =>
      index(
        day === "2026-12-03"
          ? [
              "8-K         Acme Widgets Inc                                              9900001     20261203    edgar/data/9900001/0009900001-26-000031.txt",
              "10-Q        Acme Widgets Inc                                              9900001     20261203    edgar/data/9900001/0009900001-26-000032.txt",
            ]
          : [],
      ),
    );
    const filers = filingActivity({
      sec: { getDailyIndex },
      objects: bucket.store,
      now: () => new Date("2026-12-08T12:00:00Z"),
    });

    const first = await filers(["2026-12-02", "2026-12-03"]);
    const again = await filers(["2026-12-02", "2026-12-03"]);

    expect(first.get("0009900001")).toEqual([
      { day: "2026-12-03", form: "8-K", fileName: "edgar/data/9900001/0009900001-26-000031.txt" },
      { day: "2026-12-03", form: "10-Q", fileName: "edgar/data/9900001/0009900001-26-000032.txt" },
    ]);
    expect(again).toEqual(first);
    expect(getDailyIndex).toHaveBeenCalledTimes(2);
  });

  it("keeps a holiday only once a late index is out of the question", async () => {
    const bucket = memoryBucket();
    const getDailyIndex = vi.fn(async (day: string) => {
      throw new SecNotFoundError(`https://www.sec.gov/Archives/edgar/daily-index/form.${day}.idx`);
    });
    const filers = filingActivity({
      sec: { getDailyIndex },
      objects: bucket.store,
      now: () => new Date("2026-12-08T12:00:00Z"),
    });

    await filers(["2026-11-26", "2026-12-07"]);

    expect([...bucket.objects.keys()]).toEqual(["sec/daily-index/2026-11-26.json"]);
  });
});
