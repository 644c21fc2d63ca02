import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ContentDecodingError, parseRetryAfter, ResponseTooLargeError } from "../net";
import { createSecClient, type SecClientOptions, secConfigFromEnv } from "./client";
import { SecNotFoundError, SecTimeoutError, SecUpstreamError, SecUserAgentMissingError } from "./errors";

type Answer = Response | (() => Response) | Error;

/** A fetch that plays scripted answers in order and records every call. */
function scriptedFetch(answers: Answer[]) {
  const calls: Array<{ url: string; headers: Headers }> = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    calls.push({ url: String(input), headers: new Headers(init?.headers) });
    const answer = answers.shift();
    if (answer === undefined) throw new Error("no scripted answer left");
    if (answer instanceof Error) throw answer;
    return typeof answer === "function" ? answer() : answer;
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), {
    status: 200,
    headers: { "content-type": "application/json" },
    ...init,
  });

function client(answers: Answer[], options: Partial<SecClientOptions> = {}) {
  const scripted = scriptedFetch(answers);
  const sleeps: number[] = [];
  const sec = createSecClient({
    dataBaseUrl: "http://127.0.0.1:1/",
    wwwBaseUrl: "http://127.0.0.1:2",
    userAgent: "dossier-test ops@example.com",
    transport: scripted.fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => Date.parse("2026-01-01T00:00:00Z"),
    ...options,
  });
  return { sec, calls: scripted.calls, sleeps };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("secConfigFromEnv", () => {
  it("refuses to run without a User-Agent and says how to set one", () => {
    expect(() => secConfigFromEnv({})).toThrow(SecUserAgentMissingError);
    expect(() => secConfigFromEnv({ DOSSIER_SEC_USER_AGENT: "  " })).toThrow(/DOSSIER_SEC_USER_AGENT/);
  });

  it("defaults the base URLs to SEC and lets the environment override them", () => {
    expect(secConfigFromEnv({ DOSSIER_SEC_USER_AGENT: "a b@c.d" })).toEqual({
      dataBaseUrl: "https://data.sec.gov",
      wwwBaseUrl: "https://www.sec.gov",
      userAgent: "a b@c.d",
    });
    expect(
      secConfigFromEnv({ DOSSIER_SEC_USER_AGENT: "x", DOSSIER_SEC_DATA_URL: "http://127.0.0.1:9" })
        .dataBaseUrl,
    ).toBe("http://127.0.0.1:9");
  });
});

describe("createSecClient requests", () => {
  it("sends the User-Agent to EDGAR's URL layout and takes a token before every attempt", async () => {
    const order: string[] = [];
    const { sec, calls } = client([json({ a: 1 }), new Response("", { status: 503 }), json({ b: 2 })], {
      acquireToken: async () => {
        order.push("token");
      },
    });
    await sec.getSubmissions(320193);
    await sec.getCompanyFacts("1045810");
    expect(calls.map((c) => c.url)).toEqual([
      "http://127.0.0.1:1/submissions/CIK0000320193.json",
      "http://127.0.0.1:1/api/xbrl/companyfacts/CIK0001045810.json",
      "http://127.0.0.1:1/api/xbrl/companyfacts/CIK0001045810.json",
    ]);
    expect(calls.every((c) => c.headers.get("user-agent") === "dossier-test ops@example.com")).toBe(true);
    expect(order).toEqual(["token", "token", "token"]);
    expect(sec.stats).toEqual({ requests: 3, retries: 1 });
  });

  it("follows a redirect itself, taking a token for every hop", async () => {
    let tokens = 0;
    const moved = new Response(null, {
      status: 301,
      headers: { location: "http://127.0.0.1:2/Archives/edgar/data/1/moved.htm" },
    });
    const { sec, calls } = client([moved, new Response("<html>moved</html>")], {
      acquireToken: async () => {
        tokens += 1;
      },
    });
    expect(await sec.getDocument("http://127.0.0.1:2/Archives/edgar/data/1/a.htm")).toBe(
      "<html>moved</html>",
    );
    expect(calls.map((c) => c.url)).toEqual([
      "http://127.0.0.1:2/Archives/edgar/data/1/a.htm",
      "http://127.0.0.1:2/Archives/edgar/data/1/moved.htm",
    ]);
    expect(tokens).toBe(2);
    expect(sec.stats).toEqual({ requests: 2, retries: 0 });
  });

  it("fetches tickers, extra filing pages and documents from their hosts", async () => {
    const { sec, calls } = client([json({}), json({}), new Response("<html>10-K</html>")]);
    await sec.getCompanyTickers();
    await sec.getSubmissionsPage("CIK0000320193-submissions-001.json");
    expect(await sec.getDocument("http://127.0.0.1:2/Archives/edgar/data/1/2/a.htm")).toBe(
      "<html>10-K</html>",
    );
    expect(calls.map((c) => c.url)).toEqual([
      "http://127.0.0.1:2/files/company_tickers.json",
      "http://127.0.0.1:1/submissions/CIK0000320193-submissions-001.json",
      "http://127.0.0.1:2/Archives/edgar/data/1/2/a.htm",
    ]);
  });
});

describe("createSecClient compressed bodies", () => {
  const gzipped = (text: string, contentType: string) =>
    new Response(gzipSync(text), { headers: { "content-type": contentType, "content-encoding": "gzip" } });

  it("asks for what the HTTP core decodes and reads gzip JSON and documents", async () => {
    const { sec, calls } = client([
      gzipped(JSON.stringify({ cik: 320193 }), "application/json"),
      gzipped("<html>10-K</html>", "text/html"),
    ]);
    expect(await sec.getSubmissions(320193)).toEqual({ cik: 320193 });
    expect(await sec.getDocument("http://127.0.0.1:2/a.htm")).toBe("<html>10-K</html>");
    expect(calls.map((c) => c.headers.get("accept-encoding"))).toEqual([
      "gzip, deflate, br",
      "gzip, deflate, br",
    ]);
  });

  it("ends a decompression bomb at the cap, permanently and without retrying", async () => {
    const bomb = new Response(gzipSync(Buffer.alloc(4 * 1024 * 1024)), {
      headers: { "content-type": "text/html", "content-encoding": "gzip" },
    });
    const { sec, calls } = client([bomb], { maxDocumentBytes: 64 * 1024 });
    const error = await sec.getDocument("http://127.0.0.1:2/bomb.htm").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({
      retryable: false,
      status: 200,
      message: /gzip-decoded response is larger than the 65536 byte cap/,
    });
    expect(calls).toHaveLength(1);
  });

  it("refuses a body that claims gzip but is not", async () => {
    const { sec } = client([
      new Response('{"cik": 1}', {
        headers: { "content-type": "application/json", "content-encoding": "gzip" },
      }),
    ]);
    await expect(sec.getSubmissions(1)).rejects.toBeInstanceOf(ContentDecodingError);
  });
});

describe("createSecClient retries", () => {
  it("honours Retry-After seconds on 429, plus jitter", async () => {
    const { sec, sleeps } = client(
      [new Response("", { status: 429, headers: { "retry-after": "3" } }), json({})],
      {
        baseDelayMs: 100,
      },
    );
    await sec.getSubmissions(1);
    expect(sleeps).toEqual([3050]);
  });

  it("honours Retry-After as an HTTP date", () => {
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:07 GMT", Date.parse("2026-01-01T00:00:00Z"))).toBe(7000);
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
  });

  it("backs off exponentially with jitter on 5xx and network errors, then succeeds", async () => {
    const { sec, sleeps } = client(
      [
        new Response("", { status: 500 }),
        new TypeError("fetch failed"),
        new Response("", { status: 502 }),
        json({ ok: 1 }),
      ],
      { baseDelayMs: 100 },
    );
    expect(await sec.getSubmissions(1)).toEqual({ ok: 1 });
    // Equal jitter with random() = 0.5: 3/4 of 100, 200, 400 ms.
    expect(sleeps).toEqual([75, 150, 300]);
  });

  it("gives up after maxRetries with a retryable error carrying the status", async () => {
    const { sec } = client(
      [
        new Response("", { status: 503 }),
        new Response("", { status: 503 }),
        new Response("", { status: 503 }),
      ],
      { maxRetries: 2 },
    );
    await expect(sec.getSubmissions(1)).rejects.toMatchObject({
      name: "SecUpstreamError",
      retryable: true,
      status: 503,
    });
  });

  it("does not wait longer than maxDelayMs for a far Retry-After", async () => {
    const { sec, sleeps } = client([new Response("", { status: 429, headers: { "retry-after": "3600" } })]);
    await expect(sec.getSubmissions(1)).rejects.toMatchObject({ retryable: true, status: 429 });
    expect(sleeps).toEqual([]);
  });
});

describe("createSecClient failures", () => {
  it("turns 404 into SecNotFoundError without retrying", async () => {
    const { sec, calls } = client([new Response("<Error><Code>NoSuchKey</Code></Error>", { status: 404 })]);
    const error = await sec.getSubmissions(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecNotFoundError);
    expect(error).toMatchObject({ retryable: false, status: 404 });
    expect(calls).toHaveLength(1);
  });

  it("explains a 403 as a User-Agent or rate problem, permanently", async () => {
    const { sec } = client([new Response("", { status: 403 })]);
    await expect(sec.getSubmissions(1)).rejects.toMatchObject({
      retryable: false,
      status: 403,
      message: /User-Agent/,
    });
  });

  it("reports an HTML page where JSON was expected", async () => {
    const { sec } = client([
      new Response("<!DOCTYPE html><html><body>Maintenance</body></html>", {
        headers: { "content-type": "text/html" },
      }),
    ]);
    const error = await sec.getCompanyFacts(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecUpstreamError);
    expect((error as Error).message).toMatch(/HTML\/XML page where JSON was expected.*text\/html/);
  });

  it("reports malformed JSON", async () => {
    const { sec } = client([new Response('{"cik": 1,', { headers: { "content-type": "application/json" } })]);
    await expect(sec.getSubmissions(1)).rejects.toThrow(/malformed JSON/);
  });

  it("refuses a body whose declared length is over the cap", async () => {
    const { sec } = client([new Response("x".repeat(50), { headers: { "content-length": "50" } })], {
      maxBytes: 10,
    });
    await expect(sec.getSubmissions(1)).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("stops reading a streamed body at the cap", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const { sec } = client([new Response(endless)], { maxDocumentBytes: 10 * 1024 });
    await expect(sec.getDocument("http://127.0.0.1:2/big.htm")).rejects.toMatchObject({
      name: "ResponseTooLargeError",
      retryable: false,
    });
    expect(pulled).toBeLessThan(20);
  });

  it("times out a request that never answers", async () => {
    vi.useFakeTimers();
    const hanging = (_: unknown, init?: RequestInit) =>
      new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener("abort", () => reject(new Error("aborted"))),
      );
    const sec = createSecClient({
      userAgent: "t t@example.com",
      transport: hanging as typeof globalThis.fetch,
      timeoutMs: 5000,
      maxRetries: 0,
    });
    const pending = sec.getSubmissions(1).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5000);
    const error = await pending;
    expect(error).toBeInstanceOf(SecTimeoutError);
    expect(error).toMatchObject({ retryable: true, message: /within 5000 ms/ });
  });

  it("times out a body that stops arriving halfway", async () => {
    vi.useFakeTimers();
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"cik":'));
      },
      pull: () => new Promise<void>(() => undefined),
    });
    const { sec } = client([new Response(stalled)], { timeoutMs: 1000, maxRetries: 0 });
    const pending = sec.getSubmissions(1).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await pending).toBeInstanceOf(SecTimeoutError);
  });

  it("refuses to be created without a User-Agent", () => {
    expect(() => createSecClient({ userAgent: "" })).toThrow(SecUserAgentMissingError);
  });
});
