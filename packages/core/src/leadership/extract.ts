import * as cheerio from "cheerio";
import { readJsonLd } from "./json-ld";
import { nameMatchScore } from "./name-match";
import { NAME_SUFFIX, type NameLine, parseNameLine } from "./names";
import { cleanText, normalizeText } from "./normalize";
import { type Line, type PageItem, pageItems, sharedDepth } from "./page-lines";
import type { ExtractionMethod, LeadershipPerson, PersonCategory } from "./schema";
import { classifySection, type SectionKind } from "./sections";
import { canonicalRoles, isBoardTitle, isTitleLine, joinTitleLines } from "./titles";

/** A name with a title, before classification. */
type Candidate = {
  name: string;
  title: string;
  organization?: string;
  section?: { kind: SectionKind; heading: string };
  method: ExtractionMethod;
  order: number;
};

const METHOD_CONFIDENCE: Record<ExtractionMethod, number> = {
  "json-ld": 0.9,
  microdata: 0.9,
  structure: 0.8,
  inline: 0.75,
  "image-alt": 0.6,
  bedrock: 0.6,
};
const METHOD_RANK: Record<ExtractionMethod, number> = {
  "json-ld": 5,
  microdata: 5,
  structure: 4,
  inline: 3,
  bedrock: 2,
  "image-alt": 1,
};

const LEGAL_SUFFIX =
  /\b(?:inc|incorporated|ltd|limited|llc|corp|corporation|plc|gmbh|ag|sa|s a|nv|bv|co|company)\b/g;
// "Group" names a company only at the end ("Acme Group"); "Group Operations" is a function.
const ORG_MARKER =
  /\b(?:inc|ltd|llc|gmbh|ag|plc|corp|corporation|limited|s\.a|b\.v|n\.v|s\.p\.a|subsidiary|brand)\b\.?|\.com\b|\bgroup$/i;

function orgKey(name: string): string {
  return normalizeText(name).replace(LEGAL_SUFFIX, " ").replace(/\s+/g, " ").trim();
}

/** Whether an organisation named next to a person is the site's own company (or unknown to be different). */
function isOwnOrganization(organization: string, site: string | undefined): boolean {
  if (!site) return false;
  const a = orgKey(organization);
  const b = orgKey(site);
  return a.length > 0 && b.length > 0 && (a.includes(b) || b.includes(a));
}

const LEGAL_FORM = String.raw`(?:,\s*(?:inc|llc|ltd|lp|l\.p|plc|corp|co|s\.a|n\.v|b\.v|gmbh|ag)\.?)?`;
const QUALIFIER = new RegExp(String.raw`(?:,|\bof\b|\bat\b|\s[–—-]\s)\s*([^,]+${LEGAL_FORM})$`, "i");

/**
 * The organisation a title qualifies itself with ("CEO, Acme Foods Ltd", "President of Priceline Inc.",
 * "President and CEO, NextEra Energy Resources, LLC").
 */
function titleOrganization(title: string): string | undefined {
  const qualifier = QUALIFIER.exec(title)?.[1]?.trim();
  return qualifier && ORG_MARKER.test(qualifier) ? qualifier : undefined;
}

/** "Chairman and CEO, Acme, Inc." on Acme's own page is "Chairman and CEO": the company is implied. */
function withoutOwnOrganization(title: string, site: string | undefined): string {
  const qualifier = QUALIFIER.exec(title)?.[1]?.trim();
  if (!qualifier || !site || orgKey(qualifier) !== orgKey(site)) return title;
  return title.slice(0, title.lastIndexOf(qualifier)).replace(/[\s,–—-]+(?:of|at)?\s*$/i, "");
}

