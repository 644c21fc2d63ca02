import { cleanText, normalizeText } from "./normalize";
import { canonicalRoles, isTitleLine } from "./titles";

const PARTICLES = new Set([
  "van",
  "von",
  "de",
  "der",
  "den",
  "da",
  "di",
  "du",
  "del",
  "della",
  "des",
  "la",
  "le",
  "dos",
  "das",
  "do",
  "bin",
  "binti",
  "al",
  "el",
  "y",
  "e",
  "ten",
  "ter",
  "zu",
  "st",
]);
const HONORIFIC = /^(?:dr|mr|mrs|ms|mx|prof|sir|dame|herr|frau|mme|dott|ing)\.?$/i;
export const NAME_SUFFIX = /^(?:jr|sr|ii|iii|iv|phd|ph\.d|md|m\.d|cpa|esq|mba|cfa|obe|cbe|mbe|fca|pe)\.?,?$/i;

// Words that never appear in a person's name but often sit where one would: navigation, headings, news verbs.
const STOP_WORDS = new Set(
  `about us our meet the team teams leadership leaders leader board directors management executive executives officers
  home contact news careers career jobs investors investor company companies more view bio bios profile learn menu
  search privacy terms cookie cookies policy all rights reserved download report annual sustainability overview history
  mission values vision global group holdings inc llc ltd corp gmbh ag sa plc appoints appointed names named announces
  joins joined welcomes promotes headshot photo portrait image picture linkedin twitter email share services
  solutions products industries resources partners customers clients support login blog events press media
  headquarters office offices street avenue road suite brand brands committee committees governance documents charter
  ethics compliance social responsibility culture people who we are what how why where when and or of for with to in on
  at by from january february march july september october november december latest insights
  more back next previous site map sitemap subscribe newsletter video our story awards featured
  testimonials testimonial client customer say says quote see full member members office presse aktuelles unternehmen
  vorstand aufsichtsrat fuhrung direction equipe conseil equipo consejo notre nuestro unser business development
  corporate programs program operations sales marketing finance financial strategy strategic technology engineering
  product human resources legal relations success supplier sourcing front communications affairs digital data
  information security risk research innovation public administration accounting talent growth partnerships
  international america americas europe asia pacific emea apac region regional chief officer
  senior vice lead independent non deputy acting interim associate assistant principal managing general counsel
  secretary treasurer controller chair chairman chairwoman president director manager head founder partner
  consiglio amministrazione administracion conselho administracao raad commissarissen bestuur surveillance
  directoire direzione gouvernance gobierno comite comitato equipo division divisions unit units supply chain
  construction`
    .split(/\s+/)
    .filter(Boolean),
);

