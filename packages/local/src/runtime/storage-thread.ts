import { Worker } from "node:worker_threads";
import { startConditionalProxy } from "../s3";

export interface StorageThread {
  dynamoEndpoint: string;
  dynamoPort: number;
  /** The S3 endpoint clients use: the conditional-write proxy (this thread) in front of s3rver. */
  s3Endpoint: string;
  s3Port: number;
  stop(): Promise<void>;
}

/** Thrown when the storage thread could not start its servers (a port in use, a locked data directory). */
export class StorageThreadError extends Error {
  override name = "StorageThreadError";
}

/**
 * Starts dynalite and s3rver on a worker thread. Everything else of the runtime (handlers, bus,
 * workflows) shares the main thread; the storage servers' own work then uses the second core.
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
      buckets: options.buckets,
    },
  });
  const ready = await new Promise<{ dynamoPort: number; s3Port: number }>((resolve, reject) => {
    worker.once("error", (error) =>
      reject(new StorageThreadError(`storage thread failed to start: ${error.message}`)),
    );
    worker.once("message", (message: { type: string; dynamoPort: number; s3Port: number }) =>
      resolve(message),
    );
  });
  const proxy = await startConditionalProxy(ready.s3Port, options.s3Port);
  return {
    dynamoEndpoint: `http://127.0.0.1:${ready.dynamoPort}`,
    dynamoPort: ready.dynamoPort,
    s3Endpoint: proxy.endpoint,
    s3Port: proxy.port,
    async stop() {
      await proxy.close();
      const stopped = new Promise<void>((resolve) => worker.once("message", () => resolve()));
      worker.postMessage({ type: "stop" });
      await stopped;
      await worker.terminate();
    },
  };
}
