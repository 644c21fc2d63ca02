import { createHash } from "node:crypto";
import type { RunItem } from "@dossier/core/store";
import { Hono } from "hono";
import { html } from "hono/html";
import { liveStream } from "./live";
import { readBatch, scanBatches } from "./model/batches";
import {
  companiesOf,
  isCompanyId,
  profileHistory,
  profileVersion,
  readProfile,
  searchCompanies,
} from "./model/profiles";
import { allRuns, ledgerActivity, listRuns, parseRunFilter, runTimeline } from "./model/runs";
import { createSchedule, deleteSchedule, parseScheduleForm } from "./model/schedules";
import { Snapshot } from "./model/snapshot";
import { consoleHeaders, requireActionToken, requireToken } from "./security";
import type { ConsoleSources } from "./sources";
import { staticAsset } from "./static";
import { batchBody, batchRows } from "./views/batches";
import type { Html } from "./views/format";
import { layout, liveRegion, type PageContext, type Section } from "./views/layout";
import {
  type OperationsData,
  operationsBody,
  operationsMessage,
  replayForm,
  scheduleForm,
} from "./views/operations";
import { profileBody, profileName, profileResults, profileSearchForm } from "./views/profiles";
import { RunRowLimit, runBody, runFilterForm, runRows } from "./views/runs";

export interface ConsoleAppOptions {
  sources: ConsoleSources;
  token: string;
  /** The Host header values the console answers to (its own address). */
  allowedHosts: () => readonly string[];
  /** How often live streams look for changes. Default 1000 ms. */
  liveIntervalMs?: number;
  now?: () => number;
}

/** Batches listed on the Batches page; each costs a query of its tallies. */
const BatchListLimit = 50;
/** Companies listed on the Profiles page before a search narrows them. */
const CompanyListLimit = 200;

function fingerprint(parts: Iterable<string>): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\n");
  return hash.digest("base64url");
}

/** What changes on a page when a run moves on: its status, its parts and whether its event is out. */
function runState(run: RunItem): string {
  const parts = run.partsExpected.map((part) => `${part}=${run.parts[part]?.status ?? ""}`).join(",");
  return `${run.runId}|${run.status}|${run.sweepStatus}|${parts}|${JSON.stringify(run.retries)}`;
}

