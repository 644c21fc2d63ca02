import type { BedrockOptions } from "../bedrock";
import { readSetting } from "../config/settings";
import type { PageFetcher } from "../net";
import { extractWithBedrock } from "./bedrock";
import { type CompletenessItem, leadershipCompleteness } from "./completeness";
import { findLeadershipLinks, type LeadershipCandidate, parseSitemap, rankSitemapPages } from "./discover";
import { dedupePeople } from "./extract";
import { parseLeadershipPage } from "./parse-page";
import type { LeadershipPart, LeadershipPerson } from "./schema";

export type LeadershipRequest = { name?: string; website?: string };

export type ExtractLeadershipOptions = {
  request: LeadershipRequest;
  fetcher: PageFetcher;
  /** Bedrock fallback; used only when a model id is given here or in `DOSSIER_BEDROCK_MODEL`. */
  bedrock?: Omit<BedrockOptions, "modelId"> & { modelId?: string };
  env?: Readonly<Record<string, string | undefined>>;
  /** Fetch budget for one company, homepage and sitemap included. */
  maxPages?: number;
  /** When the pages are read; the profile says so beside each page it cites. */
  now?: () => Date;
};

export type LeadershipPartResult = {
  status: "succeeded" | "skipped";
  data: LeadershipPart;
  completeness: number;
  missing: CompletenessItem[];
  reason?: string;
  /** Pages requested (robots.txt aside). */
  requests: number;
  /** Pages that failed after the homepage, with why; they do not fail the part. */
  warnings: string[];
};

const STRONG_LINK = 10;

function normalizeWebsite(website: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(website) ? website : `https://${website}`;
  return new URL(withScheme).href;
}

/** Deterministic people are weak when fewer than two executives or no top executive were found. */
function isWeak(people: readonly LeadershipPerson[]): boolean {
  const executives = people.filter((p) => p.category === "executive");
  return (
    executives.length < 2 ||
    !executives.some((p) => p.roles.some((r) => ["CEO", "President", "Managing Director"].includes(r)))
  );
}

/**
 * The leadership part of a profile: finds the company's leadership page from its homepage (links, then
 * sitemap.xml), extracts and classifies the people within a small fetch budget, and falls back to Bedrock
 * when configured and the result is weak. No website → `skipped`.
 * @example await extractLeadershipPart({ request: { website: "example.com" }, fetcher: createSafeFetcher({ userAgent }) })
 */
export async function extractLeadershipPart(
  options: ExtractLeadershipOptions,
): Promise<LeadershipPartResult> {
  const { request, fetcher } = options;
  const env = options.env ?? process.env;
  const maxPages = options.maxPages ?? 6;
  if (!request.website) {
    return {
      status: "skipped",
      data: { website: "", pagesVisited: [], people: [] },
      completeness: 0,
      missing: ["homepage"],
      reason: `no website known for ${request.name ?? "this company"}`,
      requests: 0,
      warnings: [],
    };
  }
  const website = normalizeWebsite(request.website);
  const pagesVisited: string[] = [];
  const warnings: string[] = [];
  const pages: { url: string; html: string; people: LeadershipPerson[] }[] = [];
  let requests = 0;

  const visit = async (url: string) => {
    requests++;
    const page = await fetcher.fetchPage(url);
    pagesVisited.push(page.url);
    if (page.status < 200 || page.status >= 300) throw new Error(`HTTP ${page.status} from ${page.url}`);
    const parsed = {
      url: page.url,
      html: page.body,
      people: parseLeadershipPage(page.body, page.url).people,
    };
    pages.push(parsed);
    return parsed;
  };

  // The homepage failing fails the part: its error says whether a retry can help.
  const home = await visit(website);
  const queue: LeadershipCandidate[] = findLeadershipLinks(home.html, home.url);
  const seen = new Set([website, home.url]);

  // No convincing link: ask the sitemap, beside the homepage first (sites that live under a
  // path keep theirs there), then at the root of the host.
  const sitemapUrls = [
    ...new Set([new URL("sitemap.xml", home.url).href, new URL("/sitemap.xml", home.url).href]),
  ];
  for (const sitemapUrl of sitemapUrls) {
    if ((queue[0]?.score ?? 0) >= STRONG_LINK || requests >= maxPages) break;
    try {
      requests++;
      const sitemap = await fetcher.fetchPage(sitemapUrl);
      if (sitemap.status === 200) queue.push(...rankSitemapPages(parseSitemap(sitemap.body).pages, home.url));
      queue.sort((a, b) => b.score - a.score);
    } catch (error) {
      warnings.push(`${sitemapUrl}: ${(error as Error).message}`);
    }
  }

  const people = () => dedupePeople(pages.flatMap((p) => p.people));
  while (requests < maxPages) {
    queue.sort((a, b) => b.score - a.score);
    const next = queue.shift();
    if (!next) break;
    if (seen.has(next.url)) continue;
    // Enough found and nothing left that strongly looks like a leadership page: stop spending requests.
    if (!isWeak(people()) && next.score < STRONG_LINK) break;
    seen.add(next.url);
    try {
      const page = await visit(next.url);
      // An "About" page often links on to the leadership page itself.
      queue.push(
        ...findLeadershipLinks(page.html, page.url).filter((c) => c.score >= STRONG_LINK && !seen.has(c.url)),
      );
    } catch (error) {
      warnings.push(`${next.url}: ${(error as Error).message}`);
    }
  }

  let found = people();
  const modelId = options.bedrock?.modelId ?? readSetting("DOSSIER_BEDROCK_MODEL", env);
  if (options.bedrock && modelId && isWeak(found)) {
    const best = [...pages].sort((a, b) => b.people.length - a.people.length)[0];
    if (best) {
      try {
        const fromModel = await extractWithBedrock(best.html, best.url, { ...options.bedrock, modelId });
        found = dedupePeople([...found, ...fromModel]);
      } catch (error) {
        warnings.push(`bedrock: ${(error as Error).message}`);
      }
    }
  }

  const { completeness, missing } = leadershipCompleteness(true, found);
  return {
    status: "succeeded",
    data: {
      website,
      pagesVisited,
      retrievedAt: (options.now ?? (() => new Date()))().toISOString(),
      people: found,
    },
    completeness,
    missing,
    requests,
    warnings,
  };
}
