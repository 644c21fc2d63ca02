import { randomBytes, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { secureHeaders } from "hono/secure-headers";

export const TokenCookie = "dossier_console";
/** The header htmx sends with every request it makes (set once on <body> with hx-headers). */
export const TokenHeader = "X-Console-Token";
/** The form field a plain form post carries the token in. */
export const TokenField = "token";

/** A fresh token per console process: 192 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(24).toString("base64url");
}

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Every request needs the token. The printed URL carries it once: the first visit trades it for
 * an HttpOnly, SameSite=Strict cookie and is redirected to the same address without it, so the
 * token does not stay in the address bar, the history or a Referer. A request whose Host is not
 * the console's own address is refused as well, which keeps a DNS-rebinding page from talking to
 * it even before the token is checked.
 */
export function requireToken(token: string, allowedHosts: () => readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header("host") ?? "";
    if (!allowedHosts().includes(host)) return c.text("unknown host\n", 421);
    const fromQuery = c.req.query(TokenField);
    if (sameToken(fromQuery, token)) {
      setCookie(c, TokenCookie, token, { httpOnly: true, sameSite: "Strict", path: "/" });
      const url = new URL(c.req.url);
      url.searchParams.delete(TokenField);
      return c.redirect(`${url.pathname}${url.search}`, 303);
    }
    if (!sameToken(getCookie(c, TokenCookie), token)) {
      return c.text("This console needs the token from the URL `dossier console` printed.\n", 401);
    }
    await next();
  };
}

/**
 * A state-changing request must also carry the token itself (header or form field), which a page
 * on another origin cannot read: the cookie alone never authorises a change.
 */
export function requireActionToken(token: string): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    let given = c.req.header(TokenHeader);
    if (given === undefined) {
      const type = c.req.header("content-type") ?? "";
      if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
        const field = (await c.req.parseBody())[TokenField];
        given = typeof field === "string" ? field : undefined;
      }
    }
    if (!sameToken(given, token)) return c.text("This action needs the console's token.\n", 403);
    await next();
  };
}

/**
 * No inline script anywhere (script-src 'self'): pages load htmx, its SSE extension, Chart.js and
 * the console's own script from /static, and charts read their data from data attributes.
 */
export const consoleHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'"],
    connectSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  referrerPolicy: "no-referrer",
  // Plain HTTP on loopback: there is no HTTPS to pin.
  strictTransportSecurity: false,
  crossOriginResourcePolicy: "same-origin",
});
