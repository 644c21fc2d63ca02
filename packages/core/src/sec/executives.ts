import { z } from "zod";
import { isBoardTitle } from "../leadership/titles";
import { type Block, blockText, htmlToBlocks, normalizeSpace } from "./html-blocks";

export const ExecutiveOfficer = z.object({
  name: z.string(),
  age: z.number().int().optional(),
  title: z.string(),
});
export type ExecutiveOfficer = z.infer<typeof ExecutiveOfficer>;

export const ExecutiveSource = z.enum([
  "10-K item",
  "20-F item",
  "proxy executive officers",
  "summary compensation table",
  "none",
]);
export type ExecutiveSource = z.infer<typeof ExecutiveSource>;

/** How the officers were read, which sets how far they can be trusted. */
export const OfficerMethod = z.enum([
  "table",
  "paragraphs",
  "name and title lines",
  "summary compensation table",
]);
export type OfficerMethod = z.infer<typeof OfficerMethod>;

/**
 * Confidence of each reading method: a table states name and position in their own cells; a
 * paragraph leaves the title to be cut from prose; separate name and title lines are paired by
 * position only; the Summary Compensation Table names the five or so best-paid officers only.
 */
export const OFFICER_METHOD_CONFIDENCE: Readonly<Record<OfficerMethod, number>> = {
  table: 0.95,
  paragraphs: 0.9,
  "name and title lines": 0.8,
  "summary compensation table": 0.6,
};

/** The filing the officers were read from (set by the SEC part, which knows the filing). */
export const OfficerDocument = z.object({
  form: z.string(),
  accessionNumber: z.string(),
  filed: z.string(),
  url: z.string(),
});
export type OfficerDocument = z.infer<typeof OfficerDocument>;

export const ExecutiveOfficers = z.object({
  officers: z.array(ExecutiveOfficer),
  source: ExecutiveSource,
  section: z.string().optional(),
  /** Present when officers were found. */
  method: OfficerMethod.optional(),
  confidence: z.number().min(0).max(1).optional(),
  document: OfficerDocument.optional(),
  defersToProxy: z.boolean(),
  note: z.string().optional(),
});
export type ExecutiveOfficers = z.infer<typeof ExecutiveOfficers>;

// "Information About Our Executive Officers", "Executive Officers of the Registrant",
// "Item 4A. Executive Officers of the Company (as of …):" — a whole short block, not a sentence.
// "ITEM X." and "Item 4A." alike: some filers number the unnumbered officers item in roman numerals.
const ITEM_NUMBER = String.raw`item\s*(?:\d+[a-z]?|[ivxl]+)\b`;
const OFFICER_HEADING = new RegExp(
  String.raw`^(?:${ITEM_NUMBER}\s*[.:\-–—]?\s*)?(?:information\s+(?:about|regarding|concerning|on|as\s+to)\s+(?:our\s+|the\s+)?|(?:our|the)\s+)?executive\s+officers(?:\s+(?:and|of)\s+[\w.&,'’ ]{2,90})?\s*(?:\([^)]*\))?\s*[:.]?$`,
  "i",
);
/** 20-F Item 6.A: directors and senior management together; the board seats are not officers. */
const DIRECTORS_AND_MANAGEMENT =
  /^(?:item\s*6\s*\.?\s*)?(?:a\s*\.\s*)?directors\s*,?\s+and\s+senior\s+management\s*[:.]?$/i;
/** A foreign issuer's own heading for its officers: "Senior Management", "Executive Committee". */
const MANAGEMENT_HEADING =
  /^(?:[a-z]\s*\.\s*)?(?:our\s+)?(?:senior\s+management|executive\s+management|(?:senior\s+)?management\s+team|executive\s+committee)(?:\s+members)?\s*(?:\([^)]*\))?\s*[:.]?$/i;

/** A title that is only a board seat (a director, a non-executive chair), no office in management. */
function boardSeatOnly(title: string): boolean {
  return title
    .split(/\s*(?:,|\band\b|&)\s*/i)
    .filter((part) => part.length > 0)
    .every((part) => isBoardTitle(part) || /^non-?\s?executive\b/i.test(part));
}

