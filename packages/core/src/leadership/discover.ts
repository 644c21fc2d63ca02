import * as cheerio from "cheerio";
import { assertReadablePage, type PageLimits } from "../html/page-shape";
import { cleanText, normalizeText } from "./normalize";

/** A page that may list the company's leaders, with how strongly its link says so. */
export type LeadershipCandidate = { url: string; score: number; text: string; via: "link" | "sitemap" };

type Cue = { pattern: RegExp; score: number };

const cues = (score: number, ...alternatives: string[]): Cue => ({
  pattern: new RegExp(`(?:^| )(?:${alternatives.join("|")})(?: |$)`),
  score,
});

// Matched against normalised link text and URL path words (diacritics stripped, punctuation as spaces).
const LEXICON: Cue[] = [
  cues(
    10,
    "leadership(?: team)?",
    "our leadership",
    "executive (?:team|leadership|management|committee|officers)",
    "management team",
    "senior management",
    "executive team",
    "leadership team",
    "fuhrung(?:steam)?",
    "unternehmensfuhrung",
    "vorstand",
    "geschaftsleitung",
    "geschaftsfuhrung",
    "equipe dirigeante",
    "direction generale",
    "gouvernance et direction",
    "comite executif",
    "comite de direction",
    "equipo directivo",
    "liderazgo",
    "alta direccion",
    "comite de direccion",
    "team di direzione",
    "direzione",
    "top management",
    "vertice aziendale",
    "directie",
    "raad van bestuur",
    "diretoria",
    "lideranca",
    "経営陣",
    "役員(?:一覧|紹介)?",
    "経営体制",
  ),
  cues(
    8,
    "management",
    "executives",
    "our team",
    "meet the team",
    "the team",
    "people",
    "who we are",
    "board of directors",
  ),
  cues(
    6,
    "team",
    "governance",
    "board",
    "corporate governance",
    "our people",
    "equipe",
    "equipo",
    "management",
  ),
  cues(
    3,
    "about(?: us)?",
    "company",
    "about the company",
    "uber uns",
    "unternehmen",
    "a propos",
    "qui sommes nous",
    "nosotros",
    "quienes somos",
    "chi siamo",
    "over ons",
    "sobre nos",
    "会社概要",
    "企業情報",
  ),
];
const PENALTIES: Cue[] = [
  cues(
    -8,
    "news",
    "press",
    "blog",
    "careers?",
    "jobs",
    "events?",
    "contact",
    "privacy",
    "cookies?",
    "terms",
    "login",
    "investor relations",
    "stock",
    "products?",
    "shop",
    "support",
    "documents?",
    "charter",
    "guidelines",
  ),
];

const ASSET = /\.(?:pdf|jpe?g|png|gif|svg|webp|zip|docx?|xlsx?|pptx?|mp4|mp3)$/i;

/** Scores how strongly a link's text and URL suggest a leadership page; 0 or less means "not one". */
export function scoreLeadershipLink(text: string, url: string): number {
  let path = "";
  try {
    path = normalizeText(decodeURIComponent(new URL(url).pathname));
  } catch {
    return 0;
  }
  const label = normalizeText(text);
  const best = (subject: string) =>
    Math.max(0, ...LEXICON.filter((c) => c.pattern.test(subject)).map((c) => c.score));
  const penalty = Math.min(
    0,
    ...PENALTIES.filter((c) => c.pattern.test(label) || c.pattern.test(path)).map((c) => c.score),
  );
  const textScore = best(label);
  const pathScore = best(path);
  // Both agreeing is the strongest signal; a deeper path under /about/ beats the /about/ page itself.
  return textScore + pathScore * 0.8 + (textScore > 0 && pathScore > 0 ? 2 : 0) + penalty;
}

function sameSite(url: URL, base: URL): boolean {
  const strip = (host: string) => host.replace(/^www\./, "");
  const a = strip(url.hostname);
  const b = strip(base.hostname);
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/**
 * Finds links on a homepage (nav, body and footer alike) that may lead to the leadership page, best first.
 * @example findLeadershipLinks(homeHtml, "https://example.com/")[0]?.url // "https://example.com/about/leadership"
 */
export function findLeadershipLinks(html: string, baseUrl: string): LeadershipCandidate[] {
  const $ = cheerio.load(html);
  const base = new URL($("base[href]").attr("href") ?? baseUrl, baseUrl);
  const found = new Map<string, LeadershipCandidate>();
  $("a[href]").each((_, a) => {
    const href = $(a).attr("href") ?? "";
    if (/^(?:mailto|tel|javascript|data):/i.test(href)) return;
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      return;
    }
    if (
      (url.protocol !== "http:" && url.protocol !== "https:") ||
      !sameSite(url, base) ||
      ASSET.test(url.pathname)
    )
      return;
    url.hash = "";
    if (url.href === new URL(baseUrl).href) return;
    const text = cleanText(`${$(a).text()} ${$(a).attr("title") ?? ""} ${$(a).attr("aria-label") ?? ""}`);
    const score = scoreLeadershipLink(text, url.href);
    if (score <= 0) return;
    const previous = found.get(url.href);
    if (!previous || previous.score < score) found.set(url.href, { url: url.href, score, text, via: "link" });
  });
  return [...found.values()].sort((a, b) => b.score - a.score);
}

/** Reads `<loc>` entries of a sitemap or sitemap index. */
/** A sitemap lists up to 50,000 URLs of a few elements each, and never nests deeply. */
const SitemapLimits: PageLimits = { maxDepth: 16, maxElements: 250_000 };

export function parseSitemap(xml: string): { pages: string[]; sitemaps: string[] } {
  assertReadablePage(xml, "the sitemap", SitemapLimits);
  const $ = cheerio.load(xml, { xml: true });
  const locs = (selector: string) =>
    $(selector)
      .map((_, el) => cleanText($(el).text()))
      .get()
      .filter((loc) => /^https?:\/\//.test(loc));
  return { pages: locs("url > loc"), sitemaps: locs("sitemap > loc") };
}

/** Sitemap URLs that look like leadership pages, best first (sitemaps have no link text, only paths). */
export function rankSitemapPages(
  pages: readonly string[],
  baseUrl: string,
  limit = 10,
): LeadershipCandidate[] {
  const base = new URL(baseUrl);
  return pages
    .flatMap((url) => {
      try {
        if (!sameSite(new URL(url), base)) return [];
      } catch {
        return [];
      }
      const score = scoreLeadershipLink("", url);
      return score > 0 ? [{ url, score, text: "", via: "sitemap" as const }] : [];
    })
    .sort((a, b) => b.score - a.score || a.url.length - b.url.length)
    .slice(0, limit);
}
