// The embedded runtime's storage servers (dynalite and s3rver) on a second thread, so their
// request handling runs on another core than the handlers. Plain JavaScript: a worker thread
// does not inherit the TypeScript loader of the main thread, and both servers are JavaScript.
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import S3rver from "s3rver";

const dynalite = createRequire(import.meta.url)("dynalite");

/** @type {{ dynamoPath?: string, dynamoPort: number, s3Directory: string, buckets: string[] }} */
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

await mkdir(options.s3Directory, { recursive: true });
const s3 = new S3rver({
  address: "127.0.0.1",
  port: 0,
  silent: true,
  directory: options.s3Directory,
  configureBuckets: options.buckets.map((name) => ({ name, configs: [] })),
});
const s3Address = await s3.run();

parentPort?.postMessage({ type: "ready", dynamoPort: dynamo.address().port, s3Port: s3Address.port });

parentPort?.on("message", async (message) => {
  if (message?.type !== "stop") return;
  dynamo.closeAllConnections();
  await new Promise((resolve) => dynamo.close(() => resolve(undefined)));
  await s3.close();
  parentPort?.postMessage({ type: "stopped" });
});
