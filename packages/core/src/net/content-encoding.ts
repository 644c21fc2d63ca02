import { Readable, type Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from "node:zlib";
import { ContentDecodingError } from "./errors";

/** A zlib stream starts with a compression-method byte of 8 and a header that is a multiple of 31. */
function isZlibHeader(head: Uint8Array): boolean {
  const [method = 0, flags = 0] = head;
  return (method & 0x0f) === 8 && ((method << 8) | flags) % 31 === 0;
}

/** The encodings a body may arrive in, as sent in Accept-Encoding. */
export const AcceptedEncodings = "gzip, deflate, br";

/**
 * The body as the server meant it: gzip, deflate (zlib-wrapped or raw) and br bodies are decoded
 * as they stream, so a size cap the caller applies counts decoded bytes and a decompression bomb
 * stops at the cap. An encoding that is not one of these, or a body that does not decode, is an
 * error: never text read from compressed bytes.
 */
export async function* decodedBody(
  body: AsyncIterable<Uint8Array>,
  contentEncoding: string | undefined,
  url: string,
): AsyncGenerator<Uint8Array> {
  const encodings = (contentEncoding ?? "")
    .split(",")
    .map((encoding) => encoding.trim().toLowerCase())
    .filter((encoding) => encoding !== "" && encoding !== "identity");
  if (encodings.length === 0) {
    yield* body;
    return;
  }
  if (encodings.length > 1)
    throw new ContentDecodingError(url, `more than one content encoding (${contentEncoding})`);
  const encoding = encodings[0] as string;
  let source: AsyncIterable<Uint8Array> = body;
  let decompress: Transform;
  if (encoding === "gzip" || encoding === "x-gzip") decompress = createGunzip();
  else if (encoding === "br") decompress = createBrotliDecompress();
  else if (encoding === "deflate") {
    // "deflate" is meant zlib-wrapped; some servers send it raw. The first byte tells them apart.
    const iterator = body[Symbol.asyncIterator]();
    const first = await iterator.next();
    const head = first.done ? new Uint8Array() : first.value;
    decompress = isZlibHeader(head) ? createInflate() : createInflateRaw();
    source = (async function* () {
      if (!first.done) yield head;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    })();
  } else
    throw new ContentDecodingError(
      url,
      `content encoding "${encoding}" is not supported (${AcceptedEncodings})`,
    );
  const input = Readable.from(source);
  input.on("error", (error) => decompress.destroy(error));
  const decoded = input.pipe(decompress);
  try {
    for await (const chunk of decoded as AsyncIterable<Buffer>)
      yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  } catch (error) {
    throw new ContentDecodingError(
      url,
      `the ${encoding} body does not decode: ${(error as Error).message}`,
      error,
    );
  } finally {
    input.destroy();
    decompress.destroy();
  }
}
