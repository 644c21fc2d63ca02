// The embedded runtime's storage servers (dynalite, and s3rver with S3's conditional writes) on a
// second thread, so their request handling runs on another core than the handlers. Plain
// JavaScript: a worker thread does not inherit the TypeScript loader of the main thread.
import { createRequire } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import { startLocalS3 } from "../s3/local-s3.mjs";

const dynalite = createRequire(import.meta.url)("dynalite");

/** @type {{ dynamoPath?: string, dynamoPort: number, s3Directory: string, s3Port: number, buckets: string[] }} */
const options = workerData;

const dynamo = dynalite({
  ...(options.dynamoPath ? { path: options.dynamoPath } : {}),
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
});
await new Promise((resolve, reject) => {
  dynamo.once("error", reject);
  dynamo.listen(options.dynamoPort, "127.0.0.1", () => resolve(undefined));
});

const s3 = await startLocalS3({
  directory: options.s3Directory,
  buckets: options.buckets,
  port: options.s3Port,
});

parentPort?.postMessage({ type: "ready", dynamoPort: dynamo.address().port, s3Port: s3.port });

parentPort?.on("message", async (message) => {
  if (message?.type !== "stop") return;
  dynamo.closeAllConnections();
  await new Promise((resolve) => dynamo.close(() => resolve(undefined)));
  await s3.close();
  parentPort?.postMessage({ type: "stopped" });
});
