// s3rver behind S3's conditional writes, in one HTTP server. Plain JavaScript so the storage
// worker thread, which has no TypeScript loader, runs the same module as the main thread.
import { link, mkdir, stat, unlink } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import S3rver from "s3rver";

const preconditionFailedBody =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code>' +
  "<Message>At least one of the pre-conditions you specified did not hold</Message>" +
  "<Condition>If-Match</Condition></Error>";

const noSuchKeyBody =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code>' +
  "<Message>The specified key does not exist.</Message></Error>";

/** A request that s3rver has not answered in this long is cut, so a key's lock cannot be held forever. */
const answerTimeoutMs = 30_000;

/**
 * @param {http.IncomingMessage} request
 * @returns {{ bucket: string, key: string } | undefined} undefined for bucket and service operations
 */
function objectOf(request) {
  const url = new URL(request.url ?? "/", "http://local");
  // Path-style: /bucket/key…
  const [, bucket, ...rest] = url.pathname.split("/");
  const key = rest.join("/");
  if (!bucket || key === "") return undefined;
  return { bucket: decodeURIComponent(bucket), key: decodeURIComponent(key) };
}

/** @param {string} value */
function normaliseEtag(value) {
  return value.trim().replace(/^W\//, "").replace(/^"|"$/g, "");
}

/**
 * A PutObject that replaces the whole object, whose answer carries the new ETag. The SDK names
 * the operation in `x-id`; any other query parameter (uploads, parts) or a copy source is not one.
 * @param {http.IncomingMessage} request
 */
function isWholeObjectPut(request) {
  if (request.method !== "PUT" || request.headers["x-amz-copy-source"]) return false;
  const query = new URL(request.url ?? "/", "http://local").searchParams;
  return [...query.keys()].every((name) => name === "x-id");
}

/**
 * Whether a successful request wrote a whole object at its key: a PutObject or CopyObject (not an
 * upload's part), or the completion of a multipart upload.
 * @param {http.IncomingMessage} request
 */
function createsObject(request) {
  const query = new URL(request.url ?? "/", "http://local").searchParams;
  if (request.method === "PUT") return !query.has("partNumber");
  return request.method === "POST" && query.has("uploadId");
}

const s3rverObjectSuffix = "._S3rver_object";

/**
 * Starts s3rver with the given buckets on 127.0.0.1, answering `If-Match` and `If-None-Match: *`
 * on writes as S3 does (412 PreconditionFailed), which s3rver alone ignores; dossier relies on
 * them so concurrent merges never lose a part of latest.json. Requests for one key are
 * serialised here (reads too: s3rver streams an object from the file a concurrent write
 * replaces), so "check, then write" cannot interleave with another write of the same key.
 *
 * @param {import("./local-s3.d.mts").LocalS3Options} options
 * @returns {Promise<import("./local-s3.d.mts").LocalS3>}
 */
export async function startLocalS3(options) {
  await mkdir(options.directory, { recursive: true });
  const s3rver = new S3rver({
    silent: true,
    directory: options.directory,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [] })),
  });
  await s3rver.configureBuckets();
  const answer = s3rver.callback();

  /** @type {Map<string, Promise<void>>} */
  const keyLocks = new Map();
  // Every write passes through here, serialised per key, so the ETag a whole-object write
  // produced is the object's current one; conditions on a known key need no metadata read.
  /** @type {Map<string, string | null>} ETag, or null when the key is known not to exist */
  const knownEtags = new Map();

  /**
   * @param {string} lockKey
   * @param {() => Promise<void>} work
   */
  async function withKeyLock(lockKey, work) {
    const previous = keyLocks.get(lockKey) ?? Promise.resolve();
    const current = previous.then(work, work);
    const settled = current.catch(() => undefined);
    keyLocks.set(lockKey, settled);
    await current;
    if (keyLocks.get(lockKey) === settled) keyLocks.delete(lockKey);
  }

  /** Keys whose browsable file is known to be the object's own (same inode). */
  const browsableKeys = new Set();

  /**
   * The file a person opens for an object: its key under the bucket's directory. s3rver keeps the
   * object in `<key>._S3rver_object`; the file at the key is a hard link to it, so it is always the
   * object's current content (s3rver rewrites objects in place) and costs no copy. A key that is
   * also another key's prefix cannot be a file beside that directory: it stays s3rver's file only.
   * @param {string} bucket
   * @param {string} key
   */
  function browsablePaths(bucket, key) {
    const objectFile = s3rver.store.getResourcePath(bucket, key, "object");
    const browsable = objectFile.slice(0, -s3rverObjectSuffix.length);
    const bucketDirectory = s3rver.store.getBucketPath(bucket);
    const inside = !path.relative(bucketDirectory, browsable).startsWith("..");
    return inside ? { objectFile, browsable } : undefined;
  }

  /**
   * @param {string} bucket
   * @param {string} key
   */
  async function linkBrowsable(bucket, key) {
    const lockKey = `${bucket}/${key}`;
    if (browsableKeys.has(lockKey)) return;
    const paths = browsablePaths(bucket, key);
    if (!paths) return;
    try {
      await link(paths.objectFile, paths.browsable);
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EEXIST") return;
      const [object, browsable] = await Promise.all([stat(paths.objectFile), stat(paths.browsable)]);
      if (object.ino !== browsable.ino) {
        // A file left from before (or a copy someone put there): the object's own content wins.
        await unlink(paths.browsable);
        await link(paths.objectFile, paths.browsable);
      }
    }
    browsableKeys.add(lockKey);
  }

  /**
   * @param {string} bucket
   * @param {string} key
   */
  async function unlinkBrowsable(bucket, key) {
    browsableKeys.delete(`${bucket}/${key}`);
    const paths = browsablePaths(bucket, key);
    if (paths) await unlink(paths.browsable).catch(() => undefined);
  }

  /**
   * @param {string} bucket
   * @param {string} key
   * @returns {Promise<string | null>}
   */
  async function currentEtag(bucket, key) {
    const known = knownEtags.get(`${bucket}/${key}`);
    if (known !== undefined) return known;
    try {
      const metadata = await s3rver.store.getMetadata(bucket, key);
      return typeof metadata.etag === "string" ? metadata.etag : null;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code === "ENOENT") return null;
      throw error;
    }
  }

  /**
   * Lets s3rver answer; resolves once the answer is sent or abandoned.
   * @param {http.IncomingMessage} request
   * @param {http.ServerResponse} response
   * @returns {Promise<boolean>} whether the answer was sent whole
   */
  function relay(request, response) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => response.destroy(), answerTimeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(response.writableFinished);
      };
      response.once("finish", done);
      response.once("close", done);
      answer(request, response);
    });
  }

  /**
   * @param {http.IncomingMessage} request
   * @param {http.ServerResponse} response
   * @param {{ bucket: string, key: string }} object
   */
  async function write(request, response, object) {
    const lockKey = `${object.bucket}/${object.key}`;
    const ifMatch = request.headers["if-match"];
    const ifNoneMatch = request.headers["if-none-match"];
    if (typeof ifMatch === "string" || ifNoneMatch === "*") {
      const etag = await currentEtag(object.bucket, object.key);
      const refusal =
        typeof ifMatch === "string" && etag === null
          ? { status: 404, body: noSuchKeyBody }
          : (ifNoneMatch === "*" && etag !== null) ||
              (typeof ifMatch === "string" && normaliseEtag(ifMatch) !== normaliseEtag(etag ?? ""))
            ? { status: 412, body: preconditionFailedBody }
            : undefined;
      if (refusal) {
        request.resume();
        response.writeHead(refusal.status, { "content-type": "application/xml" });
        response.end(refusal.body);
        return;
      }
    }
    // The browsable file follows the object before the answer goes out, so a client that reads
    // it after the answer sees what it wrote (s3rver has stored the object when it answers).
    const end = response.end.bind(response);
    /** @type {(...args: unknown[]) => http.ServerResponse} */
    const endAfterBrowsable = (...args) => {
      const stored = response.statusCode < 300;
      const browsable = !stored
        ? Promise.resolve()
        : request.method === "DELETE"
          ? unlinkBrowsable(object.bucket, object.key)
          : createsObject(request)
            ? // A convenience that must never fail the write.
              linkBrowsable(object.bucket, object.key).catch(() => undefined)
            : Promise.resolve();
      void browsable.finally(() => end(.../** @type {[]} */ (args)));
      return response;
    };
    response.end = /** @type {typeof response.end} */ (endAfterBrowsable);
    const sent = await relay(request, response);
    const etag = response.getHeader("etag");
    if (!sent || response.statusCode >= 300) knownEtags.delete(lockKey);
    else if (request.method === "DELETE") knownEtags.set(lockKey, null);
    else if (isWholeObjectPut(request) && typeof etag === "string") knownEtags.set(lockKey, etag);
    else knownEtags.delete(lockKey);
  }

  const server = http.createServer((request, response) => {
    const object = objectOf(request);
    if (!object) {
      answer(request, response);
      return;
    }
    const isRead = request.method === "GET" || request.method === "HEAD";
    void withKeyLock(`${object.bucket}/${object.key}`, async () => {
      if (isRead) await relay(request, response);
      else await write(request, response, object);
    }).catch((/** @type {Error} */ error) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end(`local s3: ${error.message}`);
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve(undefined));
  });
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          s3rver.logger.close();
          resolve(undefined);
        });
      }),
  };
}
