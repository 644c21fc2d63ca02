import { describe, expect, it } from "vitest";
import { withoutCredentials } from "./url";

describe("withoutCredentials", () => {
  it("removes user and password from a URL", () => {
    expect(withoutCredentials("https://admin:s3cret@example.com/team?x=1#top")).toBe(
      "https://example.com/team?x=1#top",
    );
    expect(withoutCredentials(new URL("http://token@example.com/"))).toBe("http://example.com/");
  });

  it("leaves a URL without credentials as it is", () => {
    expect(withoutCredentials("https://example.com/a@b")).toBe("https://example.com/a@b");
  });

  it("removes userinfo from text the URL parser refuses too", () => {
    expect(withoutCredentials("http://user:pass@[fe80::1%eth0]/")).toBe("http://[fe80::1%eth0]/");
    expect(withoutCredentials("not a url")).toBe("not a url");
  });
});