function categorize(candidate: Candidate, siteOrganization: string | undefined): PersonCategory | undefined {
  const kind = candidate.section?.kind;
  if (kind === "noise") return undefined;
  const titleOrg = titleOrganization(candidate.title);
  const foreignTitleOrg = titleOrg !== undefined && !isOwnOrganization(titleOrg, siteOrganization);
  // "Head of Procurement at Other Corp" outside a brand section is a quote or a customer, not our leader.
  if (foreignTitleOrg && /\sat\s/i.test(candidate.title) && kind !== "subsidiary") return undefined;
  if (kind === "subsidiary") return "subsidiary";
  if (kind === "board" || isBoardTitle(candidate.title)) return "board";
  const foreignOrg =
    candidate.organization !== undefined && !isOwnOrganization(candidate.organization, siteOrganization);
  if (foreignTitleOrg || (foreignOrg && kind !== "executive")) return "subsidiary";
  return "executive";
}

const EXECUTIVE_OFFICE =
  /\b(?:chief executive officer|ceo|chief financial officer|cfo|chief operating officer|coo|(?<!vice )president|executive officer)\b/;
const PAST_OR_OUTSIDE = /\b(?:former|formerly|retired|emerit(?:us|a)|non executive|outside)\b/;
/** Parts of a title that name a function of the company rather than another organisation. */
const FUNCTION_WORDS =
  /\b(?:member|board|directors?|department|division|unit|corporate|strategy|planning|research|development|discovery|clinical|sales|marketing|finance|operations|human resources|legal|affairs|technology|digital|production|medical|business|administration|management|engineering|products?|services|communications|risk|compliance|audit|supply|manufacturing|quality|innovation|global|international|region)\b/;

/**
 * A board member who also holds an executive office of this company (an inside director:
 * "President, Representative Director, and CEO"; "Member of the Board, Senior Executive Officer /
 * Executive Director, Clinical Development"). An office at another organisation ("CFO, McAfee")
 * or a past one keeps them on the board only.
 */
function holdsOwnExecutiveOffice(title: string): boolean {
  const text = normalizeText(title);
  if (!EXECUTIVE_OFFICE.test(text) || PAST_OR_OUTSIDE.test(text)) return false;
  return title
    .split(/,|\/|\||\s[–—-]\s|\bat\b|\bof\b/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0 && !isTitleLine(part))
    .every((part) => FUNCTION_WORDS.test(normalizeText(part)));
}

function siteOrganizationOf(
  $: cheerio.CheerioAPI,
  jsonLdOrganization: string | undefined,
): string | undefined {
  const ogSite = cleanText($('meta[property="og:site_name"]').attr("content") ?? "");
  if (ogSite) return ogSite;
  if (jsonLdOrganization) return jsonLdOrganization;
  // "NextEra Energy, Inc. | Leadership" and "Leadership - Hosparus Health": the part that is not the page's topic.
  const parts = cleanText($("title").first().text())
    .split(/\s[|–—-]\s/)
    .filter(Boolean);
  if (parts.length < 2) return undefined;
  return parts.find((part) => classifySection(part) === undefined) ?? parts[parts.length - 1];
}

type Section = { level: number; kind: SectionKind | undefined; heading: string };

/** A heading that is just another company's name ("Calvert Investments, Inc.") lists that company's leaders. */
function companyHeading(line: Line): SectionKind | undefined {
  if (line.kind !== "heading") return undefined;
  return /^[\p{Lu}][\p{L}\p{N}.&' -]{1,60},?\s+(?:inc|llc|ltd|lp|plc|corp|gmbh|ag|s\.a|n\.v|b\.v)\.?$/iu.test(
    line.text,
  )
    ? "subsidiary"
    : undefined;
}

function currentSection(stack: Section[]): Candidate["section"] {
  for (let i = stack.length - 1; i >= 0; i--) {
    const entry = stack[i];
    if (entry?.kind) return { kind: entry.kind, heading: entry.heading };
  }
  return undefined;
}

