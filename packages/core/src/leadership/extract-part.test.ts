import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PageTooComplexError } from "../html/page-shape";
import type { FetchedPage, PageFetcher } from "../net";
import { findLeadershipLinks, parseSitemap, rankSitemapPages } from "./discover";
import { extractLeadershipPart } from "./extract-part";
import { LeadershipPart } from "./schema";

const FIXTURES = path.resolve(import.meta.dirname, "../../../../test/fixtures/leadership");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, `${name}.html`), "utf8");

/** Serves pages from memory and records what was asked for; unknown URLs are 404s. */
function memoryFetcher(pages: Record<string, string>): PageFetcher & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async fetchPage(url): Promise<FetchedPage> {
      asked.push(url);
      const body = pages[url];
      return {
        url,
        status: body === undefined ? 404 : 200,
        contentType: url.endsWith(".xml") ? "application/xml" : "text/html",
        body: body ?? "",
        bytes: body?.length ?? 0,
      };
    },
  };
}

describe("findLeadershipLinks", () => {
  it("finds a leadership link that only the footer carries", () => {
    const links = findLeadershipLinks(fixture("quarry-home"), "https://quarryandvine.example/");
    expect(links[0]?.url).toBe("https://quarryandvine.example/company/who-leads-us");
  });

  it("ranks non-English leadership links and ignores other sites and news", () => {
    const html = `<a href="/presse">Presse</a><a href="https://other.example/vorstand">Vorstand</a>
      <a href="/unternehmen">Über uns</a><a href="/unternehmen/f%C3%BChrung">Führung</a><a href="/de/news/vorstand-ernannt">News</a>`;
    const links = findLeadershipLinks(html, "https://www.bergmann.example/");
    expect(links.map((l) => l.url)).toEqual([
      "https://www.bergmann.example/unternehmen/f%C3%BChrung",
      "https://www.bergmann.example/unternehmen",
    ]);
  });
});

describe("sitemap discovery", () => {
  it("reads locations and ranks leadership-looking paths first", () => {
    const xml = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://acme.example/products</loc></url><url><loc>https://acme.example/about</loc></url>
      <url><loc>https://acme.example/about/executive-team</loc></url><url><loc>https://evil.example/leadership</loc></url>
    </urlset>`;
    const ranked = rankSitemapPages(parseSitemap(xml).pages, "https://acme.example/");
    expect(ranked.map((c) => c.url)).toEqual([
      "https://acme.example/about/executive-team",
      "https://acme.example/about",
    ]);
  });
});

describe("extractLeadershipPart", () => {
  it("skips a company without a website and says why", async () => {
    const result = await extractLeadershipPart({
      request: { name: "Atlas Travel" },
      fetcher: memoryFetcher({}),
    });
    expect(result).toMatchObject({
      status: "skipped",
      reason: "no website known for Atlas Travel",
      requests: 0,
    });
  });

  it("follows the footer link from the homepage to the leadership page", async () => {
    const fetcher = memoryFetcher({
      "https://quarryandvine.example/": fixture("quarry-home"),
      "https://quarryandvine.example/company/who-leads-us": fixture("quarry-leadership"),
    });
    const result = await extractLeadershipPart({
      request: { website: "quarryandvine.example" },
      fetcher,
      env: {},
    });
    expect(result.status).toBe("succeeded");
    expect(LeadershipPart.parse(result.data).people.map((p) => [p.name, p.roles, p.category])).toEqual([
      ["Ruth Ellis", ["Founder", "CEO"], "executive"],
      ["Owen Hale", ["CFO"], "executive"],
      ["Gurpreet Singh", ["VP"], "executive"],
    ]);
    expect(result.data.pagesVisited).toContain("https://quarryandvine.example/company/who-leads-us");
    // The site shows no board: that is not held against it.
    expect(result.completeness).toBe(100);
    expect(result.missing).toEqual([]);
    expect(result.requests).toBeLessThanOrEqual(6);
  });

  it("falls back to sitemap.xml when the homepage links nowhere useful and stays within the fetch budget", async () => {
    const sitemap = `<urlset><url><loc>https://ridgeline.example/about/leadership</loc></url>
      ${Array.from({ length: 20 }, (_, i) => `<url><loc>https://ridgeline.example/team-${i}</loc></url>`).join("")}</urlset>`;
    const fetcher = memoryFetcher({
      "https://ridgeline.example/": "<html><body><h1>Welcome</h1></body></html>",
      "https://ridgeline.example/sitemap.xml": sitemap,
      "https://ridgeline.example/about/leadership": fixture("ridgeline-board"),
    });
    const result = await extractLeadershipPart({
      request: { website: "https://ridgeline.example/" },
      fetcher,
      env: {},
      maxPages: 4,
    });
    expect(fetcher.asked.slice(0, 3)).toEqual([
      "https://ridgeline.example/",
      "https://ridgeline.example/sitemap.xml",
      "https://ridgeline.example/about/leadership",
    ]);
    expect(fetcher.asked.length).toBeLessThanOrEqual(4);
    expect(result.data.people.filter((p) => p.category === "executive")).toHaveLength(4);
    expect(result.completeness).toBe(100);
  });

  it("refuses a hostile homepage of 100,000 nested elements with a reason, not a stalled parser", async () => {
    const fetcher = memoryFetcher({
      "https://abyss.example/": `<html><body>${"<div>".repeat(100_000)}${"</div>".repeat(100_000)}</body></html>`,
    });
    await expect(
      extractLeadershipPart({ request: { website: "https://abyss.example/" }, fetcher, env: {} }),
    ).rejects.toThrow(
      new PageTooComplexError("https://abyss.example/", "its elements nest more than 512 levels deep"),
    );
  });
});
