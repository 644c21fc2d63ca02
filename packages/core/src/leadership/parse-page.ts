import * as cheerio from "cheerio";
import { assertReadablePage } from "../html/page-shape";
import { extractPeople } from "./extract";
import { cleanText } from "./normalize";
import type { LeadershipPerson } from "./schema";

export type ParsedLeadershipPage = {
  url: string;
  title: string;
  people: LeadershipPerson[];
  /** People by category, for callers that only want one kind. */
  executives: LeadershipPerson[];
  board: LeadershipPerson[];
  subsidiary: LeadershipPerson[];
};

/**
 * Parses one leadership page into classified people (what `dossier parse leadership <file.html>` prints).
 * Without a URL, the page's canonical link is used as the source, else `about:blank`.
 * @example parseLeadershipPage(html, "https://www.example.com/about/leadership").executives
 */
export function parseLeadershipPage(html: string, url?: string): ParsedLeadershipPage {
  // A page too deep or too large to be a real one is refused before any parser spends on it.
  assertReadablePage(html, url ?? "the page");
  const $ = cheerio.load(html);
  const sourceUrl = url ?? ($('link[rel="canonical"]').attr("href") || "about:blank");
  const people = extractPeople(html, sourceUrl);
  return {
    url: sourceUrl,
    title: cleanText($("title").first().text()),
    people,
    executives: people.filter((p) => p.category === "executive"),
    board: people.filter((p) => p.category === "board"),
    subsidiary: people.filter((p) => p.category === "subsidiary"),
  };
}
