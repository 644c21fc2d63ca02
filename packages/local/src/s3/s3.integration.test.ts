import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalS3Client, type LocalS3, startLocalS3 } from ".";

describe("local S3", () => {
  let s3: LocalS3;
  let client: S3Client;
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "dossier-s3-"));
    s3 = await startLocalS3({ directory, buckets: ["profiles"] });
    client = createLocalS3Client(s3.endpoint);
  });

  afterAll(async () => {
    await s3.close();
    await rm(directory, { recursive: true, force: true });
  });

  async function statusOf(command: PutObjectCommand): Promise<number> {
    try {
      const result = await client.send(command);
      return result.$metadata.httpStatusCode ?? 0;
    } catch (error) {
      if (error instanceof S3ServiceException) return error.$metadata.httpStatusCode ?? 0;
      throw error;
    }
  }

  it("keeps every object browsable at its key, current after each write, gone after a delete", async () => {
    const key = "profiles/cik-0000000001/latest.json";
    const file = path.join(directory, "profiles", key);
    await client.send(new PutObjectCommand({ Bucket: "profiles", Key: key, Body: '{"v":1}' }));
    expect(await readFile(file, "utf8")).toBe('{"v":1}');
    await client.send(new PutObjectCommand({ Bucket: "profiles", Key: key, Body: '{"v":2,"longer":true}' }));
    expect(await readFile(file, "utf8")).toBe('{"v":2,"longer":true}');
    await client.send(
      new CopyObjectCommand({ Bucket: "profiles", Key: `${key}.copy`, CopySource: `profiles/${key}` }),
    );
    expect(await readFile(`${file}.copy`, "utf8")).toBe('{"v":2,"longer":true}');
    // The browsable files are not objects: listing shows only what was put.
    const listed = await client.send(new ListObjectsV2Command({ Bucket: "profiles", Prefix: "profiles/" }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual([key, `${key}.copy`]);
    await client.send(new DeleteObjectCommand({ Bucket: "profiles", Key: key }));
    await expect(readFile(file, "utf8")).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("answers 412 to If-None-Match: * when the key exists", async () => {
    const put = () =>
      new PutObjectCommand({ Bucket: "profiles", Key: "a.json", Body: "{}", IfNoneMatch: "*" });
    expect(await statusOf(put())).toBe(200);
    expect(await statusOf(put())).toBe(412);
  });

  it("writes with a matching If-Match and refuses a stale one", async () => {
    const first = await client.send(new PutObjectCommand({ Bucket: "profiles", Key: "b.json", Body: "1" }));
    const staleEtag = first.ETag ?? "";
    const second = new PutObjectCommand({ Bucket: "profiles", Key: "b.json", Body: "2", IfMatch: staleEtag });
    expect(await statusOf(second)).toBe(200);
    const third = new PutObjectCommand({ Bucket: "profiles", Key: "b.json", Body: "3", IfMatch: staleEtag });
    expect(await statusOf(third)).toBe(412);
    const body = await client.send(new GetObjectCommand({ Bucket: "profiles", Key: "b.json" }));
    expect(await body.Body?.transformToString()).toBe("2");
  });

  it("lets exactly one of many concurrent creators win", async () => {
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        statusOf(
          new PutObjectCommand({
            Bucket: "profiles",
            Key: "race.json",
            Body: String(index),
            IfNoneMatch: "*",
          }),
        ),
      ),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(11);
  });
});