/** The console's pages, fragments, live streams and actions over the given sources. */
export function createConsoleApp(options: ConsoleAppOptions): Hono {
  const { sources, token } = options;
  const now = options.now ?? Date.now;
  const interval = options.liveIntervalMs ?? 1000;
  const page: PageContext = { target: sources.target, token };
  const sharedFor = Math.min(interval, 1000);
  // Every run, for the Profiles page: the runs are its company index (see companiesOf).
  const everyRun = new Snapshot(() => allRuns(sources.store), sharedFor, now);
  const activity = new Snapshot(
    async () => fingerprint((await ledgerActivity(sources.store)).map(runState)),
    sharedFor,
    now,
  );
  const render = (section: Section, title: string, content: Html) => layout(page, section, title, content);

  const app = new Hono();
  app.use(consoleHeaders);
  app.use(requireToken(token, options.allowedHosts));
  app.use(requireActionToken(token));
  app.use(async (c, next) => {
    await next();
    // Pages show live data; nothing of them is worth caching (static assets say otherwise below).
    if (!c.res.headers.has("cache-control")) c.header("Cache-Control", "no-store");
  });

  // A page whose table or bucket cannot be read says so (as text: the message may quote the data).
  app.onError((error, c) => c.text(`The console could not read its sources: ${error.message}\n`, 502));

  app.get("/", (c) => c.redirect("/runs", 303));
  // Browsers ask for it on every page; there is none, and a 404 would litter their console.
  app.get("/favicon.ico", (c) => c.body(null, 204));

  app.get("/static/:name", (c) => {
    const asset = staticAsset(c.req.param("name"));
    if (!asset) return c.notFound();
    return c.body(new Uint8Array(asset.body), 200, {
      "Content-Type": asset.type,
      "Cache-Control": "private, max-age=3600",
    });
  });

  // Runs
  const runPage = (run: RunItem) => {
    const events = sources.operations?.runEvents(run.runId);
    return runBody(run, runTimeline(run, now(), events), events);
  };
  const runRowsFor = async (query: Record<string, string | undefined>) => {
    const { runs: selected, more } = await listRuns(sources.store, parseRunFilter(query), now(), RunRowLimit);
    return runRows(selected, more);
  };
  app.get("/runs", async (c) => {
    const query = c.req.query();
    return c.html(
      render(
        "runs",
        "Runs",
        html`${runFilterForm(parseRunFilter(query))}
${liveRegion("run-rows", "/live/runs", "/runs/rows", await runRowsFor(query), "#run-filter")}`,
      ),
    );
  });
  app.get("/runs/rows", async (c) => c.html(await runRowsFor(c.req.query())));
  app.get("/live/runs", (c) => liveStream(c, () => activity.get(), interval));

  app.get("/runs/:runId", async (c) => {
    const runId = c.req.param("runId");
    const run = await sources.store.runs.get(runId);
    if (!run)
      return c.html(
        render("runs", "Run not found", html`<p class="empty">No run ${runId} in the ledger.</p>`),
        404,
      );
    const body = runPage(run);
    const path = encodeURIComponent(runId);
    return c.html(
      render("runs", `Run ${runId}`, liveRegion("run", `/live/run/${path}`, `/runs/${path}/body`, body)),
    );
  });
  app.get("/runs/:runId/body", async (c) => {
    const run = await sources.store.runs.get(c.req.param("runId"));
    if (!run) return c.html(html`<p class="empty">This run is no longer in the ledger.</p>`, 404);
    return c.html(runPage(run));
  });
  app.get("/live/run/:runId", (c) =>
    liveStream(
      c,
      async () => {
        const run = await sources.store.runs.get(c.req.param("runId"));
        return run ? runState(run) : "absent";
      },
      interval,
    ),
  );

  // Batches
  const batchList = async () => {
    const batches = (await scanBatches(sources.store)).slice(0, BatchListLimit);
    const summaries = await Promise.all(batches.map((batch) => sources.store.batches.get(batch.batchId)));
    return summaries.filter((summary) => summary !== undefined);
  };
  app.get("/batches", async (c) =>
    c.html(
      render(
        "batches",
        "Batches",
        liveRegion("batch-rows", "/live/batches", "/batches/rows", batchRows(await batchList())),
      ),
    ),
  );
  app.get("/batches/rows", async (c) => c.html(batchRows(await batchList())));
  app.get("/live/batches", (c) =>
    // A batch's counters and status change only when one of its runs ends, which happens while pending.
    liveStream(c, () => activity.get(), interval),
  );

  const batchContent = async (batchId: string) => {
    const [stats, ofBatch] = await Promise.all([
      readBatch(sources.store, batchId),
      sources.store.runs.ofBatch(batchId),
    ]);
    return stats ? batchBody(stats, ofBatch) : undefined;
  };
  app.get("/batches/:batchId", async (c) => {
    const batchId = c.req.param("batchId");
    const body = await batchContent(batchId);
    if (!body)
      return c.html(
        render("batches", "Batch not found", html`<p class="empty">No batch ${batchId} in the ledger.</p>`),
        404,
      );
    const path = encodeURIComponent(batchId);
    return c.html(
      render(
        "batches",
        `Batch ${batchId}`,
        liveRegion("batch", `/live/batch/${path}`, `/batches/${path}/body`, body),
      ),
    );
  });
  app.get("/batches/:batchId/body", async (c) => {
    const body = await batchContent(c.req.param("batchId"));
    return body
      ? c.html(body)
      : c.html(html`<p class="empty">This batch is no longer in the ledger.</p>`, 404);
  });
  app.get("/live/batch/:batchId", (c) =>
    liveStream(
      c,
      async () => {
        const summary = await sources.store.batches.get(c.req.param("batchId"));
        return summary
          ? `${summary.status}|${summary.completed}|${summary.incomplete}|${summary.failed}`
          : "absent";
      },
      interval,
    ),
  );

  // Profiles
  const companyResults = async (query: string) => {
    const found = searchCompanies(companiesOf(await everyRun.get()), query);
    return profileResults(found.slice(0, CompanyListLimit), found.length);
  };
  app.get("/profiles", async (c) => {
    const query = c.req.query("q") ?? "";
    return c.html(
      render(
        "profiles",
        "Profiles",
        html`${profileSearchForm(query)}<div id="profile-results">${await companyResults(query)}</div>`,
      ),
    );
  });
  app.get("/profiles/results", async (c) => c.html(await companyResults(c.req.query("q") ?? "")));
  // Company ids become S3 keys: a segment that cannot be one is not looked up.
  app.use("/profiles/:companyId/*", async (c, next) =>
    isCompanyId(c.req.param("companyId") ?? "") ? next() : c.notFound(),
  );
  app.use("/profiles/:companyId", async (c, next) =>
    isCompanyId(c.req.param("companyId") ?? "") ? next() : c.notFound(),
  );
  app.use("/live/profile/:companyId", async (c, next) =>
    isCompanyId(c.req.param("companyId") ?? "") ? next() : c.notFound(),
  );
  app.get("/profiles/:companyId", async (c) => {
    const companyId = c.req.param("companyId");
    const [view, runs] = await Promise.all([
      readProfile(sources, companyId),
      profileHistory(sources, companyId),
    ]);
    const path = encodeURIComponent(companyId);
    if (!view) {
      // A run may be on its way: the page fills in once the first part lands.
      const waiting = html`<p class="empty">No profile for ${companyId} yet.</p>`;
      return c.html(
        render(
          "profiles",
          companyId,
          liveRegion("profile", `/live/profile/${path}`, `/profiles/${path}/body`, waiting),
        ),
        404,
      );
    }
    return c.html(
      render(
        "profiles",
        profileName(view),
        liveRegion("profile", `/live/profile/${path}`, `/profiles/${path}/body`, profileBody(view, runs)),
      ),
    );
  });
  app.get("/profiles/:companyId/body", async (c) => {
    const companyId = c.req.param("companyId");
    const [view, runs] = await Promise.all([
      readProfile(sources, companyId),
      profileHistory(sources, companyId),
    ]);
    return view
      ? c.html(profileBody(view, runs))
      : c.html(html`<p class="empty">No profile for ${companyId} yet.</p>`);
  });
  app.get("/live/profile/:companyId", (c) =>
    liveStream(c, () => profileVersion(sources, c.req.param("companyId")), interval),
  );

  // Operations
  const operationsData = async (): Promise<OperationsData> => {
    const { schedule, circuit, rateBucket } = sources.store.entities;
    const [schedules, circuits, rateBuckets] = await Promise.all([
      schedule.query.byName({}).go({ pages: "all" }),
      circuit.scan.go({ pages: "all" }),
      rateBucket.scan.go({ pages: "all" }),
    ]);
    return {
      manageSchedules: sources.operations !== undefined,
      deadLetters: sources.operations?.deadLetters(),
      schedules: schedules.data,
      circuits: circuits.data,
      rateBuckets: rateBuckets.data,
      now: now(),
    };
  };
  app.get("/operations", async (c) =>
    c.html(
      render(
        "operations",
        "Operations",
        html`${operationsMessage()}
${liveRegion("operations", "/live/operations", "/operations/body", operationsBody(await operationsData()))}
${sources.operations ? html`${scheduleForm()}${replayForm()}` : ""}`,
      ),
    ),
  );
  app.get("/operations/body", async (c) => c.html(operationsBody(await operationsData())));
  app.get("/live/operations", (c) =>
    liveStream(
      c,
      async () => {
        const data = await operationsData();
        return fingerprint([
          ...(data.deadLetters ?? []).map((letter) => `${letter.id}|${letter.attempts}`),
          ...data.schedules.map((s) => `${s.name}|${s.enabled}|${s.lastFiredAt ?? ""}`),
          ...data.circuits.map(
            (circuit) => `${circuit.upstream}|${circuit.state}|${circuit.failures.length}`,
          ),
        ]);
      },
      interval,
    ),
  );
  app.post("/operations/dead-letters/:id/redrive", async (c) => {
    const id = c.req.param("id");
    if (!sources.operations)
      return c.text("Dead letters can only be redriven from the console of `dossier dev`.\n", 409);
    const known = sources.operations.deadLetters().some((letter) => letter.id === id);
    const message = !known
      ? `Dead letter ${id} is gone (already redriven?).`
      : (await sources.operations.redrive(id))
        ? `Redrove ${id}: delivered.`
        : `Redrove ${id}: its target failed again; the letter stays.`;
    return c.html(html`<p class="message">${message}</p>`);
  });

  app.post("/operations/schedules", async (c) => {
    if (!sources.operations) return c.text("Schedules are managed from the console of `dossier dev`.\n", 409);
    const parsed = parseScheduleForm(await c.req.parseBody({ all: true }), new Date(now()));
    if (typeof parsed === "string") return c.html(html`<p class="message error">${parsed}</p>`);
    const created = await createSchedule(sources.store, parsed, new Date(now()));
    return c.html(
      html`<p class="message">${created ? `Created schedule ${parsed.name}; dossier dev fires it.` : `A schedule named ${parsed.name} exists; delete it first.`}</p>`,
    );
  });
  app.post("/operations/schedules/:name/delete", async (c) => {
    if (!sources.operations) return c.text("Schedules are managed from the console of `dossier dev`.\n", 409);
    const name = c.req.param("name");
    await deleteSchedule(sources.store, name);
    return c.html(html`<p class="message">Deleted schedule ${name}.</p>`);
  });

  app.post("/operations/replay", async (c) => {
    if (!sources.operations)
      return c.text("The archive is replayed from the console of `dossier dev`.\n", 409);
    const form = await c.req.parseBody();
    const from = new Date(typeof form.from === "string" ? form.from : "");
    const to = new Date(typeof form.to === "string" ? form.to : "");
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) {
      return c.html(
        html`<p class="message error">From and to must be ISO times, e.g. 2026-11-22T08:00:00Z, from before to.</p>`,
      );
    }
    const result = await sources.operations.replay(from, to);
    return c.html(
      html`<p class="message">Replay ${result.replayName}: ${result.eventsInRange} archived events in range, ${result.deliveries} deliveries.</p>`,
    );
  });

  return app;
}