/**
 * A lead-in that opens an officer list without a heading of its own, typically inside Item 10:
 * "Our executive officers and their ages as of February 3, 2025, are as follows:".
 */
const OFFICER_LEAD_IN =
  /\bexecutive\s+officers\b[^.]{0,160}(?:\bas\s+follows|\bset\s+forth\s+below|\blisted\s+below|\bfollowing\s+table)|\bfollowing\s+(?:table\s+)?(?:sets\s+forth|lists|are|is\s+a\s+list\s+of)\b[^.]{0,80}\bexecutive\s+officers\b/i;
const COMPENSATION_HEADING = /^(?:\d{4}\s+)?summary\s+compensation\s+table\s*(?:\([^)]*\))?\s*[:.]?$/i;
// Only the next Item ends a section: "PART I" and page numbers also recur as running page headers.
const NEXT_ITEM = /^item\s*\d+[a-z]?\b/i;
const SECTION_LIMIT = 400;

const NAME_SUFFIX = /^(?:jr|sr|ii|iii|iv|v|m\.?d|ph\.?\s?d|esq|cpa|j\.?d|mba|d\.?phil)\.?$/i;
const NAME_PARTICLE = /^(?:de|da|del|della|der|di|du|la|le|van|von|bin|al|dos|das|y|st\.?)$/;
const NOT_NAME_WORDS =
  /\b(?:name|names|age|position|positions|title|officer|officers|president|chief|vice|executive|director|directors|chair|chairman|chairwoman|counsel|secretary|treasurer|controller|company|corporation|inc|total|table|contents|member|committee|board|since|annual|report|proxy|statement|senior|general|principal|group|all|and|as|the|our|of)\b/i;
const TITLE_WORD =
  /\b(?:officer|president|chair|chairman|chairwoman|chairperson|director|counsel|secretary|treasurer|controller|comptroller|vice|head|ceo|cfo|coo|cto|cio|cao|clo|chro|evp|svp|executive|manager|partner|founder|co-founder|chief|principal|leader|member|lead|general|dean|administrator|strategist|advisor|architect|scientist)\b/i;
const SENTENCE_WORD =
  /\b(?:was|is|has|had|have|joined|served|serves|since|from|prior|previously|until|became|holds|received)\b/i;
const TRAILING_MARKS = /(?:\s*(?:\(\d{1,2}\)|\[\d{1,2}\]|\([a-z]\)|[*†‡§]+|(?<!\d)\d{1,2}(?=$)))+$/;

/** A sentence ends after a lower-case word or a number, not after an initial or "U.S.". */
const SENTENCE_END = /(?<=[a-z0-9)][.;])\s+(?=\p{Lu})/u;
const MONTH =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
/** "since January 2024", "since August 8, 2024", "since 2019", "effective June 2013". */
const SINCE_DATE = new RegExp(
  String.raw`\s*,?\s+(?:since|effective)\s+(?:${MONTH}\s+(?:\d{1,2},?\s+)?)?\d{4}\b`,
  "gi",
);
/** A board seat named beside the position ("…, and a member of the Board, since …") is not an office. */
const BOARD_SEAT =
  /,?\s*and\s+(?:a\s+)?(?:member|director)\s+of\s+(?:the|our)\s+board(?:\s+of\s+directors)?\s*,?/gi;

/**
 * The current positions in a career history, where each one carries "since <date>":
 * "Executive Vice President since January 2024. Global Chief Marketing Officer since January 2020
 * and, prior to that, President of …" → "Executive Vice President and Global Chief Marketing Officer".
 * Reads the leading sentences that hold a "since"; the first sentence without one ends the current roles.
 */
function currentPositions(text: string): string | undefined {
  const sentences = text.split(SENTENCE_END);
  const positions: string[] = [];
  for (const sentence of sentences) {
    const matches = [...sentence.matchAll(SINCE_DATE)];
    if (matches.length === 0) break;
    let from = 0;
    for (const match of matches) {
      const phrase = sentence
        .slice(from, match.index)
        .replace(BOARD_SEAT, "")
        .replace(/^[\s,;.]*(?:and\s*,?\s*)?(?:prior\s+to\s+that\s*,\s*)?(?:as\s+)?(?:our\s+|the\s+)?/i, "")
        .trim();
      if (phrase && TITLE_WORD.test(phrase)) positions.push(phrase);
      from = (match.index ?? 0) + match[0].length;
    }
  }
  return positions.length > 0 ? positions.join(" and ") : undefined;
}

