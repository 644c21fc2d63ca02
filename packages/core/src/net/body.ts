import type { URL } from "node:url";
import { contentEncodingOf, decodedBody } from "./content-encoding";
import { ResponseTooLargeError } from "./errors";
import type { TransportResponse } from "./transport";

/** Drops a body we will not read, so its connection is released; a failing cancel has nothing left to say. */
export function discardBody(response: TransportResponse): void {
  response.body?.cancel().catch(() => undefined);
}

/**
 * Reads a body chunk by chunk, undoing its Content-Encoding as it streams, and stops at the cap, so
 * neither an oversized answer nor a decompression bomb ever sits in memory. The cap applies to the
 * decoded bytes and to the received ones (a stream of empty deflate blocks decodes to nothing, yet
 * never ends). An abort of `signal` (the caller's timeout) ends a pending read at once and rethrows
 * the abort reason, so a trickling body cannot outlive the timeout.
 * @throws ResponseTooLargeError when the declared, received or decoded size is over `maxBytes`.
 * @throws ContentDecodingError when the encoding is not one we decode or the body does not decode.
 */
export async function readBody(
  response: TransportResponse,
  options: { url: string | URL; maxBytes: number; signal: AbortSignal },
): Promise<Uint8Array> {
  const { url, maxBytes, signal } = options;
  const { status } = response;
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    discardBody(response);
    throw new ResponseTooLargeError(url, maxBytes, { status });
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener("abort", stop, { once: true });
  async function* received(): AsyncGenerator<Uint8Array> {
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw signal.reason;
      if (done) return;
      total += value.byteLength;
      if (total > maxBytes) throw new ResponseTooLargeError(url, maxBytes, { status });
      yield value;
    }
  }
  const encoding = contentEncodingOf(response.headers.get("content-encoding"));
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of decodedBody(received(), encoding, { url, status })) {
      total += chunk.byteLength;
      if (total > maxBytes) throw new ResponseTooLargeError(url, maxBytes, { status, encoding });
      chunks.push(chunk);
    }
  } finally {
    signal.removeEventListener("abort", stop);
    // Reading may have stopped early (cap, undecodable body): cancelling releases the connection.
    stop();
  }
  return Buffer.concat(chunks, total);
}
