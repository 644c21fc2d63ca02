import { Worker } from "node:worker_threads";
import { DossierError } from "@dossier/events";

export interface StorageThread {
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
  const ready = await new Promise<{ dynamoPort: number; s3Port: number }>((resolve, reject) => {
    worker.once("error", (error) =>
      reject(new StorageThreadError(`storage thread failed to start: ${error.message}`, error)),
    );
    worker.once("message", (message: { type: string; dynamoPort: number; s3Port: number }) =>
      resolve(message),
    );
  });
  return {
    dynamoEndpoint: `http://127.0.0.1:${ready.dynamoPort}`,
    dynamoPort: ready.dynamoPort,
    s3Endpoint: `http://127.0.0.1:${ready.s3Port}`,
    s3Port: ready.s3Port,
    async stop() {
      const stopped = new Promise<void>((resolve) => worker.once("message", () => resolve()));
      worker.postMessage({ type: "stop" });
      await stopped;
      await worker.terminate();
    },
  };
}
