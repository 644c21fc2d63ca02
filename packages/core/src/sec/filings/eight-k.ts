import type { LeadershipChange } from "@dossier/events";
import * as cheerio from "cheerio";
import { assertReadablePage, type PageLimits } from "../../html/page-shape";

/** What an 8-K says, as far as it can be read with confidence. */
export interface EightKReading {
  /** Item numbers (`5.02`, `9.01`), from the SEC header and the document's own headings. */
  items: string[];
  /** YYYY-MM-DD, from the SEC header; absent for a bare document. */
  filingDate?: string;
  companyName?: string;
  cik?: string;
  accessionNumber?: string;
  /** The changes Item 5.02 reports; empty when it reports none (a compensation matter) or none could be read. */
  leadershipChanges: LeadershipChange[];
  /** Why something the item may say was not read. */
  notes: string[];
  /** The text of Item 5.02, when the filing has one: what a model may be asked to read. */
  item502Text?: string;
  /** Sentences that speak of a change but match no pattern read with confidence. */
  unreadSentences: number;
}

/** An 8-K is small; a document past this is not what it claims to be. */
const MaxDocumentBytes = 10 * 1024 * 1024;
/** The primary document of an 8-K is a few hundred KB at most; its markup is bounded as web pages are. */
const PrimaryDocumentLimits: PageLimits = { maxDepth: 512, maxElements: 100_000 };

export class EightKTooLargeError extends Error {
  constructor(bytes: number) {
    super(`an 8-K of ${bytes} bytes is past the ${MaxDocumentBytes}-byte limit; not read`);
    this.name = "EightKTooLargeError";
  }
}

/** 8-K items by the start of their titles, as the SEC header's ITEM INFORMATION lines name them. */
const ItemTitles: [string, string][] = [
  ["Entry into a Material Definitive Agreement", "1.01"],
  ["Termination of a Material Definitive Agreement", "1.02"],
  ["Bankruptcy or Receivership", "1.03"],
  ["Mine Safety", "1.04"],
  ["Material Cybersecurity Incidents", "1.05"],
  ["Completion of Acquisition or Disposition of Assets", "2.01"],
  ["Results of Operations and Financial Condition", "2.02"],
  ["Creation of a Direct Financial Obligation", "2.03"],
  ["Triggering Events", "2.04"],
  ["Costs Associated with Exit or Disposal Activities", "2.05"],
  ["Material Impairments", "2.06"],
  ["Notice of Delisting", "3.01"],
  ["Unregistered Sales of Equity Securities", "3.02"],
  ["Material Modification to Rights of Security Holders", "3.03"],
  ["Changes in Registrant's Certifying Accountant", "4.01"],
  ["Non-Reliance on Previously Issued Financial Statements", "4.02"],
  ["Changes in Control of Registrant", "5.01"],
  ["Departure of Directors or Certain Officers", "5.02"],
  ["Amendments to Articles of Incorporation or Bylaws", "5.03"],
  ["Temporary Suspension of Trading", "5.04"],
  ["Amendments to the Registrant's Code of Ethics", "5.05"],
  ["Change in Shell Company Status", "5.06"],
  ["Submission of Matters to a Vote of Security Holders", "5.07"],
  ["Shareholder Director Nominations", "5.08"],
  ["Regulation FD Disclosure", "7.01"],
  ["Other Events", "8.01"],
  ["Financial Statements and Exhibits", "9.01"],
];

const Months = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const DatePattern =
  /\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),?\s+(\d{4})\b/;

function isoDate(text: string): string | undefined {
  const match = DatePattern.exec(text);
  if (!match) return undefined;
  const month = Months.indexOf((match[1] ?? "").toLowerCase()) + 1;
  return `${match[3]}-${String(month).padStart(2, "0")}-${String(match[2]).padStart(2, "0")}`;
}

