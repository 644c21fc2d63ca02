// dynalite on 127.0.0.1. Plain JavaScript so the storage worker thread, which has no TypeScript
// loader, starts it with the same options as the main thread does.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
/** @type {(options: { path?: string, createTableMs?: number, deleteTableMs?: number, updateTableMs?: number }) => import("node:http").Server} */
const dynalite = require("dynalite");
/** dynalite's own LevelDB, to open the table data once before dynalite does. */
const { Level } = createRequire(require.resolve("dynalite"))("level");

/**
 * Opens the table data once and closes it again: dynalite opens it lazily and, when it cannot
 * (corrupt files, a directory another process holds), fails every request instead of starting.
 *
 * @param {string} path
 */
async function assertReadableTableData(path) {
  const db = new Level(path, { valueEncoding: "json" });
  try {
    await db.open();
  } catch (error) {
    const reason =
      /** @type {Error & { cause?: Error }} */ (error).cause?.message ?? /** @type {Error} */ (error).message;
    throw new Error(
      `the local DynamoDB data in ${path} cannot be opened (${reason}); stop the process using it, or move the directory aside to start with an empty table`,
    );
  }
  await db.close();
}

/**
 * Runs dynalite in this thread. Tables become ACTIVE at once, unlike the half-second dynalite
 * default, because nothing local benefits from waiting.
 *
 * @param {import("./local-dynamo.d.mts").StartLocalDynamoOptions} [options]
 * @returns {Promise<import("./local-dynamo.d.mts").LocalDynamo>}
 */
export async function startLocalDynamo(options = {}) {
  if (options.path) await assertReadableTableData(options.path);
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
