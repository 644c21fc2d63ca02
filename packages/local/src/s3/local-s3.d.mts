export interface LocalS3 {
  /** The endpoint clients use: s3rver with S3's conditional writes. */
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

export interface LocalS3Options {
  /** Directory s3rver stores objects in. */
  directory: string;
  buckets: string[];
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
}

/** Starts s3rver on 127.0.0.1 with the given buckets, answering S3's conditional writes. */
export function startLocalS3(options: LocalS3Options): Promise<LocalS3>;
