import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import {
  ExtractionFailed,
  ExtractionPartCompleted,
  ExtractionRequested,
  type FailureCode,
  parseDetail,
  Sources,
} from "@dossier/events";
import { startLocalStore } from "@dossier/local/dynamodb";
import { createLocalS3Client, startLocalS3 } from "@dossier/local/s3";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { describeChange } from "../changes/profile-diff";
import type { MergedProfile } from "../profile/merge";
import { ObjectStore, ProfileKeys } from "../profile/object-store";
import { admitRequest } from "./admit-request";
import { profileVersions, publishLatest } from "./announce";
import { appendPart } from "./append-part";
import { compareVersions, UnknownVersionError } from "./compare-versions";
import type { PipelineContext } from "./context";
import { finalizeRun } from "./finalize-run";
import { openRun } from "./open-run";
import { rejectRequest, runIdInUse } from "./reject-request";
import { retryPartLater } from "./retry-part";
import { sweepStaleRuns } from "./sweep";

// One dynalite and one s3rver for the file; each test uses its own run ids.
const { table, store } = await startLocalStore();
const s3Directory = await mkdtemp(path.join(tmpdir(), "dossier-lifecycle-"));
const s3 = await startLocalS3({ directory: s3Directory, buckets: ["profiles"] });
afterAll(async () => {
  await table.close();
  await s3.close();
  await rm(s3Directory, { recursive: true, force: true });
});

const objects = new ObjectStore(createLocalS3Client(s3.endpoint), "profiles");

let clock = Date.parse("2026-12-01T10:00:00.000Z");
let published: PutEventsRequestEntry[] = [];
const context: PipelineContext = {
  store,
  objects,
  publish: async (entries) => {
    published.push(...entries);
  },
  busName: "dossier",
  now: () => new Date(clock),
  config: { completenessThreshold: 95, runTimeoutMs: 600_000, announceGraceMs: 60_000 },
};

beforeEach(() => {
  published = [];
});

let sequence = 0;
function uniqueRunId(prefix = "run") {
  sequence += 1;
  return `${prefix}_${sequence}_${Math.random().toString(36).slice(2, 10)}`;
}

function failures() {
  return published
    .filter((entry) => entry.DetailType === ExtractionFailed.detailType)
    .map((entry) => parseDetail(ExtractionFailed, JSON.parse(entry.Detail ?? "null")));
}

function request(runId: string, company: Record<string, string> = { cik: "320193" }) {
  return ExtractionRequested.schema.parse({
    runId,
    company,
    parts: ["sec", "leadership"],
    requestedAt: new Date(clock).toISOString(),
  });
}

function part(
  detail: ReturnType<typeof request>,
  companyId: string,
  overrides: Partial<{ part: "sec" | "leadership"; status: "succeeded" | "failed"; s3Key: string }> = {},
) {
  return parseDetail(ExtractionPartCompleted, {
    runId: detail.runId,
    companyId,
    company: detail.company,
    part: "sec",
    partsExpected: detail.parts,
    status: "succeeded",
    completeness: 100,
    cached: false,
    s3Key: ProfileKeys.part(companyId, detail.runId, overrides.part ?? "sec"),
    durationMs: 10,
    requestedAt: detail.requestedAt,
    ...overrides,
  });
}

describe("ending a request that cannot run", () => {
  it("publishes exactly one Extraction.Failed, under the event's id, for a request with no usable runId", async () => {
    const eventId = `e-${uniqueRunId()}`;
    const envelope = { id: eventId, detail: { company: { website: "file:///etc/passwd" } } };
    const admission = admitRequest(envelope);
    if (admission.admitted) throw new Error("expected a rejection");

    const first = await rejectRequest(context, admission.rejection);
    const redelivered = await rejectRequest(context, admission.rejection);

    expect(first.claimed).toBe(true);
    expect(redelivered.claimed).toBe(false);
    expect(failures()).toEqual([
      expect.objectContaining({
        runId: `evt-${eventId}`,
        code: "invalid-request" satisfies FailureCode,
        requestEventId: eventId,
        reason: expect.stringMatching(/company\.website: a website is fetched over http or https, not file:/),
      }),
    ]);
    expect(published[0]?.Source).toBe(Sources.ledger);
    expect((await store.runs.get(`evt-${eventId}`))?.sweepStatus).toBe("settled");
  });

  it("answers a second invalid request that reuses a run id under its own event id", async () => {
    const runId = uniqueRunId();
    for (const eventId of ["e-first", "e-second"].map((id) => `${id}-${runId}`)) {
      const admission = admitRequest({ id: eventId, detail: { runId, company: {}, requestedAt: "x" } });
      if (admission.admitted) throw new Error("expected a rejection");
      await rejectRequest(context, admission.rejection);
    }
    expect(failures().map((failure) => failure.runId)).toEqual([runId, `evt-e-second-${runId}`]);
  });

  it("refuses a run id reused for another company without touching the first run", async () => {
    const runId = uniqueRunId();
    const apple = request(runId);
    await openRun(context, { ...apple, companyId: "cik-0000320193", requestEventId: "e-apple" });
    const nvidia = request(runId, { cik: "1045810" });

    await rejectRequest(
      context,
      runIdInUse({ ...nvidia, companyId: "cik-0001045810" }, "cik-0000320193", "e-nvda"),
    );

    expect(failures()).toEqual([
      expect.objectContaining({
        runId: "evt-e-nvda",
        code: "run-id-in-use",
        companyId: "cik-0001045810",
        reason: expect.stringMatching(
          new RegExp(`runId ${runId} is already used by a request for cik-0000320193`),
        ),
      }),
    ]);
    expect((await store.runs.get(runId))?.status).toBe("running");
  });
});

