import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAddressPolicy } from "./address-policy";
import {
  BlockedAddressError,
  ContentDecodingError,
  FetchTimeoutError,
  ResponseTooLargeError,
  RobotsDisallowedError,
  TooManyRedirectsError,
  UnsupportedContentTypeError,
  UnsupportedUrlError,
} from "./errors";
import { createSafeFetcher, type SafeFetcherOptions } from "./safe-fetch";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const routes = new Map<string, Handler>();
const robotsRequests: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const handler = routes.get(req.url ?? "");
    if (handler) return handler(req, res);
    res.writeHead(404, { "content-type": "text/html" }).end("<h1>not found</h1>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  routes.set("/robots.txt", (_req, res) => {
    robotsRequests.push("robots");
    res.writeHead(200, { "content-type": "text/plain" }).end("User-agent: *\nDisallow: /private\n");
  });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Real protection code path; the only exception is exactly 127.0.0.1, where the test server listens. */
function fetcher(overrides: Partial<SafeFetcherOptions> = {}) {
  return createSafeFetcher({
    userAgent: "dossier-test/1.0 (test@example.com)",
    addressPolicy: createAddressPolicy({ allowedAddresses: ["127.0.0.1"] }),
    politenessDelayMs: 0,
    ...overrides,
  });
}