function cleanName(raw: string): string {
  return normalizeSpace(raw)
    .replace(TRAILING_MARKS, "")
    .replace(/[,;:]$/, "")
    .trim();
}

function cleanTitle(raw: string): string {
  return normalizeSpace(raw)
    .replace(TRAILING_MARKS, "")
    .replace(/[\s,;:]+$/, "")
    .trim();
}

/** A person's name as filings print it: 2–7 capitalised words, initials, particles, suffixes. */
export function looksLikePersonName(text: string): boolean {
  if (text.length < 4 || text.length > 60 || /\d/.test(text) || NOT_NAME_WORDS.test(text)) return false;
  const tokens = text
    .replace(/,\s*/g, " , ")
    .split(/\s+/)
    .filter((t) => t !== ",");
  if (tokens.length < 2 || tokens.length > 7) return false;
  let capitalised = 0;
  for (const token of tokens) {
    if (NAME_SUFFIX.test(token) || NAME_PARTICLE.test(token)) continue;
    if (/^["“(]\p{Lu}[\p{L}'’.-]*["”)]$/u.test(token)) continue; // a nickname: "Bob" or (Bob)
    if (!/^\p{Lu}[\p{L}'’.-]*$/u.test(token)) return false;
    capitalised += 1;
  }
  return capitalised >= 2;
}

function looksLikeTitle(text: string): boolean {
  return text.length >= 2 && text.length <= 250 && TITLE_WORD.test(text) && !/^\d/.test(text);
}

function parseAge(text: string): number | undefined {
  const match = /^\(?(\d{2})\)?$/.exec(text.trim());
  const age = match?.[1] ? Number(match[1]) : Number.NaN;
  return age >= 18 && age <= 99 ? age : undefined;
}

/** "John C. Reed, M.D., Ph.D., Executive Vice President" → name with its suffixes, then title. */
function splitNameAndTitle(text: string): { name: string; title: string } | undefined {
  const parts = text.split(/,\s*/);
  let name = parts.shift() ?? "";
  while (parts.length > 0 && NAME_SUFFIX.test((parts[0] ?? "").trim())) name += `, ${parts.shift()}`;
  const title = parts.join(", ");
  return looksLikePersonName(cleanName(name)) && title ? { name: cleanName(name), title } : undefined;
}

/** "Vanessa Broadhurst, 56", "Jen-Hsun Huang 60" or "Muneera S. Carr (age 56)" → name and age. */
function splitNameAndAge(text: string): { name: string; age: number } | undefined {
  const match = /^(.+?)(?:[,\s]\s*(?:age\s*)?(\d{2})|\s*\((?:age[:\s]*)?(\d{2})\))$/i.exec(text.trim());
  const ageText = match?.[2] ?? match?.[3];
  if (!match?.[1] || !ageText) return undefined;
  const name = cleanName(match[1]);
  const age = parseAge(ageText);
  return age !== undefined && looksLikePersonName(name) ? { name, age } : undefined;
}

/** The title lines under a name inside one cell, stopping where the biography prose starts. */
function titleFromLines(lines: readonly string[]): string {
  const taken: string[] = [];
  for (const line of lines) {
    if (taken.length > 0 && (line.length > 120 || SENTENCE_WORD.test(line))) break;
    if (
      taken.length === 0 &&
      SENTENCE_WORD.test(line) &&
      !TITLE_WORD.test(line.split(/\s+/).slice(0, 4).join(" "))
    )
      break;
    taken.push(line);
    if (/[.]$/.test(line) && line.length > 60) break;
  }
  return cleanTitle(taken.join(" "));
}

function officer(name: string, title: string, age?: number): ExecutiveOfficer | undefined {
  const cleanedTitle = cleanTitle(currentPositions(title) ?? title);
  if (!looksLikeTitle(cleanedTitle)) return undefined;
  return age === undefined ? { name, title: cleanedTitle } : { name, age, title: cleanedTitle };
}

const isNumericCell = (text: string) =>
  /^[\s\d,.$()%—–\-*]+$/.test(text) || /^\$?\s*[\d,.]+\s*(\(\d+\))?$/.test(text);

/**
 * One table row → an officer, from whichever layout the row has: name | age | title cells;
 * "Name, Title" | age; a cell of lines "Name, age" / title / bio; or name / title lines
 * (Summary Compensation Table).
 */
function officerFromRow(cells: readonly string[][]): ExecutiveOfficer | undefined {
  const texts = cells.map((lines) => normalizeSpace(lines.join(" ")));
  const textIndexes = texts.map((_, i) => i).filter((i) => !isNumericCell(texts[i] ?? ""));
  const first = textIndexes[0];
  if (first === undefined) return undefined;
  // The age sits right after the name cell; in a wide table a number further right is money
  // or a year, in a narrow one (Name | Position | Age) it is still the age.
  const age =
    parseAge(texts[first + 1] ?? "") ??
    (texts.length <= 4 ? texts.map((t) => parseAge(t)).find((a) => a !== undefined) : undefined);
  const firstText = cleanName(texts[first] ?? "");
  const firstLines = cells[first] ?? [];

  if (looksLikePersonName(firstText)) {
    // A position cell may go on into the biography: each cell gives its title lines only. The
    // first cell that reads as a title is the position; later columns hold experience or notes.
    const titles = textIndexes
      .slice(1)
      .map((i) => titleFromLines(cells[i] ?? []))
      .filter((t) => t !== "");
    for (const title of titles) {
      const found = officer(firstText, title, age);
      if (found) return found;
    }
    return officer(firstText, titles.join(" "), age);
  }
  // A one-cell row is a paragraph set in a table: "Name, Title — biography".
  if (cells.length === 1 && firstLines.length === 1) return officerFromLine(texts[first] ?? "");
  if (firstLines.length > 1) {
    const head = firstLines[0] ?? "";
    const withAge = splitNameAndAge(head);
    if (withAge) return officer(withAge.name, titleFromLines(firstLines.slice(1)), withAge.age);
    const name = cleanName(head);
    if (looksLikePersonName(name)) return officer(name, titleFromLines(firstLines.slice(1)), age);
  }
  const split = splitNameAndTitle(texts[first] ?? "");
  if (split && !SENTENCE_WORD.test(split.title)) return officer(split.name, split.title, age);
  return undefined;
}

/** The first sentence of a text: a title printed before the biography that follows it. */
function firstSentence(text: string): string {
  return (text.split(SENTENCE_END)[0] ?? text).replace(
    /(?<!\b(?:Inc|Ltd|Corp|Co|Jr|Sr|L\.P|N\.A|S\.A))[.;]$/,
    "",
  );
}

const BIO_VERB =
  /^(?:currently\s+)?(?:has\s+(?:served|been)|is|was|serves|became|joined\s+\S+\s+(?:in\s+\d{4}\s+)?as)\s+(?:as\s+)?(?:our\s+|the\s+)?/i;
/** A biography written after the dash or the name starts with the person: "— Mr. Whitfield has led …". */
const BIO_AFTER_DASH = /\s+[—–]\s+(?=(?:Mr|Ms|Mrs|Miss|Mx|Dr)\.?\s|(?:He|She|They)\s)/;
const BIO_OPENING =
  /^(?:has\s+(?:served|been)|is|was|serves|became|joined\s+\S+\s+(?:in\s+\d{4}\s+)?as)\s+(?:as\s+)?(?:our\s+|the\s+)?(.+?)(?:\s+(?:since|from|of\s+the\s+company|of\s+\w+\s+since)\b|(?<=[a-z)])[.;](?:\s|$)|$)/i;

