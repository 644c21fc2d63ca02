import { URL } from "node:url";

const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i;

/**
 * The URL without its `user:password@` part. Credentials in a website URL are never sent to the site and
 * never echoed in an error, a log line or a stored document: every URL this module puts into a message
 * passes through here. Text that is not a URL loses its userinfo the same way.
 * @example withoutCredentials("https://admin:s3cret@example.com/team") // "https://example.com/team"
 */
export function withoutCredentials(url: string | URL): string {
  if (typeof url === "string" && !URL.canParse(url)) return url.replace(USERINFO, "$1");
  const copy = new URL(url);
  copy.username = "";
  copy.password = "";
  return copy.href;
}
