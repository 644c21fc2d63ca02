export interface LocalDynamo {
  /** `http://127.0.0.1:<port>`, for `endpoint` or `AWS_ENDPOINT_URL_DYNAMODB`. */
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface StartLocalDynamoOptions {
  /** Directory for the LevelDB files; omitted means in memory (gone on close). */
  path?: string;
  /** 0 (default) picks a free port. */
  port?: number;
}

/** Runs dynalite in this thread on 127.0.0.1, its tables ACTIVE at once. */
export function startLocalDynamo(options?: StartLocalDynamoOptions): Promise<LocalDynamo>;