describe("recording parts", () => {
  it("refuses a part for another company's run and leaves the run and latest.json alone", async () => {
    const runId = uniqueRunId();
    const apple = request(runId);
    await openRun(context, { ...apple, companyId: "cik-0000320193" });

    const forged = await appendPart(context, part(apple, "cik-0001045810"));

    expect(forged).toMatchObject({
      refused: true,
      reason: expect.stringMatching(/is for cik-0001045810, but the run is for cik-0000320193/),
    });
    expect((await store.runs.get(runId))?.parts).toEqual({});
  });

  it("refuses a part whose document lies outside its company's run history", async () => {
    const runId = uniqueRunId();
    const apple = request(runId);
    await openRun(context, { ...apple, companyId: "cik-0000320193" });

    const forged = await appendPart(
      context,
      part(apple, "cik-0000320193", { s3Key: ProfileKeys.part("cik-0001045810", "run_other_0001", "sec") }),
    );

    expect(forged).toMatchObject({
      refused: true,
      reason: expect.stringMatching(/outside profiles\/cik-0000320193\/runs\//),
    });
    expect((await store.runs.get(runId))?.parts).toEqual({});
  });

  it("records an unsuccessful part without touching latest.json and waits for the others", async () => {
    const runId = uniqueRunId();
    const apple = request(runId);
    const failed = await appendPart(context, {
      ...part(apple, "cik-0000320193", { status: "failed" }),
      s3Key: undefined,
      reason: "robots.txt disallows",
    });
    expect(failed).toMatchObject({ refused: false, ended: false, allIn: false, status: "failed" });
    expect(failed.refused === false && failed.updated).toBeUndefined();
    expect((await store.runs.get(runId))?.parts.sec).toMatchObject({
      status: "failed",
      reason: "robots.txt disallows",
    });
  });
});

describe("finalizing a run", () => {
  it("gives the terminal event to exactly one of ten concurrent finalizers", async () => {
    const runId = uniqueRunId();
    const apple = request(runId);
    for (const name of ["sec", "leadership"] as const) {
      const failed = part(apple, "cik-0000320193", { part: name, status: "failed" });
      await appendPart(context, { ...failed, s3Key: undefined, reason: `${name} is down` });
    }

    const decisions = await Promise.all(Array.from({ length: 10 }, () => finalizeRun(context, runId)));

    expect(decisions.filter((decision) => decision.claimed)).toEqual([
      expect.objectContaining({
        detailType: ExtractionFailed.detailType,
        detail: expect.objectContaining({
          code: "no-data",
          reason: "no part produced data (sec: sec is down; leadership: leadership is down)",
        }),
      }),
    ]);
    expect((await store.runs.get(runId))?.status).toBe("failed");
  });
});

describe("the sweep", () => {
  it("reports a silent part to the merge, then ends the run itself if the merge does not", async () => {
    const runId = uniqueRunId();
    const apple = request(runId);
    await openRun(context, { ...apple, companyId: "cik-0000320193" });
    await appendPart(context, part(apple, "cik-0000320193"));
    const opened = clock;

    clock = opened + 600_001;
    const reported = await sweepStaleRuns(context);
    const reports = published.map((entry) => ({
      source: entry.Source,
      detail: JSON.parse(entry.Detail ?? "null"),
    }));
    expect(reported.timedOut).toBeGreaterThanOrEqual(1);
    expect(reports.filter((report) => report.detail.runId === runId)).toEqual([
      {
        source: Sources.ledger,
        detail: expect.objectContaining({
          part: "leadership",
          status: "failed",
          reason: "timed out after 600 s waiting for leadership",
        }),
      },
    ]);

    published = [];
    clock = opened + 600_001 + 60_000;
    await sweepStaleRuns(context);
    await sweepStaleRuns(context);
    clock = opened;

    expect(failures().filter((failure) => failure.runId === runId)).toEqual([
      expect.objectContaining({ code: "timed-out", failedParts: ["leadership"] }),
    ]);
  });
});

describe("retrying a part", () => {
  it("retries a retryable failure twice, as Lambda does, then ends the part", async () => {
    const runId = uniqueRunId();
    const detail = request(runId);

    const answers = [];
    for (let attempt = 0; attempt < 3; attempt += 1)
      answers.push(await retryPartLater(context, detail, "cik-0000320193", "sec"));

    expect(answers).toEqual([true, true, false]);
  });

  it("does not retry past the run's deadline", async () => {
    const detail = request(uniqueRunId());
    const opened = clock;
    clock = opened + 600_000;
    const answer = await retryPartLater(context, detail, "cik-0000320193", "sec");
    clock = opened;
    expect(answer).toBe(false);
  });
});

/** A merged profile as Finalize writes it to profile.json. */
function mergedProfile(
  companyId: string,
  runId: string,
  completeness: number,
  executives: string[] = [],
): MergedProfile {
  return {
    companyId,
    runId,
    status: completeness >= 95 ? "completed" : "incomplete",
    completeness,
    missing: [],
    identity: { name: "Versioned Co" },
    financials: [],
    executives: executives.map((name) => ({
      name,
      title: "Chief Executive Officer",
      age: undefined,
      sources: ["sec-10k"],
      confirmed: false,
      titleSource: "sec-10k",
      confidence: 0.95,
      provenance: [],
    })),
    board: [],
    uncertain: [],
    notFound: {},
    sources: { identity: null, fetchedAt: {} },
    parts: { sec: { status: "succeeded", completeness, missing: [], cached: false, durationMs: 5 } },
    cached: false,
    timings: {
      requestedAt: "2026-12-01T10:00:00.000Z",
      mergedAt: "2026-12-01T10:00:01.000Z",
      durationMs: 1000,
    },
  };
}

describe("profile versions", () => {
  it("indexes every run that ended with a profile once, listed in request order without listing S3", async () => {
    const companyId = `cik-${String(Math.floor(Math.random() * 1e9)).padStart(10, "0")}`;
    const runs = [
      { runId: uniqueRunId(), requestedAt: "2026-12-01T10:00:00.000Z", completeness: 80 },
      { runId: uniqueRunId(), requestedAt: "2026-12-08T10:00:00.000Z", completeness: 100 },
    ];
    // The later run ends first; the first one's UpdateLatest is delivered twice.
    for (const run of [runs[1], runs[0], runs[0]]) {
      if (!run) continue;
      const profileKey = ProfileKeys.profile(companyId, run.runId);
      await objects.putJson(profileKey, mergedProfile(companyId, run.runId, run.completeness));
      await publishLatest(context, { companyId, profileKey, requestedAt: run.requestedAt });
    }

    const versions = await profileVersions(context, companyId);

    expect(versions.map((version) => [version.runId, version.status, version.completeness])).toEqual([
      [runs[0]?.runId, "incomplete", 80],
      [runs[1]?.runId, "completed", 100],
    ]);
    expect(versions[1]?.profileKey).toBe(ProfileKeys.profile(companyId, runs[1]?.runId ?? ""));
  });
});

describe("Profile.Changed", () => {
  const companyId = `cik-${String(Math.floor(Math.random() * 1e9)).padStart(10, "0")}`;
  let day = 0;

  /** Ends one more run of the company with these executives, as UpdateLatest does (`deliveries` times at once). */
  async function endRun(executives: string[], deliveries = 1) {
    day += 1;
    const runId = uniqueRunId();
    const profileKey = ProfileKeys.profile(companyId, runId);
    await objects.putJson(profileKey, {
      ...mergedProfile(companyId, runId, 100, executives),
      identity: { name: "Changing Co" },
    });
    const requestedAt = new Date(Date.parse("2026-12-01T10:00:00.000Z") + day * 86_400_000).toISOString();
    await Promise.all(
      Array.from({ length: deliveries }, () =>
        publishLatest(context, { companyId, profileKey, requestedAt }),
      ),
    );
    return runId;
  }

  const changed = () =>
    published
      .filter((entry) => entry.DetailType === "Profile.Changed")
      .map(
        (entry) =>
          JSON.parse(entry.Detail ?? "null") as { runId: string; previousRunId: string; changes: unknown[] },
      );

  it("publishes nothing for a company's first version or for the same content again", async () => {
    await endRun(["Maria Okafor"]);
    await endRun(["Maria  Okafor"]);
    expect(changed()).toEqual([]);
  });

  it("publishes each change once, however often and however concurrently the run's end is delivered", async () => {
    const previousRunId = (await profileVersions(context, companyId)).at(-1)?.runId;
    const runId = await endRun(["Dana Whitfield"], 5);
    await endRun(["Dana Whitfield"]);
    expect(changed()).toEqual([
      {
        companyId,
        runId,
        previousRunId,
        changes: [
          { kind: "executive-joined", name: "Dana Whitfield", title: "Chief Executive Officer" },
          { kind: "executive-left", name: "Maria  Okafor", title: "Chief Executive Officer" },
        ],
        summary: "1 executive joined; 1 executive left",
      },
    ]);
  });

  it("publishes every kind of change once, under five concurrent deliveries of the run's end", async () => {
    const companyId = `cik-${String(Math.floor(Math.random() * 1e9)).padStart(10, "0")}`;
    const year = (fiscalYear: number, revenue: number, accessionNumber: string) => ({
      fiscalYear,
      periodEnd: `${fiscalYear}-12-31`,
      form: "10-K",
      accessionNumber,
      filed: `${fiscalYear + 1}-02-20`,
      revenue: {
        value: revenue,
        confidence: 1,
        provenance: {
          taxonomy: "us-gaap",
          concept: "Revenues",
          unit: "USD",
          accessionNumber,
          form: "10-K",
          filed: `${fiscalYear + 1}-02-20`,
          periodEnd: `${fiscalYear}-12-31`,
        },
      },
    });
    const version = (
      runId: string,
      shape: { ceoTitle: string; board: string[]; name: string; years: unknown[] },
    ) => {
      const base = mergedProfile(companyId, runId, 100, ["Maria Okafor", "Dana Whitfield"]);
      return {
        ...base,
        identity: { name: shape.name },
        financials: shape.years,
        executives: base.executives.map((executive) =>
          executive.name === "Maria Okafor" ? { ...executive, title: shape.ceoTitle } : executive,
        ),
        board: shape.board.map((name) => ({ name, title: "Director", sources: ["website"], provenance: [] })),
        parts: {
          ...base.parts,
          leadership: { status: "succeeded", completeness: 100, missing: [], cached: false, durationMs: 5 },
        },
      } as MergedProfile;
    };
    const end = async (runId: string, requestedAt: string, profile: MergedProfile, deliveries: number) => {
      const profileKey = ProfileKeys.profile(companyId, runId);
      await objects.putJson(profileKey, profile);
      await Promise.all(
        Array.from({ length: deliveries }, () =>
          publishLatest(context, { companyId, profileKey, requestedAt }),
        ),
      );
    };
    const first = uniqueRunId();
    const second = uniqueRunId();
    await end(
      first,
      "2026-12-01T10:00:00.000Z",
      version(first, {
        ceoTitle: "Chief Executive Officer",
        board: ["Ann Lee"],
        name: "Versioned Co",
        years: [year(2024, 100, "0009900001-25-000001")],
      }),
      1,
    );
    await end(
      second,
      "2026-12-08T10:00:00.000Z",
      version(second, {
        ceoTitle: "President and Chief Executive Officer",
        board: ["Ann Lee", "Omar Haddad"],
        name: "Versioned Holdings",
        years: [year(2025, 130, "0009900001-26-000002"), year(2024, 105, "0009900001-26-000002")],
      }),
      5,
    );

    const announced = published
      .filter((entry) => entry.DetailType === "Profile.Changed")
      .map(
        (entry) => JSON.parse(entry.Detail ?? "null") as { companyId: string; changes: { kind: string }[] },
      )
      .filter((detail) => detail.companyId === companyId);
    expect(announced).toHaveLength(1);
    expect(announced[0]?.changes.map((change) => change.kind).sort()).toEqual([
      "board-member-joined",
      "executive-title-changed",
      "fiscal-year-reported",
      "identity-changed",
      "value-restated",
    ]);
  });

  it("compares any two versions with the same diff, by number or run id", async () => {
    const versions = await profileVersions(context, companyId);
    const [first, , third] = versions;

    const newest = await compareVersions(context, companyId);
    const across = await compareVersions(context, companyId, { from: "v1", to: third?.runId });

    expect(newest?.changes).toEqual([]);
    expect(newest?.from.version).toBe(versions.length - 1);
    expect(across).toMatchObject({ from: { version: 1, runId: first?.runId }, to: { version: 3 } });
    expect(across?.changes.map(describeChange)).toEqual([
      "executive joined: Dana Whitfield (Chief Executive Officer)",
      "executive left: Maria Okafor (Chief Executive Officer)",
    ]);
    await expect(compareVersions(context, companyId, { from: "v99" })).rejects.toBeInstanceOf(
      UnknownVersionError,
    );
  });
});
