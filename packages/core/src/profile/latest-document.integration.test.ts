import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLocalS3Client, type LocalS3, startLocalS3 } from "@dossier/local/s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendPartToLatest, type LatestDocument } from "./latest-document";
import type { PartDocument } from "./merge";
import { ObjectStore, ProfileKeys } from "./object-store";

describe("latest.json", () => {
  let s3: LocalS3;
  let directory: string;
  let objects: ObjectStore;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "dossier-latest-"));
    s3 = await startLocalS3({ directory, buckets: ["profiles"] });
    objects = new ObjectStore(createLocalS3Client(s3.endpoint), "profiles");
  });

  afterAll(async () => {
    await s3.close();
    await rm(directory, { recursive: true, force: true });
  });

  const part = (
    name: "sec" | "leadership",
    runId: string,
    requestedAt: string,
  ): PartDocument & { requestedAt: string } => ({
    part: name,
    runId,
    status: "succeeded",
    completeness: 90,
    missing: [],
    cached: false,
    durationMs: 10,
    s3Key: `profiles/co/runs/${runId}/${name}.json`,
    requestedAt,
  });
  const now = () => new Date();
  /** Appends a part whose document holds `{ from: runId }`, counting how often that was loaded. */
  let loads = 0;
  const append = (companyId: string, document: PartDocument & { requestedAt: string }) =>
    appendPartToLatest(
      objects,
      companyId,
      document,
      async () => {
        loads += 1;
        return { from: document.runId };
      },
      now,
    );

  it("never loses a part when many writers append at once", async () => {
    const writes = Array.from({ length: 8 }, (_, index) => [
      append(`co-${index}`, part("sec", `run_${index}_a`, "2026-11-22T10:00:00Z")),
      append(`co-${index}`, part("leadership", `run_${index}_a`, "2026-11-22T10:00:00Z")),
    ]).flat();
    await Promise.all(writes);
    for (let index = 0; index < 8; index += 1) {
      const latest = await objects.getJson<LatestDocument>(ProfileKeys.latest(`co-${index}`));
      expect(Object.keys(latest?.value.parts ?? {}).sort()).toEqual(["leadership", "sec"]);
      expect(latest?.value.parts.sec?.data).toEqual({ from: `run_${index}_a` });
    }
  });

  it("keeps a newer run's part when an older run's part arrives late", async () => {
    await append("co-late", part("sec", "run_new", "2026-11-22T11:00:00Z"));
    await append("co-late", part("sec", "run_old", "2026-11-22T09:00:00Z"));
    const latest = await objects.getJson<LatestDocument>(ProfileKeys.latest("co-late"));
    expect(latest?.value.parts.sec?.runId).toBe("run_new");
  });

  it("neither reads nor writes again for a part whose document latest.json already refers to", async () => {
    await append("co-cached", part("sec", "run_first", "2026-11-22T10:00:00Z"));
    const before = await objects.getJson<LatestDocument>(ProfileKeys.latest("co-cached"));
    const loadsBefore = loads;
    // A cache hit: a later run re-publishes the document the first run wrote.
    await append("co-cached", {
      ...part("sec", "run_second", "2026-11-22T12:00:00Z"),
      s3Key: "profiles/co/runs/run_first/sec.json",
    });
    const after = await objects.getJson<LatestDocument>(ProfileKeys.latest("co-cached"));
    expect(loads).toBe(loadsBefore);
    expect(after?.etag).toBe(before?.etag);
    expect(after?.value.parts.sec?.data).toEqual({ from: "run_first" });
  });
});
