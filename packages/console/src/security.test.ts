import { describe, expect, it } from "vitest";
import { createConsoleApp } from "./app";
import { TokenCookie, TokenHeader } from "./security";
import { awsSources } from "./sources";

// Nothing below reaches the table or the bucket: these endpoints are never called.
const sources = awsSources({
  target: "test",
  table: "dossier",
  bucket: "dossier-profiles",
  region: "us-east-1",
  endpoints: { dynamodb: "http://127.0.0.1:9", s3: "http://127.0.0.1:9" },
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
});
const token = "t0ken-for-tests-0123456789abcdef";
const app = createConsoleApp({ sources, token, allowedHosts: () => ["127.0.0.1:4000"] });
const host = { host: "127.0.0.1:4000" };
const withCookie = { ...host, cookie: `${TokenCookie}=${token}` };

describe("the console's guard", () => {
  it("refuses a request without the token", async () => {
    const response = await app.request("http://127.0.0.1:4000/static/console.js", { headers: host });
    expect(response.status).toBe(401);
  });

  it("refuses a wrong token, in the URL or in the cookie", async () => {
    const inUrl = await app.request("http://127.0.0.1:4000/runs?token=guess", { headers: host });
    const inCookie = await app.request("http://127.0.0.1:4000/runs", {
      headers: { ...host, cookie: `${TokenCookie}=guess` },
    });
    expect([inUrl.status, inCookie.status]).toEqual([401, 401]);
  });

  it("trades the URL's token for an HttpOnly SameSite=Strict cookie and drops it from the address", async () => {
    const response = await app.request(`http://127.0.0.1:4000/runs?status=failed&token=${token}`, {
      headers: host,
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/runs?status=failed");
    expect(response.headers.get("set-cookie")).toBe(
      `${TokenCookie}=${token}; Path=/; HttpOnly; SameSite=Strict`,
    );
  });

  it("serves a request that carries the cookie, with a CSP that allows no inline script", async () => {
    const response = await app.request("http://127.0.0.1:4000/static/console.js", { headers: withCookie });
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
  });

  it("does not look up a company id that could climb out of the profiles folder", async () => {
    const response = await app.request("http://127.0.0.1:4000/profiles/..%2F..%2Fsecrets/body", {
      headers: withCookie,
    });
    expect(response.status).toBe(404);
  });

  it("refuses another Host, as a DNS-rebinding page would send", async () => {
    const response = await app.request("http://127.0.0.1:4000/static/console.js", {
      headers: { ...withCookie, host: "attacker.example:4000" },
    });
    expect(response.status).toBe(421);
  });

  it("refuses an action that carries only the cookie, not the token itself", async () => {
    const response = await app.request("http://127.0.0.1:4000/operations/dead-letters/x/redrive", {
      method: "POST",
      headers: withCookie,
    });
    expect(response.status).toBe(403);
  });

  it("lets an action through with the token in its header or form field", async () => {
    const header = await app.request("http://127.0.0.1:4000/operations/dead-letters/x/redrive", {
      method: "POST",
      headers: { ...withCookie, [TokenHeader]: token },
    });
    const form = await app.request("http://127.0.0.1:4000/operations/dead-letters/x/redrive", {
      method: "POST",
      headers: { ...withCookie, "content-type": "application/x-www-form-urlencoded" },
      body: `token=${token}`,
    });
    // Past the guard: this console has no bus beside it, so the redrive itself is declined.
    expect([header.status, form.status]).toEqual([409, 409]);
  });
});
