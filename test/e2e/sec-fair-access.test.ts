import {
  type CircuitTransition,
  createCircuitBreaker,
  createSharedRateLimiter,
} from "@dossier/core/resilience";
import { buildTickerIndex, createSecClient, extractSecPart } from "@dossier/core/sec";
import { createStore, type Store } from "@dossier/core/store";
import { type DemoFixtureServer, generateDemoDataset, startDemoFixtureServer } from "@dossier/local/demo";
import { type LocalTable, startLocalTable } from "@dossier/local/dynamodb";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  corpusDir,
  describeOnSharedCorpus,
  type EdgarFixtureServer,
  startEdgarFixtureServer,
} from "../shared-corpus";

describeOnSharedCorpus("SEC fair access shared by every worker", () => {
  let table: LocalTable;

  beforeAll(async () => {
    table = await startLocalTable();
  });

  afterAll(async () => {
    await table.close();
  });

  /** A worker: its own store client, limiter and SEC client, sharing only the table. */
  function worker(store: Store, server: { secDataUrl: string; secWwwUrl: string }) {
    const limiter = createSharedRateLimiter({ store, upstream: "sec-fair-access-test", headroom: 0.05 });
    return createSecClient({
      dataBaseUrl: server.secDataUrl,
      wwwBaseUrl: server.secWwwUrl,
      userAgent: "dossier-tests tests@example.com",
      acquireToken: () => limiter.acquire(),
    });
  }

  // The limiter's bound (never more than 10 slots in any second across workers) is proven with a
  // controlled clock in rate-limiter.test.ts, and "no 429 at SEC's limit" is measured by the
  // benchmark's scenario (b). Here, on a machine whose load this test cannot control, scheduling
  // jitter may still bunch two requests into one second: what must hold is that every extraction
  // completes against a server that enforces the limit.
  it("completes 50 concurrent extractions on 5 workers against a server that answers 429 above 10 requests/s", async () => {
    // Prepare: 50 registrants; the fixture server refuses anything above 10 requests in any second.
    const dataset = generateDemoDataset({ syntheticCount: 50 });
    const server: DemoFixtureServer = await startDemoFixtureServer({ dataset, secRateLimitPerSecond: 10 });
    try {
      const registrants = dataset.companies.filter(
        (company) => company.sec && company.origin === "synthetic",
      );
      const workers = Array.from({ length: 5 }, () =>
        worker(createStore({ client: table.client, table: table.tableName }), server),
      );
      // Act: 50 extractions at once, spread over 5 workers (by CIK: no ticker list needed).
      const results = await Promise.all(
        registrants.slice(0, 50).map((company, index) =>
          extractSecPart({
            request: { cik: String(company.sec?.cik) },
            client: workers[index % workers.length] as ReturnType<typeof worker>,
            now: () => new Date(),
          }),
        ),
      );
      // Assess
      expect(results.filter((result) => result.status === "succeeded")).toHaveLength(50);
      const secRequests = server.requestLog.filter(
        (entry) => entry.route === "sec-data" || entry.route === "sec-www",
      );
      expect(secRequests.length).toBeGreaterThanOrEqual(100);
    } finally {
      await server.close();
    }
  }, 120_000);

  it("opens the SEC circuit while EDGAR keeps failing and closes it after recovery", async () => {
    // Prepare: EDGAR answers 503 to the first 5 submissions requests, then recovers.
    const edgar: EdgarFixtureServer = await startEdgarFixtureServer({
      corpusDir: corpusDir,
      failures: [{ match: /\/submissions\//, status: 503, times: 5 }],
    });
    let clock = Date.parse("2026-11-22T10:00:00Z");
    const transitions: CircuitTransition[] = [];
    const store = createStore({ client: table.client, table: table.tableName });
    const breaker = createCircuitBreaker({
      store,
      upstream: "sec-circuit-test",
      failureThreshold: 5,
      cooldownMs: 30_000,
      now: () => clock,
      onTransition: (transition) => {
        transitions.push(transition);
      },
      isFailure: (error) => (error as { retryable?: boolean }).retryable === true,
    });
    const client = createSecClient({
      dataBaseUrl: edgar.dataBaseUrl,
      wwwBaseUrl: edgar.wwwBaseUrl,
      userAgent: "dossier-tests tests@example.com",
      maxRetries: 0,
    });
    const tickers = buildTickerIndex(await client.getCompanyTickers());
    const extract = () =>
      breaker.execute(() =>
        extractSecPart({
          request: { ticker: "AAPL" },
          client,
          now: () => new Date(),
          loadTickerIndex: async () => tickers,
        }),
      );
    try {
      // Act: five failures open the circuit; further calls are refused without reaching EDGAR.
      for (let attempt = 0; attempt < 5; attempt += 1)
        await expect(extract()).rejects.toThrow(/503|unavailable|SEC/i);
      const requestsWhenOpened = edgar.requests.length;
      await expect(extract()).rejects.toThrow(/Circuit for sec-circuit-test is open/);
      expect(edgar.requests.length).toBe(requestsWhenOpened);
      // After the cooldown one probe goes through to the recovered EDGAR and closes the circuit.
      clock += 31_000;
      const result = await extract();
      // Assess
      expect(result.status).toBe("succeeded");
      expect(transitions.map((transition) => transition.to)).toEqual(["open", "half-open", "closed"]);
    } finally {
      await edgar.close();
    }
  }, 60_000);
});