/**
 * A paragraph line → an officer: "Name, 61, Title", "Name 61 Title", "Name (age 56), Title",
 * "Name — Title", "Name, Title — biography", "Name, Title. Biography…", or "Name, 61, has served
 * as Title since …".
 */
function officerFromLine(raw: string): ExecutiveOfficer | undefined {
  // "Name (age 56)" and "Name (56)" read as "Name, 56,".
  const line = raw.replace(/\s*\((?:age[:\s]*)?(\d{2})\)\s*,?\s*/i, ", $1, ").replace(/,\s*$/, "");
  const listed = /^(.+?)(?:,\s*|\s+)(?:age\s*)?(\d{2})(?:,\s*|\s+[-–—]?\s*)(.+)$/i.exec(line);
  const listedName = cleanName(listed?.[1] ?? "");
  const age = parseAge(listed?.[2] ?? "");
  if (listed?.[3] && age !== undefined && looksLikePersonName(listedName)) {
    // The title ends where the biography starts.
    const rest = listed[3].split(BIO_AFTER_DASH)[0] ?? listed[3];
    const verb = BIO_VERB.exec(rest);
    if (!verb) return officer(listedName, firstSentence(rest), age);
    // "has served as our Chair since October 2022, and as our President and CEO since March 2022".
    const sentence = firstSentence(rest.slice(verb[0].length));
    return officer(listedName, currentPositions(sentence) ?? BIO_OPENING.exec(rest)?.[1] ?? sentence, age);
  }
  const dashed = /^([^—–]{4,160}?)\s+[—–]\s+(.{2,})$/.exec(line);
  if (dashed?.[1] && dashed[2]) {
    const left = cleanName(dashed[1]);
    if (looksLikePersonName(left)) {
      const title = firstSentence(dashed[2]);
      if (!SENTENCE_WORD.test(title)) return officer(left, title);
    }
    // "Name, Title — biography": the title sits between the name and the dash.
    const split = splitNameAndTitle(dashed[1]);
    if (split && !SENTENCE_WORD.test(split.title)) return officer(split.name, split.title);
  }
  // "Name, Title" alone, or followed by the biography in the same paragraph.
  const split = line.length <= 600 ? splitNameAndTitle(line) : undefined;
  if (!split) return undefined;
  const title = firstSentence(split.title);
  return SENTENCE_WORD.test(title) ? undefined : officer(split.name, title);
}