const compactDay = (value: string | undefined) =>
  value && /^\d{8}$/.test(value)
    ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`
    : undefined;

interface Header {
  items: string[];
  filingDate?: string;
  companyName?: string;
  cik?: string;
  accessionNumber?: string;
}

/** The SEC header of a full submission (`.txt`, `KEY: value` lines) or of a feed file (`.nc`, `<TAG>value`). */
function readHeader(text: string): Header {
  const head = text.slice(0, Math.min(text.length, 20_000));
  const line = (key: string) => new RegExp(`^\\s*${key}:[ \\t]*(.+)$`, "m").exec(head)?.[1]?.trim();
  const tag = (name: string) => new RegExp(`<${name}>([^<\\r\\n]+)`).exec(head)?.[1]?.trim();
  const items = new Set<string>();
  for (const match of head.matchAll(/<ITEMS>(\d\.\d{2})/g)) items.add(match[1] ?? "");
  for (const match of head.matchAll(/^\s*ITEM INFORMATION:[ \t]*(.+)$/gm)) {
    const title = (match[1] ?? "").trim().toLowerCase();
    const item = ItemTitles.find(([start]) => title.startsWith(start.toLowerCase()));
    if (item) items.add(item[1]);
  }
  const filingDate = compactDay(line("FILED AS OF DATE") ?? tag("FILING-DATE"));
  const companyName = line("COMPANY CONFORMED NAME") ?? tag("CONFORMED-NAME");
  const cik = line("CENTRAL INDEX KEY") ?? tag("CIK");
  const accessionNumber = line("ACCESSION NUMBER") ?? tag("ACCESSION-NUMBER");
  return {
    items: [...items].filter(Boolean),
    ...(filingDate ? { filingDate } : {}),
    ...(companyName ? { companyName } : {}),
    ...(cik && /^\d{1,10}$/.test(cik) ? { cik: cik.padStart(10, "0") } : {}),
    ...(accessionNumber && /^\d{10}-\d{2}-\d{6}$/.test(accessionNumber) ? { accessionNumber } : {}),
  };
}

/** The primary document: the first `<TEXT>` of a submission, or the whole input when it is a bare document. */
function primaryDocument(text: string): string {
  const documentAt = text.indexOf("<DOCUMENT>");
  if (documentAt === -1) return text;
  const start = text.indexOf("<TEXT>", documentAt);
  if (start === -1) return text;
  const end = text.indexOf("</TEXT>", start);
  return text.slice(start + "<TEXT>".length, end === -1 ? undefined : end);
}

/** The document as lines of text: every block element ends a line, hidden XBRL headers are dropped. */
function documentText(html: string): string {
  if (!/<(html|body|p|div|table)\b/i.test(html)) return html;
  assertReadablePage(html, "the 8-K's primary document", PrimaryDocumentLimits);
  // Line breaks in the source are only layout; the document's own blocks make the lines.
  const $ = cheerio.load(html.replace(/[\r\n\t]+/g, " "));
  $("script, style, head, ix\\:header").remove();
  $("p, div, br, tr, li, h1, h2, h3, h4, h5, h6, table").each((_, element) => {
    $(element).append("\n");
  });
  return $.root()
    .text()
    .replace(/[\u00a0\u2002-\u200b]/g, " ")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[ \t]+/g, " ");
}

/** From the first "Item 5.02" heading to the next item or the signatures. */
function itemSection(text: string): string | undefined {
  const start = text.search(/Item\s*5\.02/i);
  if (start === -1) return undefined;
  const rest = text.slice(start + 9);
  const next = rest.search(/Item\s*\d\.\d{2}|\bSIGNATURES?\b/);
  return text.slice(start, start + 9 + (next === -1 ? Math.min(rest.length, 20_000) : next));
}

const Abbreviations = new Set([
  "mr",
  "ms",
  "mrs",
  "dr",
  "inc",
  "co",
  "corp",
  "ltd",
  "jr",
  "sr",
  "st",
  "no",
  "messrs",
  "u.s",
]);

/** Sentences of a section: a period ends one unless it closes an abbreviation or an initial. */
function sentences(section: string): string[] {
  const result: string[] = [];
  for (const line of section.split(/\n+/)) {
    let start = 0;
    for (let at = 0; at < line.length; at++) {
      const char = line.charAt(at);
      if (char !== "." && char !== "?" && char !== "!") continue;
      const word = /([A-Za-z.]+)$/.exec(line.slice(Math.max(0, at - 12), at))?.[1] ?? "";
      const initial = /(^|[^A-Za-z])[A-Z]$/.test(line.slice(Math.max(0, at - 2), at));
      const next = line.slice(at + 1, at + 3);
      const decimal = /\d/.test(line.charAt(at - 1)) && /\d/.test(line.charAt(at + 1));
      if (Abbreviations.has(word.toLowerCase()) || initial || decimal || !/^(\s*[A-Z("0-9]|\s*$)/.test(next))
        continue;
      result.push(line.slice(start, at + 1).trim());
      start = at + 1;
    }
    if (line.slice(start).trim()) result.push(line.slice(start).trim());
  }
  return result.filter((sentence) => sentence.length > 3);
}

/** Words a capitalised run can hold without being a person's name. */
const NotNameWords = new Set(
  [
    "the",
    "board",
    "directors",
    "director",
    "company",
    "companies",
    "chief",
    "officer",
    "executive",
    "president",
    "vice",
    "financial",
    "treasurer",
    "secretary",
    "commission",
    "corporation",
    "inc",
    "bank",
    "firm",
    "item",
    "current",
    "report",
    "form",
    "annual",
    "securities",
    "exchange",
    "act",
    "on",
    "in",
    "as",
    "following",
    "appointment",
    "departure",
    "separation",
    "date",
    "agreement",
    "plan",
    "committee",
    "consulting",
    "compensation",
    "management",
    "development",
    "registrant",
    "operating",
    "group",
    "holdings",
    "llc",
    "trust",
    "fund",
    "manager",
    "effective",
    "retention",
    "continuity",
    "awards",
    "award",
    "mr",
    "ms",
    "mrs",
    "dr",
    "messrs",
    "chairman",
    "chair",
    "officers",
    "pursuant",
    "signatures",
    "exhibit",
    "exhibits",
    "there",
    "this",
    "such",
    "his",
    "her",
    "their",
    ...Months,
  ].map((word) => word.toLowerCase()),
);

const NameToken = String.raw`(?:[A-Z][a-z]*[A-Z][a-z]+|[A-Z][a-z]+(?:-[A-Z]?[a-z]+|'[A-Z][a-z]+)*)\b`;
const PersonName = String.raw`(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?((?:${NameToken})(?:\s+[A-Z]\.)?(?:\s+(?:${NameToken})){1,2}(?:,?\s+(?:Jr|Sr)\.|\s+(?:II|III|IV))?)`;

function isPersonName(candidate: string, registrant: string | undefined): boolean {
  const words = candidate.split(/\s+/).map((word) => word.replace(/[.,]/g, "").toLowerCase());
  if (words.some((word) => NotNameWords.has(word))) return false;
  return !registrant?.toLowerCase().includes(candidate.toLowerCase());
}

const RoleWords =
  /\b(Chief|President|Co-President|Vice|Chair|Chairman|Chairwoman|Director|Treasurer|Secretary|Counsel|Controller|CEO|CFO|COO|CTO|Co-CEO|Officer|Head|member of the Board)\b/;
const CompanyAfter = /^,?\s+(Inc\b|Corp\b|Corporation\b|LLC\b|Ltd\b|L\.P\.|plc\b|Co\.)/;
const GenericOwner = /\s+of\s+(the\s+)?(Company|Firm|Registrant|Corporation|Bank|Board(?!\s+of))\s*$/i;

/** A role phrase starting at `text`: Title-case words and connectors up to a clause boundary. */
function roleAt(text: string, sentence: string): string | undefined {
  const member = /^(?:a\s+)?member of (?:the|its|our)\s+Board(?: of Directors)?/i.exec(text);
  if (member) return "member of the Board of Directors";
  const match =
    /^(?:the\s+)?(?:Company's\s+|Firm's\s+)?([A-Z][\w&'-]*(?:(?:\s+|,\s+(?=[A-Z]))(?:and|of|&|the|[A-Z][\w&'-]*|\([A-Z]+\)))*)/.exec(
      text,
    );
  let role = match?.[1]?.trim();
  if (!role) return undefined;
  const after = text.slice((match?.index ?? 0) + (match?.[0].length ?? 0));
  // "… Officer of Acme Widgets, Inc.": the company, not a part of the role.
  const companySuffix = /,?\s+(?:Inc|Corp|Corporation|LLC|Ltd|plc)\.?$/;
  if (CompanyAfter.test(after) || companySuffix.test(role))
    role = role.replace(companySuffix, "").replace(/\s+of\s+[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*)*$/, "");
  role = role
    .replace(GenericOwner, "")
    .replace(/\s+(and|of|the|&)$/i, "")
    .trim();
  if (!sentence.includes(role)) return undefined;
  // "have been elected Co-Presidents": each of them is a Co-President.
  role = role.replace(/^((?:Co-)?(?:President|Director|Officer))s\b/, "$1");
  return RoleWords.test(role) && role.length <= 150 ? role : undefined;
}