/** Reads name/title pairs from the page lines, following section headings. */
function structuralCandidates(items: PageItem[]): Candidate[] {
  const candidates: Candidate[] = [];
  const lines: (Line & { section: Candidate["section"] })[] = [];
  const stack: Section[] = [];
  const marked: Candidate[] = [];
  let afterBareName = false;
  for (const item of items) {
    if ("marked" in item) {
      const { name, title, organization } = item.marked;
      marked.push({
        name,
        title,
        organization,
        section: currentSection(stack),
        method: "microdata",
        order: lines.length,
      });
      continue;
    }
    const line = item.line;
    const isTitle = isTitleLine(line.text);
    // The line under a bare name is that person's title, even when it reads like a section
    // ("Experienced Technology Executive", "Non-Executive Chairman"); only a real heading opens one there.
    const titleSlot: boolean = afterBareName && line.kind !== "heading";
    const kind: SectionKind | undefined =
      isTitle || titleSlot || line.kind === "alt"
        ? undefined
        : (classifySection(line.text) ?? companyHeading(line));
    const parsedName: NameLine | undefined = kind ? undefined : parseNameLine(line.text);
    afterBareName = line.kind !== "alt" && parsedName !== undefined && parsedName.title === undefined;
    const isPersonish = isTitle || titleSlot || parsedName !== undefined;
    // Real headings open a section even when they classify nothing; short lines that read like a section
    // name ("Board of Directors" in a styled <div>) open one too.
    if (!isPersonish && (line.kind === "heading" || kind)) {
      while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) >= line.level) stack.pop();
      stack.push({ level: line.level, kind, heading: line.text });
      continue;
    }
    lines.push({ ...line, section: currentSection(stack) });
  }

  const used = new Set<number>();
  const parsedAt = lines.map((line) => parseNameLine(line.text));
  // "Chief Financial Officer, Artemis Health" under a bare name is that person's title with an
  // employer, not a title followed by a second name.
  const employerTitle = (i: number) => {
    const parsed = parsedAt[i];
    const previous = parsedAt[i - 1];
    const text = lines[i]?.text ?? "";
    return (
      parsed?.title !== undefined &&
      text.endsWith(parsed.name) &&
      previous !== undefined &&
      previous.title === undefined &&
      lines[i - 1]?.kind !== "alt" &&
      isTitleLine(text)
    );
  };
  const titleAt = (i: number) => {
    const line = lines[i];
    return (
      line &&
      !used.has(i) &&
      line.kind !== "alt" &&
      isTitleLine(line.text) &&
      (!parsedAt[i] || employerTitle(i))
    );
  };
  for (const [i, line] of lines.entries()) {
    if (used.has(i)) continue;
    const parsed = parsedAt[i];
    if (!parsed || employerTitle(i)) continue;
    used.add(i);
    const base = { name: parsed.name, organization: parsed.organization, section: line.section, order: i };
    if (parsed.title) {
      candidates.push({ ...base, title: parsed.title, method: line.kind === "alt" ? "image-alt" : "inline" });
      continue;
    }
    if (line.kind === "alt") continue;
    // The title is the nearest title line in the same card: after the name, or just before it.
    const options: { index: number; depth: number; after: boolean }[] = [];
    for (let j = i + 1; j <= i + 2 && j < lines.length; j++) {
      const next = lines[j];
      if (!next || (next.kind !== "alt" && parsedAt[j] && !employerTitle(j))) break;
      if (titleAt(j)) {
        options.push({ index: j, depth: sharedDepth(line.path, next.path), after: true });
        break;
      }
    }
    if (titleAt(i - 1)) {
      options.push({ index: i - 1, depth: sharedDepth(line.path, lines[i - 1]?.path ?? []), after: false });
    }
    const best = options.sort((a, b) => b.depth - a.depth || Number(b.after) - Number(a.after))[0];
    if (!best) continue;
    used.add(best.index);
    candidates.push({ ...base, title: lines[best.index]?.text ?? "", method: "structure" });
  }
  return [...marked, ...candidates].sort((a, b) => a.order - b.order);
}

