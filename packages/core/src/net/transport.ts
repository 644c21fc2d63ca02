import { type Dispatcher, request } from "undici";

/** What the HTTP core needs from a response: a `fetch` Response has this shape. */
export type TransportResponse = {
  status: number;
  /** Header lookup by name, case-insensitive, as `Headers.get` does it. */
  headers: { get(name: string): string | null };
  /** The body as it came off the wire: still Content-Encoded. */
  body: ReadableStream<Uint8Array> | null;
};

export type TransportRequest = {
  headers: Record<string, string>;
  signal: AbortSignal;
  /** The core follows redirects itself, so every hop is checked (addresses, robots.txt, rate limit). */
  redirect: "manual";
};

/**
 * Sends one request and returns the raw response: no redirects followed, no Content-Encoding undone.
 * Tests pass a function answering scripted `Response`s; `globalThis.fetch` is not one (it decodes bodies
 * itself, so the size cap would not see the compressed size and decoding would run twice).
 */
export type Transport = (url: string, init: TransportRequest) => Promise<TransportResponse>;

/**
 * The transport used outside tests: undici's `request`, which leaves bodies encoded, through the given
 * dispatcher (the website client's address-guarded agent) or undici's shared keep-alive pool.
 */
export function undiciTransport(dispatcher?: Dispatcher): Transport {
  return async (url, init) => {
    const response = await request(url, {
      ...(dispatcher ? { dispatcher } : {}),
      headers: init.headers,
      signal: init.signal,
    });
    const headers = response.headers;
    return {
      status: response.statusCode,
      headers: {
        // undici names headers in lower case; a repeated header is joined as `Headers.get` would.
        get: (name) => {
          const value = headers[name.toLowerCase()];
          return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
        },
      },
      body: pulled(response.body),
    };
  };
}

/**
 * A web stream that reads the Node body one chunk per pull and destroys it on cancel. (Node 20's
 * `Readable.toWeb` throws "Controller is already closed" when a cancelled body still has data in flight.)
 */
function pulled(body: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}
