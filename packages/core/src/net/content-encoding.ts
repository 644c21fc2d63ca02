import { Readable, type Transform } from "node:stream";
import type { URL } from "node:url";
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from "node:zlib";
import { ContentDecodingError } from "./errors";

/** A zlib stream starts with a compression-method byte of 8 and a header that is a multiple of 31. */
function isZlibHeader(head: Uint8Array): boolean {
  const [method = 0, flags = 0] = head;
  return (method & 0x0f) === 8 && ((method << 8) | flags) % 31 === 0;
}

/** The encodings a body may arrive in, as sent in Accept-Encoding: exactly those `decodedBody` decodes. */
export const AcceptedEncodings = "gzip, deflate, br";

const DECOMPRESSORS: Readonly<Record<string, (head: Uint8Array) => Transform>> = {
  gzip: () => createGunzip(),
  "x-gzip": () => createGunzip(),
  // "deflate" is meant zlib-wrapped; some servers send it raw. The first bytes tell them apart.
  deflate: (head) => (isZlibHeader(head) ? createInflate() : createInflateRaw()),
  br: () => createBrotliDecompress(),
};

/** The encoding a body was sent with, or `undefined` for an unencoded (identity) body. */
export function contentEncodingOf(header: string | null | undefined): string | undefined {
  const encodings = (header ?? "")
    .split(",")
    .map((encoding) => encoding.trim().toLowerCase())
    .filter((encoding) => encoding !== "" && encoding !== "identity");
  return encodings.length === 0 ? undefined : encodings.join(", ");
}

/**
 * The body as the server meant it: gzip, deflate (zlib-wrapped or raw) and br bodies are decoded
 * as they stream, so a size cap the caller applies counts decoded bytes and a decompression bomb
 * stops at the cap. An encoding that is not one of these, or a body that does not decode, is an
 * error: never text read from compressed bytes. Errors of `body` itself (a cap on the received
 * bytes, an abort) come out as they are.
 */
export async function* decodedBody(
  body: AsyncIterable<Uint8Array>,
  contentEncoding: string | undefined,
  context: { url: string | URL; status?: number },
): AsyncGenerator<Uint8Array> {
  const { url, status } = context;
  if (contentEncoding === undefined) {
    yield* body;
    return;
  }
  if (contentEncoding.includes(","))
    throw new ContentDecodingError(url, `more than one content encoding (${contentEncoding})`, { status });
  const decompressor = DECOMPRESSORS[contentEncoding];
  if (!decompressor)
    throw new ContentDecodingError(
      url,
      `content encoding "${contentEncoding}" is not supported (${AcceptedEncodings})`,
      { status },
    );
  const iterator = body[Symbol.asyncIterator]();
  let first = await iterator.next();
  while (!first.done && first.value.byteLength === 0) first = await iterator.next();
  // Redirects, 204s and empty error pages often still name an encoding; zlib would call nothing truncated.
  if (first.done) return;
  const head = first.value;
  const decompress = decompressor(head);
  const input = Readable.from(
    (async function* () {
      try {
        yield head;
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      } finally {
        await iterator.return?.();
      }
    })(),
  );
  let sourceError: unknown;
  input.on("error", (error) => {
    sourceError = error;
    decompress.destroy(error);
  });
  const decoded = input.pipe(decompress);
  try {
    for await (const chunk of decoded as AsyncIterable<Buffer>)
      yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  } catch (error) {
    if (sourceError !== undefined) throw sourceError;
    throw new ContentDecodingError(
      url,
      `the ${contentEncoding} body does not decode: ${(error as Error).message}`,
      { status, cause: error },
    );
  } finally {
    input.destroy();
    decompress.destroy();
  }
}
