import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  type PutObjectCommandInput,
  type S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";

/**
 * Tag on run-history documents (`profiles/{companyId}/runs/…`). S3 lifecycle filters take a
 * literal prefix, so the stacks' lifecycle rule selects run history by this tag instead, and
 * `latest.json` never moves to an archive class.
 */
export const RunHistoryTag = { key: "dossier-history", value: "run" } as const;

/** S3 keys of a company's profile documents. */
export const ProfileKeys = {
  latest: (companyId: string) => `profiles/${companyId}/latest.json`,
  /** Every run document of a company (parts, merged profiles) is under this prefix. */
  runHistory: (companyId: string) => `profiles/${companyId}/runs/`,
  part: (companyId: string, runId: string, part: string) =>
    `profiles/${companyId}/runs/${runId}/${part}.json`,
  profile: (companyId: string, runId: string) => `profiles/${companyId}/runs/${runId}/profile.json`,
  batchPage: (batchId: string, page: number) =>
    `batches/${batchId}/pages/${String(page).padStart(5, "0")}.json`,
  batchSummary: (batchId: string) => `batches/${batchId}/summary.json`,
  /** Who filed what on one business day, read once from EDGAR's daily form index and kept. */
  dailyFilers: (day: string) => `sec/daily-index/${day}.json`,
  /** SEC's ticker list as fetched on one day, shared by every function of the stage. */
  tickerList: (day: string) => `sec/company-tickers/${day}.json`,
};

export interface JsonObject<T> {
  value: T;
  etag: string | undefined;
}

/** JSON documents in one bucket, with the conditional writes the progressive merge relies on. */
export class ObjectStore {
  constructor(
    readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  async getJson<T>(key: string): Promise<JsonObject<T> | undefined> {
    try {
      const response = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const text = (await response.Body?.transformToString("utf8")) ?? "";
      return { value: JSON.parse(text) as T, etag: response.ETag };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return undefined;
      throw error;
    }
  }

  /** The "folders" directly under `prefix` (ending in "/"), across every page of the listing. */
  async listFolders(prefix: string): Promise<string[]> {
    const folders: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          Delimiter: "/",
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      for (const common of page.CommonPrefixes ?? []) if (common.Prefix) folders.push(common.Prefix);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return folders;
  }

  /** A PutObject of a JSON document, with whatever tagging or condition the caller adds. */
  private putCommand(key: string, value: unknown, extra: Partial<PutObjectCommandInput>): PutObjectCommand {
    return new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      Body: JSON.stringify(value),
      ContentType: "application/json",
      ...extra,
    });
  }

  /** Writes a JSON document; `runHistory` tags it for the lifecycle rule that archives old runs. */
  async putJson(key: string, value: unknown, options: { runHistory?: boolean } = {}): Promise<void> {
    const tagging = options.runHistory ? { Tagging: `${RunHistoryTag.key}=${RunHistoryTag.value}` } : {};
    await this.s3.send(this.putCommand(key, value, tagging));
  }

  /**
   * Writes only if the object is still at `etag` (or still absent when `etag` is undefined).
   * Returns false when another writer got there first (S3 answered 412 or 409).
   */
  async putJsonIfUnchanged(key: string, value: unknown, etag: string | undefined): Promise<boolean> {
    try {
      await this.s3.send(this.putCommand(key, value, etag ? { IfMatch: etag } : { IfNoneMatch: "*" }));
      return true;
    } catch (error) {
      const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
      if (status === 412 || status === 409 || (status === 404 && etag)) return false;
      throw error;
    }
  }
}