function wordIn(word: string, text: string): boolean {
  return new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(text);
}

/** The family name of an officer, which the biography under their line repeats ("Ms. Doe has …"). */
function familyName(name: string): string | undefined {
  return name
    .replace(/,.*$/, "")
    .split(/\s+/)
    .filter((t) => !NAME_SUFFIX.test(t))
    .at(-1);
}

function isPageFurniture(text: string): boolean {
  return text.length <= 60;
}

/**
 * The text of a block that may be a heading: a paragraph, a one-cell row, or a row that sets a
 * label beside the heading ("A." | "Directors and Senior Management"). A row ending in a page
 * number is a table of contents entry, not a heading.
 */
function headingText(block: Block): string | undefined {
  if (block.kind === "text") return block.text;
  if (block.cells.length === 1) return blockText(block);
  const [label, title] = block.cells.map((c) => c.join(" "));
  const isLabel = /^(?:item\s*\d+[a-z]?|[a-z]|[ivx]+|\d{1,2})\s*[.:]?$/i.test(label ?? "");
  return block.cells.length === 2 && isLabel && title ? `${label} ${title}` : undefined;
}

function isOfficerHeading(block: Block, form: DocumentForm): boolean {
  const text = headingText(block);
  if (text === undefined) return false;
  // In a US proxy statement "Executive Committee" is a board committee; only a foreign issuer's
  // annual report names its management that way.
  const foreignManagement =
    form === "20-F" && (MANAGEMENT_HEADING.test(text) || DIRECTORS_AND_MANAGEMENT.test(text));
  return (
    (text.length <= 160 && (OFFICER_HEADING.test(text) || foreignManagement)) ||
    (text.length <= 300 && OFFICER_LEAD_IN.test(text))
  );
}

/** The blocks after a heading up to the next Item/Part heading. */
function sectionAfter(blocks: readonly Block[], start: number): Block[] {
  const section: Block[] = [];
  for (let i = start + 1; i < blocks.length && section.length < SECTION_LIMIT; i++) {
    const block = blocks[i] as Block;
    const text = block.kind === "text" ? block.text : block.cells.length === 1 ? blockText(block) : "";
    if (text.length > 0 && text.length <= 200 && NEXT_ITEM.test(text)) break;
    section.push(block);
  }
  return section;
}

