import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import {
  type ConsoleSources,
  localOperations,
  localSources,
  type RunningConsole,
  startConsole,
} from "@dossier/console";
import type { LatestDocument, MergedProfile } from "@dossier/core/profile";
import { ProfileKeys } from "@dossier/core/profile";
import { BatchRequested, Sources, toPutEventsEntry } from "@dossier/events";
import {
  type DemoFixtureServer,
  demoRequests,
  generateDemoDataset,
  startDemoFixtureServer,
} from "@dossier/local/demo";
import { LocalResourceNames, type LocalRuntime, startLocalRuntime } from "@dossier/local/runtime";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoEnvironment, toCompanyRequest } from "../e2e/harness";
import { describeInBrowser, launchChromium, screenshot } from "./browser";

/** Generous bounds: a loaded 2-core machine may take many times longer than an idle one. */
const batchBoundMs = 150_000;
const pageBoundMs = 30_000;
/** A test that waits for a few pages: longer than its waits, so they, not the runner, say what did not appear. */
const pageTestBoundMs = 4 * pageBoundMs;

const inertName = "<img src=x onerror=alert(1)>";

describeInBrowser("the console in a real browser", () => {
  let fixture: DemoFixtureServer;
  let runtime: LocalRuntime;
  let sources: ConsoleSources;
  let consoleServer: RunningConsole;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    fixture = await startDemoFixtureServer({ dataset: generateDemoDataset() });
    runtime = await startLocalRuntime({
      retryBaseDelayMs: 20,
      sweepIntervalMs: 0,
      environment: demoEnvironment(fixture),
    });
    sources = localSources(runtime.environment, {
      target: "local runtime",
      operations: localOperations(runtime),
    });
    consoleServer = await startConsole({ sources, liveIntervalMs: 250 });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    // Any dialog means markup from the data ran as script.
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    // Opening the printed URL signs this browser in for every test below.
    await page.goto(consoleServer.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await consoleServer?.close();
    await runtime?.stop();
    await fixture?.close();
  });

  it(
    "refuses a request without the token and lets the printed URL in",
    async () => {
      // Prepare: a browser that has not been given the URL yet.
      const stranger = await browser.newContext();
      const visitor = await stranger.newPage();

      // Act
      const refused = await visitor.goto(`${consoleServer.origin}/runs`);
      const refusedText = await visitor.textContent("body");
      const admitted = await visitor.goto(consoleServer.url);
      const landedOn = visitor.url();
      await stranger.close();

      // Assess
      expect(refused?.status()).toBe(401);
      expect(refusedText).toContain("needs the token");
      expect(admitted?.status()).toBe(200);
      expect(new URL(landedOn).pathname).toBe("/runs");
      expect(landedOn).not.toContain(consoleServer.token);
    },
    pageTestBoundMs,
  );

  it(
    "renders an executive and a company named with markup as inert text",
    async () => {
      // Prepare: a run and an SEC part whose publisher-controlled names are markup.
      const runId = "run_console_xss";
      const companyId = "cik-0000999001";
      const requestedAt = Date.now();
      await sources.store.runs.create({
        runId,
        companyId,
        company: { cik: "999001", name: inertName },
        partsExpected: ["sec"],
        requestedAt,
        deadlineAt: requestedAt + 600_000,
      });
      const latest: LatestDocument = {
        companyId,
        updatedAt: new Date(requestedAt).toISOString(),
        parts: {
          sec: {
            part: "sec",
            runId,
            status: "succeeded",
            completeness: 90,
            missing: [],
            cached: false,
            durationMs: 1200,
            requestedAt: new Date(requestedAt).toISOString(),
            data: {
              identity: { name: `<script>alert("name")</script>${inertName}`, cik: "0000999001" },
              financials: [],
              executives: {
                officers: [{ name: inertName, title: "<b>Chief</b> Executive Officer" }],
                document: {
                  form: "10-K",
                  accessionNumber: "0000999001-26-000001",
                  filed: "2026-02-01",
                  url: "javascript:alert(2)",
                },
              },
              notes: [],
            },
          },
        },
      };
      await sources.objects.putJson(ProfileKeys.latest(companyId), latest);

      // Act
      await page.goto(`${consoleServer.origin}/profiles/${companyId}`);
      await page.waitForSelector("td.name", { timeout: pageBoundMs });
      await page.goto(`${consoleServer.origin}/runs?company=999001`);
      await page.waitForSelector(`tr[data-run="${runId}"]`, { timeout: pageBoundMs });
      const runsRowText = await page.textContent(`tr[data-run="${runId}"]`);
      await page.goto(`${consoleServer.origin}/profiles/${companyId}`);

      // Assess: the markup is text, no element came from it, no script ran, and the javascript: URL is no link.
      expect(await page.textContent("td.name")).toBe(inertName);
      expect(await page.textContent("h1")).toBe(`<script>alert("name")</script>${inertName}`);
      expect(runsRowText).toContain(inertName);
      expect(await page.locator("main img, main b, main script").count()).toBe(0);
      expect(await page.locator('a[href^="javascript"]').count()).toBe(0);
      expect(dialogs).toEqual([]);
    },
    pageTestBoundMs,
  );

  it(
    "shows the SEC part of a profile first and the team when it lands, without a reload",
    async () => {
      // Prepare: a run whose SEC part is in and whose website part is not.
      const runId = "run_console_progressive";
      const companyId = "cik-0000999002";
      const requestedAt = Date.now();
      await sources.store.runs.create({
        runId,
        companyId,
        company: { cik: "999002", name: "Progressive Parts Inc." },
        partsExpected: ["sec", "leadership"],
        requestedAt,
        deadlineAt: requestedAt + 600_000,
      });
      const at = new Date(requestedAt).toISOString();
      const secData = {
        identity: { name: "Progressive Parts Inc.", cik: "0000999002", tickers: ["PRGP"] },
        financials: [],
        executives: {
          officers: [{ name: "Ada Example", title: "Chief Executive Officer" }],
          document: {
            form: "10-K",
            accessionNumber: "0000999002-26-000001",
            filed: "2026-02-01",
            url: "https://www.sec.gov/",
          },
        },
        notes: [],
      };
      const secPart = {
        part: "sec" as const,
        runId,
        status: "succeeded" as const,
        completeness: 100,
        missing: [],
        cached: false,
        durationMs: 900,
        requestedAt: at,
      };
      await sources.objects.putJson(ProfileKeys.latest(companyId), {
        companyId,
        updatedAt: at,
        parts: { sec: { ...secPart, data: secData } },
      } satisfies LatestDocument);

      // Act 1: the page shows the SEC part and waits for the website.
      await page.goto(`${consoleServer.origin}/profiles/${companyId}`);
      await page.waitForSelector('[data-part="leadership"] .badge.info', { timeout: pageBoundMs });
      const before = await page.textContent("#executives");
      await page.evaluate(() => {
        (globalThis as unknown as { notReloaded: boolean }).notReloaded = true;
      });

      // Act 2: the website part arrives and the run's merge writes the profile.
      const profile: MergedProfile & { requestedAt: string } = {
        companyId,
        runId,
        status: "completed",
        completeness: 100,
        missing: [],
        identity: secData.identity,
        financials: [],
        executives: [
          {
            name: "Ada Example",
            title: "Chief Executive Officer",
            age: undefined,
            sources: ["sec-10k", "website"],
            confirmed: true,
            titleSource: "sec-10k",
            sourceUrl: "https://progressive.example/leadership",
            confidence: 0.95,
            provenance: [
              { kind: "sec", document: "10-K", accessionNumber: "0000999002-26-000001" },
              { kind: "website", url: "https://progressive.example/leadership", method: "json-ld" },
            ],
          },
        ],
        board: [],
        uncertain: [],
        notFound: {},
        sources: { identity: { kind: "sec", document: "EDGAR submissions" }, fetchedAt: {} },
        parts: {},
        cached: false,
        timings: { requestedAt: at, mergedAt: new Date().toISOString(), durationMs: 1500 },
        requestedAt: at,
      };
      await sources.objects.putJson(ProfileKeys.latest(companyId), {
        companyId,
        updatedAt: new Date().toISOString(),
        parts: {
          sec: { ...secPart, s3Key: ProfileKeys.part(companyId, runId, "sec") },
          leadership: {
            ...secPart,
            part: "leadership",
            durationMs: 1400,
            s3Key: ProfileKeys.part(companyId, runId, "leadership"),
          },
        },
        profile,
      } satisfies LatestDocument);
      await page.waitForSelector("#executives .source.confirmed", { timeout: pageBoundMs });

      // Assess
      expect(before).toContain("Ada Example");
      expect(before).toContain("10-K");
      expect(before).not.toContain("confirmed");
      expect(await page.textContent("#executives")).toContain("website");
      expect(await page.locator('[data-part="leadership"] .badge.ok').count()).toBe(1);
      expect(
        await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded),
      ).toBe(true);
      await screenshot(page, "profile-progressive");
    },
    pageTestBoundMs,
  );

  describe("a demo batch", () => {
    const batchId = `batch_console_${Date.now()}`;
    const companies = demoRequests(generateDemoDataset())
      .filter((entry) => entry.expect === "completed")
      .slice(0, 5);
    let runsPage: Page;

    beforeAll(async () => {
      const withSites = demoRequests(generateDemoDataset(), fixture.baseUrl);
      // The Runs page is open before the batch starts: its rows must arrive live.
      runsPage = await context.newPage();
      await runsPage.goto(`${consoleServer.origin}/runs?batch=${batchId}`);
      await runsPage.evaluate(() => {
        (globalThis as unknown as { openedBefore: boolean }).openedBefore = true;
      });
      const entry = toPutEventsEntry(
        BatchRequested,
        {
          batchId,
          parts: ["sec", "leadership"],
          force: false,
          requestedAt: new Date().toISOString(),
          companies: companies.map((picked) =>
            toCompanyRequest(
              withSites.find((candidate) => candidate.key === picked.key)?.request ?? picked.request,
            ),
          ),
        },
        { source: Sources.requests, busName: LocalResourceNames.bus },
      );
      const published = await new EventBridgeClient({}).send(new PutEventsCommand({ Entries: [entry] }));
      expect(published.FailedEntryCount).toBe(0);
    });

    it(
      "lists the batch's runs on the open Runs page as they start, without a reload",
      async () => {
        await expect
          .poll(() => runsPage.locator("tr[data-run]").count(), { timeout: batchBoundMs, interval: 250 })
          .toBe(companies.length);
        // The page was never reloaded: the marker set before the batch started is still there.
        expect(
          await runsPage.evaluate(() => (globalThis as unknown as { openedBefore?: boolean }).openedBefore),
        ).toBe(true);
        await runsPage.close();
      },
      batchBoundMs + 10_000,
    );

    it(
      "shows the batch's progress until its summary",
      async () => {
        // Prepare: the batch page exists once the fan-out has opened the batch.
        await expect
          .poll(async () => (await sources.store.batches.get(batchId)) !== undefined, {
            timeout: batchBoundMs,
            interval: 250,
          })
          .toBe(true);

        // Act
        await page.goto(`${consoleServer.origin}/batches/${batchId}`);
        await page.waitForSelector('section.summary[data-status="completed"]', { timeout: batchBoundMs });

        // Assess
        const summary = await page.textContent("section.summary");
        expect(summary).toContain("Batch.Completed");
        expect(summary).toContain(`${companies.length}/${companies.length}`);
        expect(summary).toMatch(/p95 duration\s*\d/);
        expect(await page.locator("canvas[data-chart]").evaluate((canvas) => canvas.width > 0)).toBe(true);
        await screenshot(page, "batch");
      },
      2 * batchBoundMs + 10_000,
    );

    it(
      "shows a run's timeline from the request through each part and the merge to its terminal event",
      async () => {
        const [run] = await sources.store.runs.ofBatch(batchId);
        expect(run).toBeDefined();

        await page.goto(`${consoleServer.origin}/runs/${run?.runId}`);
        await page.waitForSelector('tr[data-step="terminal"]', { timeout: pageBoundMs });

        const steps = await page
          .locator("table.timeline tr[data-step]")
          .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-step")));
        expect(steps).toEqual(["request", "part", "part", "merge", "terminal"]);
        expect(await page.textContent("table.timeline")).toMatch(/Profile\.(Completed|Incomplete)/);
        // Its cost, priced by the model docs/cost.md's table comes from.
        expect(await page.textContent("dl.facts")).toMatch(/cost on AWS\s*≈ \$0\.000\d{4}/);
        // The events this console saw, from the request to the terminal event.
        const events = await page.locator("table.events tbody tr td:nth-child(2)").allTextContents();
        expect(events[0]).toBe("Extraction.Requested");
        expect(events.filter((type) => type === "Extraction.PartCompleted")).toHaveLength(2);
        expect(events.at(-1)).toMatch(/Profile\.(Completed|Incomplete)/);
        // Chart.js drew the bars: the canvas has a chart attached and a size.
        expect(await page.locator("canvas[data-chart]").evaluate((canvas) => canvas.width > 0)).toBe(true);
        await screenshot(page, "run");
      },
      pageTestBoundMs,
    );

    it(
      "renders a company's profile with its executives, sources and financials",
      async () => {
        const runs = await sources.store.runs.ofBatch(batchId);
        const completed = runs.find((run) => run.status === "completed");
        expect(completed).toBeDefined();

        await page.goto(`${consoleServer.origin}/profiles/${completed?.companyId}`);
        await page.waitForSelector("table.executives", { timeout: pageBoundMs });

        expect(await page.locator("table.executives tbody tr").count()).toBeGreaterThan(0);
        expect(await page.locator(".source").count()).toBeGreaterThan(0);
        expect(await page.locator("table.financials tbody tr").count()).toBeGreaterThan(0);
        expect(
          await page.locator('table.financials a[href^="https://www.sec.gov/Archives/"]').count(),
        ).toBeGreaterThan(0);
        // Its history lists the run that wrote it, with the documents it left.
        const history = page.locator(`table.history tr`, { hasText: completed?.runId ?? "" });
        expect(await history.textContent()).toContain("profile");
        await screenshot(page, "profile");

        await page.goto(`${consoleServer.origin}/runs`);
        await page.waitForSelector("tr[data-run]", { timeout: pageBoundMs });
        await screenshot(page, "runs");
        expect(dialogs).toEqual([]);
      },
      pageTestBoundMs,
    );
  });

  describe("a dead letter", () => {
    const runId = `run_console_redrive_${Date.now()}`;
    let relayBroken = true;

    beforeAll(async () => {
      // Another system's relay that forwards requests to dossier: it is down, so its delivery is
      // dead-lettered at once, and the run it would start never begins until it is redriven.
      const [company] = demoRequests(generateDemoDataset(), fixture.baseUrl).filter(
        (entry) => entry.expect === "completed" && "cik" in entry.request,
      );
      runtime.bus.putRule({
        name: "tests-relay",
        eventPattern: { source: ["dossier.tests"], "detail-type": ["Relay.Requested"] },
        targets: [
          {
            id: "relay",
            retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeSeconds: 60 },
            invoke: async (event) => {
              if (relayBroken) throw new Error("relay is down");
              const { request } = event.detail as { request: Record<string, unknown> };
              await runtime.bus.putEvents([
                {
                  EventBusName: LocalResourceNames.bus,
                  Source: Sources.requests,
                  DetailType: "Extraction.Requested",
                  Detail: JSON.stringify(request),
                },
              ]);
            },
          },
        ],
      });
      await runtime.bus.putEvents([
        {
          EventBusName: LocalResourceNames.bus,
          Source: "dossier.tests",
          DetailType: "Relay.Requested",
          Detail: JSON.stringify({
            runId,
            request: {
              runId,
              company: { cik: company?.request.cik, website: company?.request.website },
              parts: ["sec"],
              requestedAt: new Date().toISOString(),
            },
          }),
        },
      ]);
    });

    it(
      "is redriven from the Operations page, and the run it carried ends",
      async () => {
        // Prepare
        await page.goto(`${consoleServer.origin}/operations`);
        const row = page.locator("tr[data-letter]", { hasText: runId });
        await row.waitFor({ timeout: pageBoundMs });
        expect(await row.textContent()).toContain("relay is down");
        await screenshot(page, "operations");
        relayBroken = false;

        // Act
        await row.getByRole("button", { name: "redrive" }).click();
        await page.waitForSelector("p.message", { timeout: pageBoundMs });

        // Assess
        expect(await page.textContent("p.message")).toContain("delivered");
        // The live list drops the letter once it is delivered.
        await expect
          .poll(() => page.locator("tr[data-letter]", { hasText: runId }).count(), { timeout: pageBoundMs })
          .toBe(0);
        await page.goto(`${consoleServer.origin}/runs/${runId}`);
        await page.waitForSelector('tr[data-step="terminal"]', { timeout: batchBoundMs });
        expect(await page.textContent("table.timeline")).toMatch(/Profile\.(Completed|Incomplete)/);
      },
      batchBoundMs + 30_000,
    );
  });
  describe("schedules", () => {
    it(
      "are created and deleted from the Operations page, and a bad one is explained",
      async () => {
        // Prepare
        await page.goto(`${consoleServer.origin}/operations`);
        const form = page.locator("form.schedule-form");

        // Act: a schedule with an expression Scheduler would refuse, then a good one.
        await form.locator('input[name="name"]').fill("weekly-console");
        await form.locator('input[name="expression"]').fill("every monday");
        await form.locator('textarea[name="companies"]').fill("BWTR\n9900002");
        await form.getByRole("button", { name: "create schedule" }).click();
        await page.waitForSelector("p.message.error", { timeout: pageBoundMs });
        const refusal = await page.textContent("p.message");
        await form.locator('input[name="expression"]').fill("cron(0 6 ? * MON *)");
        await form.getByRole("button", { name: "create schedule" }).click();
        await page.waitForSelector("p.message:not(.error)", { timeout: pageBoundMs });
        const created = await page.textContent("p.message");
        const row = page.locator('tr[data-schedule="weekly-console"]');
        await row.waitFor({ timeout: pageBoundMs });
        const listed = await row.textContent();
        const stored = await sources.store.entities.schedule.get({ name: "weekly-console" }).go();
        await row.getByRole("button", { name: "delete" }).click();
        await row.waitFor({ state: "detached", timeout: pageBoundMs });

        // Assess
        expect(refusal).not.toContain("Created");
        expect(created).toContain("Created schedule weekly-console");
        expect(listed).toContain("cron(0 6 ? * MON *)");
        expect(stored.data?.companies).toEqual([{ ticker: "BWTR" }, { cik: "9900002" }]);
        expect(await sources.store.entities.schedule.get({ name: "weekly-console" }).go()).toMatchObject({
          data: null,
        });
      },
      pageTestBoundMs,
    );
  });
  describe("the archive", () => {
    it(
      "is replayed from the Operations page for a window of time",
      async () => {
        // Prepare: one probe event in a quiet second, and a rule that counts its deliveries.
        let deliveries = 0;
        runtime.bus.putRule({
          name: "tests-replay-probe",
          eventPattern: { source: ["dossier.tests"], "detail-type": ["Probe.Replayed"] },
          targets: [
            {
              id: "counter",
              invoke: async () => {
                deliveries += 1;
              },
            },
          ],
        });
        await runtime.drain();
        const from = new Date(Math.floor(Date.now() / 1000) * 1000);
        await runtime.bus.putEvents([
          {
            EventBusName: LocalResourceNames.bus,
            Source: "dossier.tests",
            DetailType: "Probe.Replayed",
            Detail: "{}",
          },
        ]);
        await runtime.drain();
        const to = new Date(Math.ceil((Date.now() + 1) / 1000) * 1000);
        expect(deliveries).toBe(1);

        // Act
        await page.goto(`${consoleServer.origin}/operations`);
        const form = page.locator("form.replay-form");
        await form.locator('input[name="from"]').fill(from.toISOString());
        await form.locator('input[name="to"]').fill(to.toISOString());
        await form.getByRole("button", { name: "replay" }).click();
        await page.waitForSelector("p.message", { timeout: pageBoundMs });
        await expect.poll(() => deliveries, { timeout: pageBoundMs }).toBe(2);

        // Assess
        expect(await page.textContent("p.message")).toMatch(
          /Replay \S+: \d+ archived events in range, \d+ deliveries/,
        );
      },
      pageTestBoundMs,
    );
  });
});
