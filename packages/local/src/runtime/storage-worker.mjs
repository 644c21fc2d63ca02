// The embedded runtime's storage servers (dynalite, and s3rver with S3's conditional writes) on a
// second thread, so their request handling runs on another core than the handlers. Plain
// JavaScript: a worker thread does not inherit the TypeScript loader of the main thread.
import { parentPort, workerData } from "node:worker_threads";
import { startLocalDynamo } from "../dynamodb/local-dynamo.mjs";
import { startLocalS3 } from "../s3/local-s3.mjs";

/** @type {{ dynamoPath?: string, dynamoPort: number, s3Directory: string, s3Port: number, buckets: string[] }} */
const options = workerData;

const dynamo = await startLocalDynamo({
  ...(options.dynamoPath ? { path: options.dynamoPath } : {}),
  port: options.dynamoPort,
});
const s3 = await startLocalS3({
  directory: options.s3Directory,
  buckets: options.buckets,
  port: options.s3Port,
});

parentPort?.postMessage({ type: "ready", dynamoPort: dynamo.port, s3Port: s3.port });

parentPort?.on("message", async (message) => {
  if (message?.type !== "stop") return;
  await dynamo.close();
  await s3.close();
  parentPort?.postMessage({ type: "stopped" });
});
