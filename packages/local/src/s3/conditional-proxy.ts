import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * s3rver ignores `If-None-Match` and `If-Match` on PutObject. S3 honours them (412
 * PreconditionFailed), and dossier relies on that so concurrent merges never lose a part of
 * latest.json. This proxy sits in front of s3rver and evaluates the preconditions itself.
 * Writes to one key are serialised here, so "check, then write" cannot interleave with another
 * write to the same key; every client reaches s3rver through this proxy.
 */
export interface ConditionalProxy {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

const preconditionFailedBody =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code>' +
  "<Message>At least one of the pre-conditions you specified did not hold</Message>" +
  "<Condition>If-Match</Condition></Error>";

function objectKeyOf(request: http.IncomingMessage): string | undefined {
  const url = new URL(request.url ?? "/", "http://local");
  // Path-style: /bucket/key…; a request without a key is a bucket operation.
  const [, bucket, ...rest] = url.pathname.split("/");
  if (!bucket || rest.length === 0 || rest.join("/") === "") return undefined;
  return `${bucket}/${rest.join("/")}`;
}

function headObject(targetPort: number, path: string): Promise<{ status: number; etag: string | undefined }> {
  return new Promise((resolve, reject) => {
    const head = http.request(
      {
        host: "127.0.0.1",
        port: targetPort,
        method: "HEAD",
        path,
        headers: { host: `127.0.0.1:${targetPort}` },
      },
      (response) => {
        response.resume();
        const etag = response.headers.etag;
        resolve({ status: response.statusCode ?? 500, etag: typeof etag === "string" ? etag : undefined });
      },
    );
    head.on("error", reject);
    head.end();
  });
}

function normaliseEtag(value: string): string {
  return value.trim().replace(/^W\//, "").replace(/^"|"$/g, "");
}

/** Relays a request to s3rver; resolves with its status and ETag once the answer is sent (undefined if it failed). */
function forward(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  targetPort: number,
  body: Buffer | undefined,
): Promise<{ status: number; etag: string | undefined } | undefined> {
  return new Promise((resolve) => {
    // Headers pass through untouched: they are covered by the request signature s3rver checks.
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: targetPort,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (upstreamResponse) => {
        response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
        upstreamResponse.pipe(response);
        const etag = upstreamResponse.headers.etag;
        upstreamResponse.on("end", () =>
          resolve({
            status: upstreamResponse.statusCode ?? 502,
            etag: typeof etag === "string" ? etag : undefined,
          }),
        );
        // An answer cut off upstream must not leave the client waiting for the rest of it.
        const abandon = () => {
          response.destroy();
          resolve(undefined);
        };
        upstreamResponse.on("aborted", abandon);
        upstreamResponse.on("error", abandon);
      },
    );
    // A lock is held around this relay; an s3rver that never answers must not hold it forever.
    upstream.setTimeout(30_000, () => upstream.destroy(new Error("s3rver did not answer within 30 s")));
    upstream.on("error", (error) => {
      if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain" });
      response.end(`s3 proxy: ${error.message}`);
      resolve(undefined);
    });
    if (body) upstream.end(body);
    else request.pipe(upstream);
  });
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** Starts the proxy on 127.0.0.1 in front of an s3rver listening on `targetPort`. */
export async function startConditionalProxy(targetPort: number, port = 0): Promise<ConditionalProxy> {
  const keyLocks = new Map<string, Promise<void>>();
  // Every write passes through here, serialised per key, so the ETag each write produced is the
  // object's current one: conditional writes need no HEAD request to s3rver once a key is known.
  const knownEtags = new Map<string, { status: number; etag: string | undefined }>();

  async function withKeyLock(key: string, work: () => Promise<void>): Promise<void> {
    const previous = keyLocks.get(key) ?? Promise.resolve();
    const current = previous.then(work, work);
    const settled = current.catch(() => undefined);
    keyLocks.set(key, settled);
    await current;
    if (keyLocks.get(key) === settled) keyLocks.delete(key);
  }

  const server = http.createServer((request, response) => {
    const key = objectKeyOf(request);
    const isWrite = request.method !== "GET" && request.method !== "HEAD";
    if (!key) {
      void forward(request, response, targetPort, undefined);
      return;
    }
    if (!isWrite) {
      // s3rver streams an object from the file a concurrent write replaces; reading between
      // writes of the same key (not during one) keeps every answer whole.
      void withKeyLock(key, async () => {
        await forward(request, response, targetPort, undefined);
      });
      return;
    }
    void withKeyLock(key, async () => {
      const body = await readBody(request);
      const ifMatch = request.headers["if-match"];
      const ifNoneMatch = request.headers["if-none-match"];
      if (typeof ifMatch === "string" || ifNoneMatch === "*") {
        const path = new URL(request.url ?? "/", "http://local").pathname;
        const current = knownEtags.get(key) ?? (await headObject(targetPort, path));
        const exists = current.status === 200;
        const failed =
          (ifNoneMatch === "*" && exists) ||
          (typeof ifMatch === "string" &&
            (!exists || normaliseEtag(ifMatch) !== normaliseEtag(current.etag ?? "")));
        if (typeof ifMatch === "string" && !exists) {
          response.writeHead(404, { "content-type": "application/xml" });
          response.end(
            '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
          );
          return;
        }
        if (failed) {
          response.writeHead(412, { "content-type": "application/xml" });
          response.end(preconditionFailedBody);
          return;
        }
      }
      const written = await forward(request, response, targetPort, body);
      // Only a plain PutObject answers with the new object's ETag; copies and multipart uploads
      // (query string, copy source, POST) leave it unknown, so the next condition asks s3rver.
      const plainPut =
        request.method === "PUT" && !request.url?.includes("?") && !request.headers["x-amz-copy-source"];
      if (!written || written.status >= 300) knownEtags.delete(key);
      else if (request.method === "DELETE") knownEtags.set(key, { status: 404, etag: undefined });
      else if (plainPut && written.etag) knownEtags.set(key, { status: 200, etag: written.etag });
      else knownEtags.delete(key);
    }).catch((error: Error) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end(`s3 proxy: ${error.message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