/**
 * The first run of officer rows or lines in a section. Page furniture (page numbers, running
 * headers, numeric compensation rows) may interrupt the run; the first prose after it ends it.
 */
function officersIn(section: readonly Block[]): ExecutiveOfficer[] {
  const found: ExecutiveOfficer[] = [];
  const seen = new Set<string>();
  for (const block of section) {
    const o = block.kind === "row" ? officerFromRow(block.cells) : officerFromLine(block.text);
    if (o) {
      const key = o.name.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        found.push(o);
      }
      continue;
    }
    if (found.length === 0) continue;
    const text = blockText(block);
    // The biography paragraph under an officer's line names them again; the list goes on after it.
    const lastFamilyName = familyName(found.at(-1)?.name ?? "");
    if (block.kind === "text" && lastFamilyName && wordIn(lastFamilyName, text)) continue;
    // A table split across pages repeats its header row ("Name | Age | Principal Occupation …").
    const furniture =
      block.kind === "row"
        ? /^names?\b/i.test(block.cells[0]?.join(" ") ?? "") ||
          block.cells.every((c) => isNumericCell(c.join(" ")) || c.join(" ").length <= 40)
        : false;
    if (!furniture && !isPageFurniture(text)) break;
  }
  return found;
}

/** Text-only layout "Name, age" line, then a title line. */
function officersFromLinePairs(section: readonly Block[]): ExecutiveOfficer[] {
  const lines = section.flatMap((b) => (b.kind === "text" ? [b.text] : b.cells.flat()));
  const found: ExecutiveOfficer[] = [];
  for (let i = 0; i < lines.length - 1; i++) {
    const head = splitNameAndAge(lines[i] ?? "");
    if (!head) continue;
    const o = officer(head.name, titleFromLines(lines.slice(i + 1, i + 3)), head.age);
    if (o && !found.some((f) => f.name === o.name)) found.push(o);
  }
  return found;
}

type DocumentForm = "10-K" | "20-F" | "proxy" | "other";

function detectForm(blocks: readonly Block[]): DocumentForm {
  const cover = blocks.slice(0, 120).map(blockText).join(" ").toUpperCase();
  // A proxy statement's cover names Schedule 14A; it may also mention the annual report on Form 10-K.
  if (/SCHEDULE\s+14A/.test(cover)) return "proxy";
  if (/PROXY\s+STATEMENT/.test(cover) && !/FORM\s+10-K/.test(cover)) return "proxy";
  if (/FORM\s+(?:20|40)-F\b/.test(cover)) return "20-F";
  if (/FORM\s+10-K|ANNUAL\s+REPORT\s+PURSUANT/.test(cover)) return "10-K";
  return "other";
}

const DEFERRAL =
  /incorporated\s+(?:herein\s+)?by\s+reference|will\s+be\s+(?:included|contained|set\s+forth)/i;
/** A sentence about the executive officers that points inside this document, not to the proxy. */
/** Pointing inside the document even in a sentence that also names the proxy statement. */
const EXPLICITLY_HERE =
  /\b(?:set\s+forth|listed|presented|appears?)\s+below\b|\bin\s+part\s+i\b|\bpart\s+i,\s+item\b|\bof\s+this\s+(?:report|annual\s+report|form\s+10-k)\b/i;
const IN_THIS_DOCUMENT =
  /\b(?:set\s+forth|included|contained|provided|listed|appears?|presented)\s+(?:below|above|herein|in\s+part\s+i\b|under)|\bas\s+follows\b|\bfollowing\s+table\b|\bin\s+part\s+i\b|\bpart\s+i,\s+item\b|\bof\s+this\s+(?:report|annual\s+report|form\s+10-k)\b/i;

type Item10 = { deferral: string } | { inDocument: string } | undefined;

/**
 * What Item 10 says about the executive officers: the sentence that incorporates them from the
 * proxy statement, or the sentence that says they are in this document ("set forth below",
 * "see … in Part I of this report"), which is not a deferral even when the rest of Item 10 is.
 */