describe("createSafeFetcher address protection", () => {
  const strict = () =>
    createSafeFetcher({
      userAgent: "dossier-test",
      allowPrivateNetwork: false,
      politenessDelayMs: 0,
      robots: false,
    });

  it("refuses 127.0.0.1 by default with a clear error", async () => {
    await expect(strict().fetchPage(`${base}/`)).rejects.toThrow(
      `refusing to fetch ${base}/: 127.0.0.1 is a loopback address`,
    );
  });

  it("refuses 10.0.0.1 without connecting", async () => {
    const error = await strict()
      .fetchPage("http://10.0.0.1/")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect((error as BlockedAddressError).message).toBe(
      "refusing to fetch http://10.0.0.1/: 10.0.0.1 is a private address",
    );
    expect((error as BlockedAddressError).retryable).toBe(false);
  });

  it("refuses the metadata address 169.254.169.254", async () => {
    await expect(strict().fetchPage("http://169.254.169.254/latest/meta-data/")).rejects.toThrow(
      "169.254.169.254 is the cloud metadata address",
    );
  });

  it("refuses [::1] and IPv4-mapped loopback even when 127.0.0.1 is allowed", async () => {
    await expect(fetcher({ robots: false }).fetchPage("http://[::1]/")).rejects.toThrow(
      "::1 is a loopback address",
    );
    await expect(fetcher({ robots: false }).fetchPage("http://[::ffff:127.0.0.1]/")).rejects.toBeInstanceOf(
      BlockedAddressError,
    );
  });

  it("refuses a host name whose DNS answer is private", async () => {
    const lookups: string[] = [];
    const f = fetcher({
      robots: false,
      lookup: async (host) => {
        lookups.push(host);
        return [{ address: "192.168.0.10", family: 4 }];
      },
    });
    await expect(f.fetchPage("http://intranet.example.com/")).rejects.toThrow(
      "refusing to fetch http://intranet.example.com/: 192.168.0.10 is a private address",
    );
    expect(lookups).toEqual(["intranet.example.com"]);
  });

  it("refuses a redirect from an allowed server to a private address", async () => {
    routes.set("/to-private", (_req, res) => res.writeHead(302, { location: "http://10.0.0.1/admin" }).end());
    await expect(fetcher().fetchPage(`${base}/to-private`)).rejects.toThrow(
      "refusing to fetch http://10.0.0.1/admin: 10.0.0.1 is a private address",
    );
  });

  it("refuses a redirect to a host name that resolves to the metadata address", async () => {
    routes.set("/to-rebound", (_req, res) =>
      res.writeHead(301, { location: "http://rebound.example/x" }).end(),
    );
    const f = fetcher({ lookup: async () => [{ address: "169.254.169.254", family: 4 }] });
    await expect(f.fetchPage(`${base}/to-rebound`)).rejects.toBeInstanceOf(BlockedAddressError);
  });

  it("connects to the address the guarded lookup returned, so a host name resolving to 127.0.0.1 works when allowed", async () => {
    routes.set("/named", (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<p>ok</p>"));
    const port = (server.address() as AddressInfo).port;
    const f = fetcher({ robots: false, lookup: async () => [{ address: "127.0.0.1", family: 4 }] });
    const page = await f.fetchPage(`http://team.example.test:${port}/named`);
    expect(page.body).toBe("<p>ok</p>");
  });

  it("refuses schemes other than http and https", async () => {
    await expect(fetcher().fetchPage("file:///etc/passwd")).rejects.toBeInstanceOf(UnsupportedUrlError);
  });
});

describe("createSafeFetcher limits", () => {
  it("cuts off a 50 MB page at the size limit while streaming", async () => {
    let sent = 0;
    routes.set("/huge", (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = Buffer.alloc(1024 * 1024, "a");
      const pump = () => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => res.destroy());
      pump();
    });
    const error = await fetcher({ maxBytes: 2 * 1024 * 1024 })
      .fetchPage(`${base}/huge`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(sent).toBeLessThan(50 * 1024 * 1024);
  });

  it("refuses a declared Content-Length above the limit before reading the body", async () => {
    routes.set("/declared", (_req, res) => {
      res.writeHead(200, { "content-type": "text/html", "content-length": String(50 * 1024 * 1024) });
      res.write("<html>");
    });
    await expect(fetcher({ maxBytes: 1024 }).fetchPage(`${base}/declared`)).rejects.toBeInstanceOf(
      ResponseTooLargeError,
    );
  });

  it("cuts off a server that drips one byte per second at the total time limit", async () => {
    routes.set("/drip", (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      const timer = setInterval(() => res.write("a"), 1000);
      res.on("close", () => clearInterval(timer));
    });
    // The drip never ends: only the total time limit can end this fetch, and it must say so.
    const error = await fetcher({ timeoutMs: 1500 })
      .fetchPage(`${base}/drip`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchTimeoutError);
    expect((error as FetchTimeoutError).retryable).toBe(true);
    expect((error as Error).message).toMatch(/no complete response within 1500 ms in total/);
  });

  it("gives up after the redirect limit", async () => {
    routes.set("/loop", (_req, res) => res.writeHead(302, { location: "/loop" }).end());
    await expect(fetcher({ maxRedirects: 3 }).fetchPage(`${base}/loop`)).rejects.toBeInstanceOf(
      TooManyRedirectsError,
    );
  });

  it("follows redirects and reports the final URL", async () => {
    routes.set("/old-team", (_req, res) => res.writeHead(301, { location: "/about/leadership" }).end());
    routes.set("/about/leadership", (_req, res) =>
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<h1>Führung</h1>"),
    );
    const page = await fetcher().fetchPage(`${base}/old-team`);
    expect(page).toMatchObject({ url: `${base}/about/leadership`, status: 200, body: "<h1>Führung</h1>" });
    expect(page.bytes).toBe(Buffer.byteLength("<h1>Führung</h1>"));
  });

  it("refuses content that is not a web page", async () => {
    routes.set("/logo.png", (_req, res) => res.writeHead(200, { "content-type": "image/png" }).end("PNG"));
    await expect(fetcher().fetchPage(`${base}/logo.png`)).rejects.toBeInstanceOf(UnsupportedContentTypeError);
  });

  it("decodes the body with the charset from the header", async () => {
    routes.set("/latin1", (_req, res) =>
      res
        .writeHead(200, { "content-type": "text/html; charset=iso-8859-1" })
        .end(Buffer.from([0x3c, 0x70, 0x3e, 0x46, 0xfc, 0x68, 0x72, 0x75, 0x6e, 0x67])),
    );
    expect((await fetcher().fetchPage(`${base}/latin1`)).body).toBe("<p>Führung");
  });

  it("sends the configured User-Agent", async () => {
    routes.set("/ua", (req, res) =>
      res.writeHead(200, { "content-type": "text/plain" }).end(String(req.headers["user-agent"])),
    );
    expect((await fetcher().fetchPage(`${base}/ua`)).body).toBe("dossier-test/1.0 (test@example.com)");
  });
});

describe("createSafeFetcher robots.txt", () => {
  it("refuses a path robots.txt disallows and reads robots.txt once per origin", async () => {
    routes.set("/private/team", (_req, res) =>
      res.writeHead(200, { "content-type": "text/html" }).end("secret"),
    );
    routes.set("/public", (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("ok"));
    robotsRequests.length = 0;
    const f = fetcher();
    await expect(f.fetchPage(`${base}/private/team`)).rejects.toBeInstanceOf(RobotsDisallowedError);
    await expect(f.fetchPage(`${base}/public`)).resolves.toMatchObject({ body: "ok" });
    expect(robotsRequests).toHaveLength(1);
  });

  it("ignores robots.txt when told to", async () => {
    await expect(fetcher({ robots: false }).fetchPage(`${base}/private/team`)).resolves.toMatchObject({
      body: "secret",
    });
  });
});

describe("createSafeFetcher content encodings", () => {
  const page = "<html><body><h1>Leadership</h1><p>Jane Doe, Chief Executive Officer</p></body></html>";

  it.each([
    ["gzip", gzipSync],
    ["deflate", deflateSync],
    ["deflate", deflateRawSync],
    ["br", brotliCompressSync],
  ] as const)("decodes a %s body", async (encoding, compress) => {
    const route = `/encoded-${encoding}-${compress.name}`;
    routes.set(route, (req, res) => {
      expect(req.headers["accept-encoding"]).toBe("gzip, deflate, br");
      res.writeHead(200, { "content-type": "text/html", "content-encoding": encoding }).end(compress(page));
    });
    const fetched = await fetcher().fetchPage(`${base}${route}`);
    expect(fetched.body).toBe(page);
  });

  it("stops a decompression bomb at the size cap on the decoded bytes", async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, "a"));
    routes.set("/bomb", (_req, res) => {
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" }).end(bomb);
    });
    const error = await fetcher({ maxBytes: 1024 * 1024 })
      .fetchPage(`${base}/bomb`)
      .catch((e: unknown) => e);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  it("reports the size of the decoded body and the final URL without compression showing", async () => {
    const html = "<h1>Équipe dirigeante</h1>".repeat(100);
    routes.set("/gzip-size", (_req, res) =>
      res
        .writeHead(200, { "content-type": "text/html; charset=utf-8", "content-encoding": "gzip" })
        .end(gzipSync(html)),
    );
    await expect(fetcher({ robots: false }).fetchPage(`${base}/gzip-size`)).resolves.toMatchObject({
      url: `${base}/gzip-size`,
      body: html,
      bytes: Buffer.byteLength(html),
    });
  });

  it("names the encoding and the cap when a gzip bomb is stopped", async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, " "));
    routes.set("/named-bomb", (_req, res) =>
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" }).end(bomb),
    );
    const error = await fetcher({ robots: false, maxBytes: 1024 * 1024 })
      .fetchPage(`${base}/named-bomb`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({
      retryable: false,
      status: 200,
      maxBytes: 1024 * 1024,
      message: `aborted ${base}/named-bomb: the gzip-decoded response is larger than the 1048576 byte cap; reading stopped at the cap (raise maxBytes if it is legitimate)`,
    });
  });

  it("reads an empty body that still names an encoding as empty", async () => {
    routes.set("/empty-gzip", (_req, res) =>
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" }).end(),
    );
    await expect(fetcher({ robots: false }).fetchPage(`${base}/empty-gzip`)).resolves.toMatchObject({
      status: 200,
      body: "",
      bytes: 0,
    });
  });

  it.each([
    ["a body that does not decode", "gzip", Buffer.from("this is not gzip at all"), /does not decode/],
    [
      "an encoding nobody asked for",
      "compress",
      Buffer.from("x"),
      /content encoding "compress" is not supported/,
    ],
  ])("refuses %s with a clear reason instead of reading garbage", async (_name, encoding, body, reason) => {
    const route = `/garbage-${encoding}`;
    routes.set(route, (_req, res) => {
      res.writeHead(200, { "content-type": "text/html", "content-encoding": encoding }).end(body);
    });
    const error = await fetcher()
      .fetchPage(`${base}${route}`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentDecodingError);
    expect((error as Error).message).toMatch(reason);
    expect((error as ContentDecodingError).retryable).toBe(false);
  });
});

