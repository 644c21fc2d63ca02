import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import S3rver from "s3rver";
import { startConditionalProxy } from "./conditional-proxy";

export interface LocalS3 {
  /** The endpoint clients use (the conditional-write proxy in front of s3rver). */
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

export interface LocalS3Options {
  /** Directory s3rver stores objects in. */
  directory: string;
  buckets: string[];
  /** Port for the public endpoint; 0 picks a free one. */
  port?: number;
}

/** Starts s3rver on 127.0.0.1 with the given buckets, behind the conditional-write proxy. */
export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  await mkdir(options.directory, { recursive: true });
  const s3rver = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: options.directory,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [] })),
  });
  const address = (await s3rver.run()) as AddressInfo;
  const proxy = await startConditionalProxy(address.port, options.port ?? 0);
  return {
    endpoint: proxy.endpoint,
    port: proxy.port,
    async close() {
      await proxy.close();
      await s3rver.close();
    },
  };
}
