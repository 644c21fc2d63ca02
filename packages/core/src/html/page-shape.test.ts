import { describe, expect, it } from "vitest";
import { parseLeadershipPage } from "../leadership/parse-page";
import { assertReadablePage, measurePage, PageTooComplexError, WebPageLimits } from "./page-shape";

const nested = (levels: number) =>
  `<html><body>${"<div>".repeat(levels)}x${"</div>".repeat(levels)}</body></html>`;

describe("page shape", () => {
  it("measures nesting and elements the way a parser will build them", () => {
    const page = `<html><head><title>a<b></title><script>if (a<b) { "<div>" }</script></head>
      <body><!-- <div><div> --><ul><li>one<li>two</ul><p>x<br><img src=y>
      <div><span/></div></body></html>`;
    expect(measurePage(page)).toEqual({ depth: 3, elements: 13 });
  });

  it("refuses a page nested past 512 levels, before any parser runs", () => {
    expect(() => assertReadablePage(nested(100_000), "https://acme.example/")).toThrow(PageTooComplexError);
    expect(() => parseLeadershipPage(nested(100_000), "https://acme.example/")).toThrow(
      "not reading https://acme.example/: its elements nest more than 512 levels deep",
    );
  });

  it("refuses a page with more elements than any real page has", () => {
    const flood = `<html><body>${"<i>x</i>".repeat(WebPageLimits.maxElements + 1)}</body></html>`;
    const error = (() => {
      try {
        assertReadablePage(flood, "https://acme.example/");
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PageTooComplexError);
    expect((error as PageTooComplexError).retryable).toBe(false);
    expect((error as Error).message).toMatch(/more than 60000 elements/);
  });

  it("reads a real-shaped page nested 200 levels deep", () => {
    expect(() => assertReadablePage(nested(200), "https://acme.example/")).not.toThrow();
  });
});