function effectiveDate(sentence: string, filingDate: string | undefined): string | undefined {
  const stated =
    /effective(?:\s+as\s+of|\s+on)?\s+((?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},?\s+\d{4})/i.exec(
      sentence,
    );
  if (stated) return isoDate(stated[1] ?? "");
  if (/effective\s+(immediately|(?:as\s+of\s+|on\s+)?(?:such|that|the same)\s+date)/i.test(sentence)) {
    const opening =
      /^(?:\(\w\)\s*)?On\s+((?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},?\s+\d{4})/.exec(
        sentence,
      );
    return opening ? isoDate(opening[1] ?? "") : filingDate;
  }
  return undefined;
}

type Kind = LeadershipChange["change"];

interface NameAt {
  name: string;
  start: number;
  end: number;
}

/** Every person's name in a sentence, where it stands: capitalised runs that are not titles, months or companies. */
function namesIn(sentence: string, registrant: string | undefined): NameAt[] {
  const pattern = new RegExp(PersonName, "y");
  const names: NameAt[] = [];
  for (let at = 0; at < sentence.length; at++) {
    if (!/[A-Z]/.test(sentence.charAt(at)) || /[A-Za-z]/.test(sentence.charAt(at - 1))) continue;
    pattern.lastIndex = at;
    const match = pattern.exec(sentence);
    if (!match?.[1]) continue;
    const end = at + match[0].length;
    if (CompanyAfter.test(sentence.slice(end)) || !isPersonName(match[1], registrant)) continue;
    names.push({ name: match[1], start: at, end });
    at = end - 1;
  }
  return names;
}

