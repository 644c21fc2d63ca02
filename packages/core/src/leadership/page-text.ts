import * as cheerio from "cheerio";
import { cleanText } from "./normalize";

const RELEVANT =
  /leadership|management|executive|officer|board|director|chief|president|vorstand|direction|directeur|director|direttore|経営|役員/i;

/**
 * The readable text of a page without navigation, scripts and footers, trimmed to the region around the
 * leadership content and capped at `maxChars`: what a language model needs, at a fraction of the HTML.
 */
export function relevantText(html: string, maxChars: number): string {
  const $ = cheerio.load(html);
  $("script, style, noscript, template, svg, nav, footer, form, iframe, [aria-hidden=true]").remove();
  const lines = $("body")
    .find("h1, h2, h3, h4, h5, h6, p, li, td, th, dt, dd, figcaption, span, a, strong, b, div")
    .filter(
      (_, el) => $(el).children("h1, h2, h3, h4, h5, h6, p, li, td, dt, dd, div, ul, ol, table").length === 0,
    )
    .map((_, el) => {
      const text = cleanText($(el).text());
      const alt = $(el).find("img[alt]").attr("alt");
      return alt ? `${cleanText(alt)}\n${text}` : text;
    })
    .get()
    .filter((line, index, all) => line.length > 0 && all[index - 1] !== line);
  const first = lines.findIndex((line) => RELEVANT.test(line));
  const text = lines.slice(Math.max(0, first - 3)).join("\n");
  return text.length > maxChars ? text.slice(0, maxChars) : text;
}
