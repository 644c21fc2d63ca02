import { Worker } from "node:worker_threads";
import { DossierError } from "@dossier/events";

export interface StorageThread {
  /** Settles if the storage servers die after they started: everything that needs them has failed. */
  failure: Promise<StorageThreadError>;
  dynamoEndpoint: string;
  dynamoPort: number;
  /** The S3 endpoint clients use: s3rver with S3's conditional writes. */
  s3Endpoint: string;
  s3Port: number;
  stop(): Promise<void>;
}

/** Thrown when the storage thread could not start its servers (a port in use, a locked data directory). */
export class StorageThreadError extends DossierError {
  constructor(message: string, cause?: unknown) {
    super(message, { retryable: false, cause });
  }
}

/**
 * Starts dynalite and s3rver on a worker thread, so the storage servers' own work, HTTP included,
 * does not compete with the bus and the workflows (main thread) or the handlers (their thread).
 */
export async function startStorageThread(options: {
  dynamoPath?: string;
  dynamoPort: number;
  s3Directory: string;
  s3Port: number;
  buckets: string[];
}): Promise<StorageThread> {
  const worker = new Worker(new URL("./storage-worker.mjs", import.meta.url), {
    workerData: {
      dynamoPath: options.dynamoPath,
      dynamoPort: options.dynamoPort,
      s3Directory: options.s3Directory,
      s3Port: options.s3Port,
      buckets: options.buckets,
    },
  });
  let stopping = false;
  let started = false;
  let died: (error: StorageThreadError) => void = () => undefined;
  const failure = new Promise<StorageThreadError>((resolve) => {
    died = resolve;
  });
  const ready = await new Promise<{ dynamoPort: number; s3Port: number }>((resolve, reject) => {
    worker.on("error", (error) => {
      const failed = new StorageThreadError(
        `the local DynamoDB and S3 ${started ? "stopped" : "could not start"}: ${error.message}`,
        error,
      );
      if (started) died(failed);
      else reject(failed);
    });
    worker.on("exit", (code) => {
      if (stopping) return;
      const failed = new StorageThreadError(`the local DynamoDB and S3 exited unexpectedly (code ${code})`);
      if (started) died(failed);
      else reject(failed);
    });
    worker.once("message", (message: { type: string; dynamoPort: number; s3Port: number }) => {
      started = true;
      resolve(message);
    });
  });
  return {
    failure,
    dynamoEndpoint: `http://127.0.0.1:${ready.dynamoPort}`,
    dynamoPort: ready.dynamoPort,
    s3Endpoint: `http://127.0.0.1:${ready.s3Port}`,
    s3Port: ready.s3Port,
    async stop() {
      stopping = true;
      const stopped = new Promise<void>((resolve) => worker.once("message", () => resolve()));
      worker.postMessage({ type: "stop" });
      await stopped;
      await worker.terminate();
    },
  };
}
