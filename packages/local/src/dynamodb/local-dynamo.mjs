// dynalite on 127.0.0.1. Plain JavaScript so the storage worker thread, which has no TypeScript
// loader, starts it with the same options as the main thread does.
import { createRequire } from "node:module";

/** @type {(options: { path?: string, createTableMs?: number, deleteTableMs?: number, updateTableMs?: number }) => import("node:http").Server} */
const dynalite = createRequire(import.meta.url)("dynalite");

/**
 * Runs dynalite in this thread. Tables become ACTIVE at once, unlike the half-second dynalite
 * default, because nothing local benefits from waiting.
 *
 * @param {import("./local-dynamo.d.mts").StartLocalDynamoOptions} [options]
 * @returns {Promise<import("./local-dynamo.d.mts").LocalDynamo>}
 */
export async function startLocalDynamo(options = {}) {
  const server = dynalite({
    ...(options.path ? { path: options.path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve(undefined);
    });
  });
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve, reject) => {
        // Requests still in flight (a worker mid-retry) would otherwise hold close() open until they end.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve(undefined)));
      }),
  };
}
