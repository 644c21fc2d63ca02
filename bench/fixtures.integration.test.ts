import { describe, expect, it } from "vitest";
import { startFixtureProcess } from "./fixtures";

describe("startFixtureProcess", () => {
  it("serves the data set from another process and reports the requests it answered", async () => {
    const fixtures = await startFixtureProcess({ syntheticCount: 2, server: { secRateLimitPerSecond: 10 } });
    try {
      expect(fixtures.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const response = await fetch(`${fixtures.secWwwUrl}/files/company_tickers.json`, {
        headers: { "user-agent": "dossier-bench test@example.invalid" },
      });
      await response.arrayBuffer();
      const log = await fixtures.requestLog();

      expect(response.status).toBe(200);
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({
        route: "sec-www",
        status: 200,
        path: "/sec-www/files/company_tickers.json",
      });
    } finally {
      await fixtures.close();
    }
  });
});
