import { describe, expect, it } from "vitest";
import { formatMs, secFilingUrl, sourceLink } from "./format";

describe("sourceLink", () => {
  it("links http(s) addresses and escapes what the publisher wrote", async () => {
    const link = String(await sourceLink('https://acme.example/team?a=1&b="2"', "<b>team</b>"));
    expect(link).toBe(
      '<a href="https://acme.example/team?a=1&amp;b=%222%22" rel="noopener noreferrer nofollow" target="_blank">&lt;b&gt;team&lt;/b&gt;</a>',
    );
  });

  it("renders any other scheme as text, never as a link", async () => {
    for (const url of [
      "javascript:alert(1)",
      "data:text/html,<script>",
      "not a url",
      "  JAVASCRIPT:alert(1)",
    ]) {
      expect(String(await sourceLink(url, "source"))).toBe("source");
    }
  });
});

describe("secFilingUrl", () => {
  it("points at the filing's index on sec.gov", () => {
    expect(secFilingUrl("0000320193", "0000320193-25-000079")).toBe(
      "https://www.sec.gov/Archives/edgar/data/320193/000032019325000079/0000320193-25-000079-index.htm",
    );
  });

  it("gives no link for an accession number that is not one", () => {
    expect(secFilingUrl("320193", "../../evil")).toBeUndefined();
    expect(secFilingUrl(undefined, "0000320193-25-000079")).toBeUndefined();
  });
});

describe("formatMs", () => {
  it("reads as people say durations", () => {
    expect([formatMs(850), formatMs(4200), formatMs(185_000), formatMs(undefined)]).toEqual([
      "850 ms",
      "4.2 s",
      "3 min 5 s",
      "–",
    ]);
  });
});