function item10OnOfficers(blocks: readonly Block[]): Item10 {
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Block;
    if (block.kind !== "text" || !/^item\s*10\b/i.test(block.text) || block.text.length > 200) continue;
    // The heading itself names "Executive Officers"; only the item's own sentences say where they are.
    const body = blocks
      .slice(i + 1, i + 8)
      .map(blockText)
      .join(" ");
    if (!/executive\s+officers/i.test(`${block.text} ${body}`)) continue;
    const sentences = body.slice(0, 3000).split(/(?<=[.])\s+/);
    // "included under the caption … in our Proxy Statement" points to the proxy, not to this document.
    const inDocument = sentences.find(
      (s) =>
        /executive\s+officers/i.test(s) &&
        (/proxy\s+statement/i.test(s) ? EXPLICITLY_HERE.test(s) : IN_THIS_DOCUMENT.test(s)),
    );
    if (inDocument) return { inDocument: normalizeSpace(inDocument).slice(0, 400) };
    const deferral = sentences.find((s) => /proxy\s+statement/i.test(s) && DEFERRAL.test(s));
    if (deferral) return { deferral: normalizeSpace(deferral).slice(0, 400) };
  }
  return undefined;
}

/**
 * Executive officers from a 10-K ("Information About Our Executive Officers", "ITEM X. …",
 * "Executive Officers of the Registrant", a lead-in inside Item 10 … as a table, a cell-per-person
 * layout, a career history whose current roles carry "since <date>", or "Name, age, title",
 * "Name (age 56)" and "Name, Title — biography" paragraphs), from a 20-F or 40-F (Item 6.A
 * Directors and Senior Management, without the board seats) or from a proxy statement (an
 * executive officers section, else the named executive officers of the Summary Compensation
 * Table). When the 10-K lists nobody and Item 10 sends the reader to the proxy statement,
 * `defersToProxy` is true and `note` quotes the sentence; when Item 10 says the officers are in
 * the document but none could be read, `note` says so.
 */
export function parseExecutiveOfficers(html: string): ExecutiveOfficers {
  const blocks = htmlToBlocks(html);
  const form = detectForm(blocks);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Block;
    if (!isOfficerHeading(block, form)) continue;
    const section = sectionAfter(blocks, i);
    let officers = officersIn(section);
    let method: OfficerMethod = section.some((b) => b.kind === "row" && officerFromRow(b.cells))
      ? "table"
      : "paragraphs";
    if (officers.length === 0) {
      officers = officersFromLinePairs(section);
      method = "name and title lines";
    }
    const heading = headingText(block) ?? blockText(block);
    if (DIRECTORS_AND_MANAGEMENT.test(heading)) officers = officers.filter((o) => !boardSeatOnly(o.title));
    if (officers.length > 0) {
      return {
        officers,
        source: form === "proxy" ? "proxy executive officers" : form === "20-F" ? "20-F item" : "10-K item",
        section: heading,
        method,
        confidence: OFFICER_METHOD_CONFIDENCE[method],
        defersToProxy: false,
      };
    }
  }
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Block;
    if (block.kind !== "text" || !COMPENSATION_HEADING.test(block.text)) continue;
    const officers = officersIn(sectionAfter(blocks, i));
    if (officers.length > 0) {
      return {
        officers,
        source: "summary compensation table",
        section: block.text,
        method: "summary compensation table",
        confidence: OFFICER_METHOD_CONFIDENCE["summary compensation table"],
        defersToProxy: false,
        note: "Named executive officers from the Summary Compensation Table (not necessarily every executive officer).",
      };
    }
  }
  const item10 = form === "proxy" ? undefined : item10OnOfficers(blocks);
  if (item10 && "deferral" in item10) {
    return {
      officers: [],
      source: "none",
      defersToProxy: true,
      note: `Executive officers are in the proxy statement: "${item10.deferral}"`,
    };
  }
  return {
    officers: [],
    source: "none",
    defersToProxy: false,
    note: item10
      ? `The document says its executive officers are listed in it ("${item10.inDocument}"), but no list could be read.`
      : "No executive officer section was found in the document.",
  };
}