/** Matches `pattern` exactly at `at`: what follows a name. */
function after(sentence: string, at: number, pattern: string): RegExpExecArray | null {
  const sticky = new RegExp(pattern, "y");
  sticky.lastIndex = at;
  return sticky.exec(sentence);
}

const Age = String.raw`(?:,\s+(?:age\s+)?\d{2},?)?`;
const Appositive = String.raw`(,\s+(?:current\s+|the\s+)?[^,]{3,120},)?`;
const Departs = String.raw`(resign(?:ed)?|retire[ds]?|step(?:ped)?\s+down|will\s+not\s+stand\s+for\s+re-?election)`;

/** One sentence's changes, by the patterns that say who changed how; nothing when none applies. */
function changesIn(
  sentence: string,
  registrant: string | undefined,
  filingDate: string | undefined,
): LeadershipChange[] {
  const found: LeadershipChange[] = [];
  const evidence = sentence.slice(0, 300);
  const add = (person: string, change: Kind, roleText: string | undefined) => {
    const role = roleText === undefined ? undefined : roleAt(roleText, sentence);
    const date = effectiveDate(sentence, filingDate);
    found.push({
      person,
      change,
      ...(role ? { role } : {}),
      ...(date ? { effectiveDate: date } : {}),
      evidence,
    });
  };
  const rest = (match: RegExpExecArray) => sentence.slice(match.index + match[0].length);
  // A condition ("unless terminated", "if he resigns") reports nothing that happened.
  const conditional = /\b(unless|if|in the event|should)\b/i.test(sentence);
  const names = namesIn(sentence, registrant);
  names.forEach((subject, index) => {
    const before = sentence.slice(0, subject.start);
    // "Appointment of Brandon Hetzel as …", "Departure of Brett Kaufman as …" (headings)
    if (/^Appointment\s+of\s+$/.test(before)) {
      const match = after(sentence, subject.end, String.raw`\s+as\s+`);
      if (match) add(subject.name, "appointed", rest(match));
      return;
    }
    if (/^(?:Departure|Resignation|Retirement)\s+of\s+$/.test(before)) {
      const match = after(sentence, subject.end, String.raw`(?:\s+as\s+|\s+from\s+)?`);
      add(subject.name, "departed", match ? rest(match) : undefined);
      return;
    }
    // "the Board appointed Brandon Hetzel as the Chief Financial Officer"
    const verb = /\b(appointed|named|elected|promoted)\s+$/.exec(before);
    if (verb) {
      const match = after(
        sentence,
        subject.end,
        String.raw`${Age}\s+(?:as|to\s+serve\s+as|to\s+the\s+(?:position|role)\s+of|to)\s+`,
      );
      if (match) add(subject.name, verb[1] === "elected" ? "elected" : "appointed", rest(match));
      return;
    }
    // "Doug Petno, 61, and Troy Rohrbaugh, 56, Co-CEOs of the CIB, have been elected Co-Presidents"
    const partner = names[index + 1];
    if (
      partner &&
      after(sentence, subject.end, String.raw`${Age}\s+and\s+`)?.[0].length === partner.start - subject.end
    ) {
      const match = after(
        sentence,
        partner.end,
        String.raw`${Age}${Appositive}\s+(?:have\s+been|were|will\s+be)\s+(elected|appointed|named|promoted\s+to)\s+(?:as\s+)?`,
      );
      if (match) {
        const kind: Kind = match[1] ? "role changed" : match[2] === "elected" ? "elected" : "appointed";
        add(subject.name, kind, rest(match));
        add(partner.name, kind, rest(match));
        names.splice(index + 1, 1);
        return;
      }
    }
    // "Gary S. Shedlin transitioned from the role of Chief Financial Officer to Vice Chairman"
    const transition = after(
      sentence,
      subject.end,
      String.raw`\s+(?:transitioned|will\s+transition|moved|will\s+move)\s+from\s+[^;]{3,120}?\s+to\s+(?:the\s+role\s+of\s+)?`,
    );
    if (transition) {
      add(subject.name, "role changed", rest(transition));
      return;
    }
    // "Martin Small became Chief Financial Officer", "Jane Doe, our Controller, was promoted to …"
    const became = after(
      sentence,
      subject.end,
      String.raw`${Age}${Appositive}\s+(became|will\s+become|has\s+been\s+appointed|was\s+appointed|has\s+been\s+named|was\s+named|has\s+been\s+elected|was\s+elected|has\s+been\s+promoted\s+to|was\s+promoted\s+to)\s+(?:as\s+)?`,
    );
    if (became) {
      const kind: Kind = became[1]
        ? "role changed"
        : (became[2] ?? "").includes("elected")
          ? "elected"
          : "appointed";
      add(subject.name, kind, rest(became));
      return;
    }
    // "Brett Kaufman's employment as the Chief Financial Officer … will terminate"
    const termination = after(
      sentence,
      subject.end,
      String.raw`'s\s+employment\s+as\s+([^;]{3,200}?)\s+will\s+terminate`,
    );
    if (termination && !conditional) {
      add(subject.name, "departed", termination[1]);
      return;
    }
    // "Dina Powell McCormick notified the Company that she will resign as a member of the Board"
    const departure = after(
      sentence,
      subject.end,
      String.raw`${Appositive}[^;]{0,160}?\b(?:will|has\s+decided\s+to|decided\s+to|intends\s+to|to|has|had)?\s*${Departs}\b(?:\s+(?:as|from\s+(?:his|her)\s+(?:positions?|roles?)\s+as|from)\s+)?`,
    );
    // Only the sentence's first name may be the one who leaves: later names are whom they tell.
    if (departure && !conditional && !found.length && names[0] === subject) {
      const appositive = departure[1]?.replace(/^,\s+(?:current\s+|the\s+)?/, "").replace(/,$/, "");
      const following = rest(departure);
      const stated =
        /^(?:a\s+member|the\s+|[A-Z])/.test(following) && !/^the\s+(Company|Firm)\b/.test(following);
      add(subject.name, "departed", stated ? following : appositive);
    }
  });
  return found;
}