const CJK_NAME =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]{1,5}[\s\u3000]?[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]{1,5}$/u;
const NAME_TOKEN = /^\p{Lu}[\p{L}'’-]*$/u;
const INITIAL = /^(?:\p{Lu}\.?|(?:\p{Lu}\.){2,3})$/u;
const PICTURE_WORDS = /\s+(?:head ?shot|photo(?:graph)?|portrait|image|picture|bild|foto)$/i;

/** Removes wrappers around a name seen in alt texts and captions ("Photo of …", "… headshot"). */
export function stripPictureWords(text: string): string {
  return cleanText(text)
    .replace(/^(?:photo|picture|portrait|image|headshot) of\s+/i, "")
    .replace(PICTURE_WORDS, "");
}

/**
 * Whether a short text is plausibly a person's name: 2–6 capitalised tokens (particles, initials, honorifics,
 * suffixes allowed), no digits, no navigation or heading words, not a job title.
 * @example isPlausibleName("Peter J. Millones, Jr.") // true
 * @example isPlausibleName("Board of Directors") // false
 */
export function isPlausibleName(text: string): boolean {
  const name = cleanText(text);
  if (name.length < 3 || name.length > 60) return false;
  if (CJK_NAME.test(name)) return canonicalRoles(name).length === 0 && !STOP_WORDS.has(normalizeText(name));
  if (/[\d@/\\|:;!?()[\]{}"“”«»]/.test(name)) return false;
  // After a comma only a suffix   ("Millones, Jr."), never an organisation ("Fogel, Booking.com").
  if (
    name
      .split(",")
      .slice(1)
      .some((part) => !NAME_SUFFIX.test(part.trim()))
  )
    return false;
  const tokens = name.replace(/,\s*/g, " ").split(" ");
  if (tokens.length < 2 || tokens.length > 6) return false;
  let core = 0;
  for (const [index, token] of tokens.entries()) {
    const lower = normalizeText(token);
    if (STOP_WORDS.has(lower) && !PARTICLES.has(lower)) return false;
    if (HONORIFIC.test(token) && core === 0) continue;
    if (NAME_SUFFIX.test(token) && index > 0) continue;
    if (PARTICLES.has(token) && index > 0 && index < tokens.length - 1) continue;
    if (INITIAL.test(token)) continue;
    if (!NAME_TOKEN.test(token)) return false;
    if (token.length > 1 && token === token.toUpperCase() && token.length > 14) return false;
    core++;
  }
  if (core < 2 && !(core === 1 && tokens.some((t) => INITIAL.test(t)))) return false;
  return canonicalRoles(name).length === 0;
}

export type NameLine = { name: string; title?: string; organization?: string };

/**
 * A professional credential printed after a name ("CPA", "FLMI", "ChFC", "SHRM-CP", "RN"): short,
 * mostly capitals, and not itself a title (CEO, CFO and EVP are titles).
 */
function isCredential(text: string): boolean {
  const token = text.trim().replace(/\.$/, "");
  if (!/^\p{Lu}[\p{L}.]{1,7}(?:-\p{Lu}{1,4})?$/u.test(token)) return false;
  const letters = token.replace(/[^\p{L}]/gu, "");
  const capitals = letters.replace(/\P{Lu}/gu, "").length;
  return capitals >= 2 && capitals * 2 >= letters.length && canonicalRoles(token).length === 0;
}

const SEPARATORS = /\s*(?:,|\s[–—-]\s|\s\|\s|:|\n|\u2022|·)\s*/;

/** Everything right of a name that is an organisation rather than a title: short, capitalised, no sentence. */
function looksLikeOrganization(text: string): boolean {
  const t = cleanText(text);
  if (t.length < 2 || t.length > 40 || /[.!?]$/.test(t.replace(/\.com$|\.co$/i, ""))) return false;
  const tokens = t.split(" ");
  return (
    tokens.length <= 4 && /^[\p{Lu}\p{N}]/u.test(t) && !tokens.some((w) => STOP_WORDS.has(normalizeText(w)))
  );
}

/**
 * Reads a line that starts with a person's name, optionally followed by a title or an organisation:
 * "Jane Doe", "Jane Doe, Chief Financial Officer", "Jane Doe – CFO", "Glenn D. Fogel, Booking.com",
 * "Peter J. Millones, Jr.", and the reverse "Chief Financial Officer: Jane Doe".
 */
export function parseNameLine(text: string): NameLine | undefined {
  const line = cleanText(text.replace(/^[–—\-•·,:\s]+/, ""));
  if (line.length === 0 || line.length > 160) return undefined;
  if (isPlausibleName(line)) return { name: line };
  const parts = line.split(SEPARATORS).filter((p) => p.length > 0);
  // Grow the name over separators while the next part is a name suffix ("Millones, Jr.").
  for (let cut = 1; cut < parts.length; cut++) {
    const nameParts = parts.slice(0, cut);
    if (!parts[cut] || NAME_SUFFIX.test(parts[cut] ?? "")) continue;
    const name = nameParts.join(", ");
    if (!isPlausibleName(name)) continue;
    // Credentials after the name belong to neither the name nor the title.
    let first = cut;
    while (first < parts.length && isCredential(parts[first] ?? "")) first++;
    // One capitalised word alone after the name is as likely a brand ("Peer Bueller, KAYAK") as a credential.
    if (first === parts.length && first > cut + 1) return { name };
    if (first === parts.length) first = cut;
    const rest = line.slice(line.indexOf(parts[first] ?? "", name.length - 2));
    if (isTitleLine(rest)) return { name, title: rest };
    if (parts.length === first + 1 && looksLikeOrganization(rest)) return { name, organization: rest };
    return undefined;
  }
  // Title first: "Chief Financial Officer: Jane Doe", "CEO, Orbit Radio | Hugo Lindstrom".
  const last = parts[parts.length - 1];
  if (parts.length >= 2 && last && isPlausibleName(last)) {
    const title = line.slice(0, line.lastIndexOf(last)).replace(/[\s,–—|:\u2022·-]+$/, "");
    if (isTitleLine(title)) return { name: last, title };
  }
  // "Jane Doe Chief Financial Officer" without a separator, as inline elements often render.
  const tokens = line.split(" ");
  for (let k = Math.min(5, tokens.length - 1); k >= 2; k--) {
    const name = tokens.slice(0, k).join(" ");
    const rest = tokens.slice(k).join(" ");
    if (
      isPlausibleName(name) &&
      isTitleLine(rest) &&
      canonicalRoles(tokens[k] ?? "").length + startsTitle(rest) > 0
    ) {
      return { name, title: rest };
    }
  }
  return undefined;
}

function startsTitle(text: string): number {
  return /^(?:chief|executive|senior|vice|global|group|managing|general|head|co-?founder|founder|president|chair|director|directeur|directrice|director|lead|deputy)\b/i.test(
    text,
  )
    ? 1
    : 0;
}