/** The brand a subsidiary leader leads: named beside the name, else the title's qualifier ("CEO, Orbit Radio"). */
function organizationOf(candidate: Candidate): { organization?: string } {
  if (candidate.organization) return { organization: candidate.organization };
  const qualifier = /,\s*([^,]+)$/.exec(candidate.title)?.[1]?.trim();
  return qualifier && !isTitleLine(qualifier) ? { organization: qualifier } : {};
}

function toPerson(candidate: Candidate, category: PersonCategory, sourceUrl: string): LeadershipPerson {
  const roles = canonicalRoles(candidate.title);
  const explicit = candidate.section && candidate.section.kind !== "noise" ? 0.05 : 0;
  const untitled = roles.length === 0 ? -0.2 : 0;
  return {
    name: candidate.name.replace(/\s*,\s*$/, ""),
    title: candidate.title,
    roles,
    category,
    ...(category === "subsidiary" ? organizationOf(candidate) : {}),
    ...(candidate.section ? { section: candidate.section.heading } : {}),
    sourceUrl,
    confidence: Math.max(0, Math.min(1, METHOD_CONFIDENCE[candidate.method] + explicit + untitled)),
    method: candidate.method,
  };
}

/**
 * Merges duplicates of one person within a category, keeping the title from the most reliable source
 * (structured data over page structure over image alt text) and the highest confidence.
 */
export function dedupePeople(people: LeadershipPerson[]): LeadershipPerson[] {
  const merged: LeadershipPerson[] = [];
  for (const person of people) {
    const same = merged.find(
      (m) =>
        m.category === person.category &&
        (m.organization ?? "") === (person.organization ?? "") &&
        nameMatchScore(m.name, person.name) >= 0.85,
    );
    if (!same) {
      merged.push({ ...person });
      continue;
    }
    const better =
      METHOD_RANK[person.method] > METHOD_RANK[same.method] ||
      (METHOD_RANK[person.method] === METHOD_RANK[same.method] && person.title.length > same.title.length);
    if (better && person.title) {
      same.title = person.title;
      same.roles = person.roles;
      same.method = person.method;
    }
    if (person.name.length > same.name.length && !NAME_SUFFIX.test(person.name)) same.name = person.name;
    same.confidence = Math.min(1, Math.max(same.confidence, person.confidence) + 0.05);
  }
  return merged;
}

/**
 * Extracts and classifies the people on a leadership page, deterministically: JSON-LD, microdata/RDFa and
 * the page structure (cards, headings with subtitles, tables, lists, definition lists, image alt texts),
 * with section headings deciding executive, board or brand/subsidiary.
 */
export function extractPeople(html: string, sourceUrl: string): LeadershipPerson[] {
  const $ = cheerio.load(html);
  const jsonLd = readJsonLd($);
  const siteOrganization = siteOrganizationOf($, jsonLd.organization);
  const body = $("body").get(0);
  const structural = structuralCandidates(pageItems(body ? [body] : $.root().children().toArray()));
  const fromJsonLd: Candidate[] = jsonLd.people.map((p, order) => ({
    name: p.name,
    title: p.title,
    organization: p.organization,
    method: "json-ld",
    order,
  }));

  const people: LeadershipPerson[] = [];
  for (const found of [...fromJsonLd, ...structural]) {
    const candidate = { ...found, title: joinTitleLines(found.title) };
    if (!parseNameLine(candidate.name) || canonicalRoles(candidate.title).length === 0) continue;
    // Structured data has no section; when the page lists the same person under a heading, the heading decides.
    const placed = candidate.section
      ? candidate
      : {
          ...candidate,
          section: structural.find((s) => s.section && nameMatchScore(s.name, candidate.name) >= 0.85)
            ?.section,
        };
    const category = categorize(placed, siteOrganization);
    const title = withoutOwnOrganization(placed.title, siteOrganization);
    if (category) people.push(toPerson({ ...placed, title }, category, sourceUrl));
    if (category === "board" && holdsOwnExecutiveOffice(title)) {
      people.push(toPerson({ ...placed, title }, "executive", sourceUrl));
    }
  }
  return dedupePeople(people);
}