describe("createSafeFetcher credentials and scoped addresses", () => {
  it("never sends URL credentials and leaves them out of the page URL", async () => {
    const seen: string[] = [];
    routes.set("/creds", (req, res) => {
      seen.push(String(req.headers.authorization));
      res.writeHead(200, { "content-type": "text/html" }).end("ok");
    });
    const withCredentials = base.replace("http://", "http://admin:s3cret@");
    const page = await fetcher({ robots: false }).fetchPage(`${withCredentials}/creds`);
    expect(page).toMatchObject({ url: `${base}/creds`, body: "ok" });
    expect(seen).toEqual(["undefined"]);
  });

  it("keeps URL credentials out of every error message", async () => {
    const refused = await fetcher()
      .fetchPage("http://admin:s3cret@10.0.0.1/team")
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({
      message: "refusing to fetch http://10.0.0.1/team: 10.0.0.1 is a private address",
      url: "http://10.0.0.1/team",
    });
    const unparsable = await fetcher()
      .fetchPage("http://admin:s3cret@exa mple.com/")
      .catch((e: unknown) => e);
    expect(unparsable).toBeInstanceOf(UnsupportedUrlError);
    expect((unparsable as Error).message).not.toContain("s3cret");
  });

  it("refuses an IPv6 literal with a zone id and says why", async () => {
    for (const url of ["http://[fe80::1%eth0]/", "http://[fe80::1%25eth0]/"]) {
      const error = await fetcher()
        .fetchPage(url)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsupportedUrlError);
      expect((error as Error).message).toBe(
        `refusing to fetch ${url}: an IPv6 address with a zone id (%…) names a network interface of this machine, not a public website`,
      );
    }
  });

  it("refuses IPv4-translated, NAT64 and 6to4 spellings of loopback in a URL", async () => {
    for (const host of ["[::ffff:0:7f00:1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::1]"]) {
      await expect(fetcher({ robots: false }).fetchPage(`http://${host}/`)).rejects.toThrow(
        "is a loopback address",
      );
    }
    await expect(fetcher({ robots: false }).fetchPage("http://[64:ff9b:1::7f00:1]/")).rejects.toThrow(
      "is a local-use NAT64 address",
    );
  });

  it("does not let the environment open private networks: only the caller's option does", async () => {
    const previous = process.env.DOSSIER_ALLOW_PRIVATE_NETWORK;
    process.env.DOSSIER_ALLOW_PRIVATE_NETWORK = "1";
    try {
      const fromEnvironment = createSafeFetcher({
        userAgent: "dossier-test",
        politenessDelayMs: 0,
        robots: false,
      });
      await expect(fromEnvironment.fetchPage(`${base}/`)).rejects.toBeInstanceOf(BlockedAddressError);
      const optedIn = createSafeFetcher({
        userAgent: "dossier-test",
        politenessDelayMs: 0,
        robots: false,
        allowPrivateNetwork: true,
      });
      await expect(optedIn.fetchPage(`${base}/`)).resolves.toMatchObject({ status: 404 });
    } finally {
      if (previous === undefined) delete process.env.DOSSIER_ALLOW_PRIVATE_NETWORK;
      else process.env.DOSSIER_ALLOW_PRIVATE_NETWORK = previous;
    }
  });
});
