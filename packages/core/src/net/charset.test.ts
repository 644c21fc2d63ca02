import { describe, expect, it } from "vitest";
import { decodeBody } from "./charset";

describe("decodeBody", () => {
  const latin1 = Uint8Array.from([0x46, 0xfc, 0x68, 0x72, 0x75, 0x6e, 0x67]); // "Führung" in ISO-8859-1

  it("uses the charset from the Content-Type header", () => {
    expect(decodeBody(latin1, "text/html; charset=ISO-8859-1")).toBe("Führung");
  });

  it("uses a meta charset when the header names none", () => {
    const html = Buffer.concat([Buffer.from('<meta charset="windows-1252"><p>'), Buffer.from(latin1)]);
    expect(decodeBody(html, "text/html")).toContain("Führung");
  });

  it("defaults to UTF-8 and honours a byte-order mark", () => {
    expect(decodeBody(Buffer.from("Équipe dirigeante"), "text/html")).toBe("Équipe dirigeante");
    expect(decodeBody(Buffer.from("\ufeffÉquipe"), "text/html; charset=iso-8859-1")).toBe("Équipe");
  });
});