/** One change per person and kind: a heading and the sentence under it say the same; the fuller one stays. */
function merged(changes: LeadershipChange[]): LeadershipChange[] {
  const byKey = new Map<string, LeadershipChange>();
  for (const change of changes) {
    const key = `${change.person.toLowerCase()}|${change.change}`;
    const known = byKey.get(key);
    byKey.set(key, {
      ...change,
      ...known,
      ...((known?.role ?? change.role) ? { role: (known?.role ?? change.role) as string } : {}),
      ...((known?.effectiveDate ?? change.effectiveDate)
        ? { effectiveDate: (known?.effectiveDate ?? change.effectiveDate) as string }
        : {}),
      evidence: known && known.evidence.length >= change.evidence.length ? known.evidence : change.evidence,
    });
  }
  return [...byKey.values()];
}

/**
 * Reads an 8-K: its items and filing facts from the SEC header (full submission text or EDGAR
 * feed file) or the document's headings, and the leadership changes Item 5.02 reports. Only
 * sentences that say plainly who left, joined, was elected or moved are read; a sentence about a
 * change that matches none of them is noted, never guessed at.
 * @throws EightKTooLargeError past 10 MB; PageTooComplexError for markup no real filing has.
 */
export function readEightK(document: string): EightKReading {
  if (document.length > MaxDocumentBytes) throw new EightKTooLargeError(document.length);
  const header = readHeader(document);
  const text = documentText(primaryDocument(document));
  const items = new Set(header.items);
  for (const match of text.matchAll(/Item\s*(\d\.\d{2})/gi)) items.add(match[1] ?? "");
  const reading: EightKReading = {
    ...header,
    items: [...items].filter((item) => /^\d\.\d{2}$/.test(item)).sort(),
    leadershipChanges: [],
    notes: [],
    unreadSentences: 0,
  };
  if (!reading.items.includes("5.02")) return reading;
  const section = itemSection(text);
  if (!section) {
    reading.notes.push("the filing lists Item 5.02 but its text has no Item 5.02 section");
    return reading;
  }
  reading.item502Text = section;
  const changes: LeadershipChange[] = [];
  for (const sentence of sentences(section)) {
    const read = changesIn(sentence, header.companyName, header.filingDate);
    changes.push(...read);
    const speaksOfChange =
      /\b(resign(?:ed|s|ation)?|retire(?:d|s|ment)?|appoint(?:ed|s|ment)?|elected|promoted|succeed(?:s|ed)?|depart(?:ed|s|ure)|step(?:ped)? down|terminat(?:ed|ion)|relinquish(?:ed|es)?|leav(?:e|es|ing)|ceas(?:e|ed|es)|separat(?:ed|ion)|transition(?:ed)?|named|join(?:s|ed)?|hired|replac(?:e|ed|es))\b/i.test(
        sentence,
      );
    // Pay, agreements and the item's standard statements (no arrangements, no family ties) change no one.
    const aboutPay =
      /\b(compensation|salary|bonus|award|agreement|plan|grant|option|vest|arrangements? or understandings?|family relationship|Item 404)/i.test(
        sentence,
      );
    const itemTitle = /^(Item\s*5\.02|Departure of Directors or Certain Officers)/i.test(sentence);
    if (read.length === 0 && speaksOfChange && !aboutPay && !itemTitle) {
      reading.unreadSentences += 1;
      reading.notes.push(`not read with confidence: ${sentence.slice(0, 200)}`);
    }
  }
  reading.leadershipChanges = merged(changes);
  return reading;
}
