import { brotliCompressSync, constants, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readBody } from "./body";
import { ContentDecodingError, ResponseTooLargeError } from "./errors";

const page = Buffer.from("<h1>Führung</h1>".repeat(10));
const url = "https://example.com/team";
const MB = 1024 * 1024;

const encoded = (body: ConstructorParameters<typeof Response>[0], encoding: string) =>
  new Response(body, { headers: encoding ? { "content-encoding": encoding } : {} });

const read = async (response: Response, maxBytes = MB) =>
  Buffer.from(await readBody(response, { url, maxBytes, signal: new AbortController().signal })).toString();

/** A body that never ends, made of `chunk` over and over; `pulled` counts what was read of it. */
function endless(chunk: Uint8Array) {
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      counter.pulled += 1;
      controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

describe("readBody", () => {
  it.each([
    ["gzip", gzipSync],
    ["x-gzip", gzipSync],
    ["deflate", deflateSync],
    ["deflate", deflateRawSync],
    ["br", brotliCompressSync],
    ["identity", (bytes: Buffer) => bytes],
    ["", (bytes: Buffer) => bytes],
  ] as const)("decodes a %s body (%o)", async (encoding, compress) => {
    expect(await read(encoded(compress(page), encoding))).toBe(page.toString());
  });

  it("ends a decompression bomb at the cap with a permanent error naming the encoding", async () => {
    // 16 MB of zeros compress to about 16 KB: the cap applies to what they expand to.
    const bomb = gzipSync(Buffer.alloc(16 * MB));
    expect(bomb.byteLength).toBeLessThan(MB);
    const error = await read(encoded(bomb, "gzip")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({
      retryable: false,
      status: 200,
      maxBytes: MB,
      message: expect.stringContaining("gzip-decoded response is larger than the 1048576 byte cap"),
    });
  });

  it("applies the cap to brotli output too", async () => {
    const fast = { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } };
    const bomb = brotliCompressSync(Buffer.alloc(4 * MB, "a"), fast);
    await expect(read(encoded(bomb, "br"))).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("applies the cap to the received bytes of a body that decodes to nothing", async () => {
    // Empty stored deflate blocks: five bytes each, no output, and no end.
    const emptyBlocks = Buffer.from("000000ffff".repeat(200), "hex");
    const { stream, counter } = endless(emptyBlocks);
    const error = await read(encoded(stream, "deflate"), 10 * 1024).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toContain("the response is larger than the 10240 byte cap");
    expect(counter.pulled).toBeLessThan(64);
  });

  it("stops pulling an unencoded body at the cap", async () => {
    const { stream, counter } = endless(new Uint8Array(1024));
    await expect(read(new Response(stream), 10 * 1024)).rejects.toBeInstanceOf(ResponseTooLargeError);
    expect(counter.pulled).toBeLessThan(20);
  });

  it("refuses a declared Content-Length over the cap before reading", async () => {
    const response = new Response(page, { headers: { "content-length": String(page.byteLength) } });
    await expect(read(response, 10)).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("reads an empty body that names an encoding as empty", async () => {
    expect(await read(encoded(null, "gzip"))).toBe("");
    expect(await read(encoded(new Uint8Array(), "br"))).toBe("");
  });

  it.each([
    ["corrupt compressed data", gzipSync(page).subarray(0, 20), "gzip", /the gzip body does not decode: /],
    ["data that is not brotli", page, "br", /the br body does not decode: /],
    [
      "an encoding it does not decode",
      page,
      "zstd",
      /content encoding "zstd" is not supported \(gzip, deflate, br\)/,
    ],
    ["stacked encodings", page, "gzip, br", /more than one content encoding \(gzip, br\)/],
  ])(
    "refuses %s with a permanent error instead of reading the bytes as text",
    async (_name, body, encoding, reason) => {
      const error = await read(encoded(body, encoding)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContentDecodingError);
      expect(error).toMatchObject({ retryable: false, status: 200, message: expect.stringMatching(reason) });
      expect((error as Error).message).toMatch(/^refusing the body of https:\/\/example\.com\/team: /);
    },
  );

  it("ends a pending read when the signal aborts and rethrows the abort reason", async () => {
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(gzipSync(page).subarray(0, 10));
      },
      pull: () => new Promise<void>(() => undefined),
    });
    const controller = new AbortController();
    const reason = new Error("time is up");
    const pending = readBody(encoded(stalled, "gzip"), { url, maxBytes: MB, signal: controller.signal });
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });
});
