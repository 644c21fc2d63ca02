import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { type LocalS3, startLocalS3 } from "@dossier/local/s3";
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
    objects = new ObjectStore(
      new S3Client({
        endpoint: s3.endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      }),
      "profiles",
    );
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
    data: { from: runId },
    requestedAt,
  });

  it("never loses a part when many writers append at once", async () => {
    const now = () => new Date();
    const writes = Array.from({ length: 8 }, (_, index) => [
      appendPartToLatest(objects, `co-${index}`, part("sec", `run_${index}_a`, "2026-11-22T10:00:00Z"), now),
      appendPartToLatest(
        objects,
        `co-${index}`,
        part("leadership", `run_${index}_a`, "2026-11-22T10:00:00Z"),
        now,
      ),
    ]).flat();
    await Promise.all(writes);
    for (let index = 0; index < 8; index += 1) {
      const latest = await objects.getJson<LatestDocument>(ProfileKeys.latest(`co-${index}`));
      expect(Object.keys(latest?.value.parts ?? {}).sort()).toEqual(["leadership", "sec"]);
    }
  });

  it("keeps a newer run's part when an older run's part arrives late", async () => {
    const now = () => new Date();
    await appendPartToLatest(objects, "co-late", part("sec", "run_new", "2026-11-22T11:00:00Z"), now);
    await appendPartToLatest(objects, "co-late", part("sec", "run_old", "2026-11-22T09:00:00Z"), now);
    const latest = await objects.getJson<LatestDocument>(ProfileKeys.latest("co-late"));
    expect(latest?.value.parts.sec?.runId).toBe("run_new");
  });
});
