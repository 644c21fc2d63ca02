import { normalizeText } from "./normalize";

// Each group lists one given name and its common short forms; any two in a group are the same name.
const NICKNAME_GROUPS = [
  "william bill billy will willy liam",
  "robert bob bobby rob robbie bert",
  "james jim jimmy jamie",
  "michael mike mikey mick",
  "jennifer jen jenny jenn",
  "elizabeth liz lizzie beth betsy eliza libby betty",
  "thomas tom tommy",
  "richard rick dick rich ricky",
  "charles charlie chuck chas",
  "joseph joe joey",
  "john jack johnny jon",
  "margaret maggie meg peggy marge",
  "katherine kathy kate katie kat catherine cathy kathryn",
  "christopher chris topher",
  "christine chris chrissy christina",
  "daniel dan danny",
  "david dave davy",
  "edward ed eddie ted ned",
  "anthony tony",
  "andrew andy drew",
  "stephen steve steven stevie",
  "patricia pat patty tricia trish",
  "patrick pat paddy",
  "susan sue suzy susie",
  "deborah debby debbie deb debra",
  "kimberly kim",
  "rebecca becky becca",
  "alexander alex al sandy xander",
  "alexandra alex sandra sasha",
  "benjamin ben benny",
  "nicholas nick nicky",
  "matthew matt",
  "gregory greg",
  "jeffrey jeff geoffrey",
  "timothy tim timmy",
  "samuel sam sammy",
  "samantha sam",
  "lawrence larry laurence",
  "ronald ron ronnie",
  "donald don donny",
  "kenneth ken kenny",
  "douglas doug",
  "gerald gerry jerry",
  "raymond ray",
  "frederick fred freddie",
  "theodore ted teddy theo",
  "peter pete",
  "philip phil phillip",
  "victoria vicky tori",
  "pamela pam",
  "cynthia cindy",
  "jacqueline jackie",
  "judith judy",
  "barbara barb barbie",
  "dorothy dot dottie",
  "francis frank frankie",
  "henry hank harry",
  "harold harry hal",
  "leonard leo len lenny",
  "nathaniel nate nathan",
  "zachary zach zack",
  "abigail abby",
  "suzanne sue suzy",
  "vincent vince vinny",
  "walter walt wally",
  "eugene gene",
  "albert al bert",
  "arthur art",
].map((group) => new Set(group.split(" ")));

const HONORIFICS = new Set(["dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame", "herr", "frau", "mme"]);
const SUFFIXES = new Set([
  "jr",
  "sr",
  "ii",
  "iii",
  "iv",
  "phd",
  "md",
  "cpa",
  "esq",
  "mba",
  "cfa",
  "obe",
  "cbe",
  "mbe",
]);

type ParsedName = { given: Set<string>; middle: string[]; family: string; full: string };

function parseName(raw: string): ParsedName | undefined {
  // Nicknames in parentheses or quotes are alternatives for the given name: Jen-Hsun (Jensen) Huang.
  const nicknames = [...raw.matchAll(/[("“'‘]([^)"”'’]+)[)"”'’]/g)].map((m) => normalizeText(m[1] ?? ""));
  let text = raw.replace(/[("“'‘][^)"”'’]*[)"”'’]/g, " ").replace(/\b(?:ph\.\s?d|m\.\s?d)\b\.?/gi, " ");
  // "Doe, Jane" → "Jane Doe", unless what follows the comma is a suffix ("Millones, Jr.").
  const [before, after] = text.split(/,(.+)/);
  if (after && !after.split(/[\s,]+/).every((t) => t === "" || SUFFIXES.has(normalizeText(t)))) {
    text = `${after} ${before}`;
  }
  // Hyphenated parts stay one token (Graddick-Weir); a hyphenated given name also counts by its first part.
  const words = text
    .split(/\s+/)
    .map((w) => ({ joined: normalizeText(w.replace(/-/g, "")), head: normalizeText(w.split("-")[0] ?? "") }))
    .filter((w) => w.joined && !HONORIFICS.has(w.joined) && !SUFFIXES.has(w.joined));
  const family = words.pop()?.joined;
  const first = words.shift();
  if (!family) return undefined;
  const given = new Set([
    first?.joined ?? "",
    first?.head ?? "",
    ...nicknames.filter((n) => n && !n.includes(" ")),
  ]);
  given.delete("");
  const middle = words.map((w) => w.joined);
  return { given, middle, family, full: normalizeText(raw) };
}

function sameGiven(a: Set<string>, b: Set<string>): number {
  let best = 0;
  for (const x of a) {
    for (const y of b) {
      if (x === y) return 1;
      if (NICKNAME_GROUPS.some((g) => g.has(x) && g.has(y))) best = Math.max(best, 0.9);
      else if ((x.length === 1 && y.startsWith(x)) || (y.length === 1 && x.startsWith(y)))
        best = Math.max(best, 0.8);
      else if (Math.min(x.length, y.length) >= 3 && (x.startsWith(y) || y.startsWith(x)))
        best = Math.max(best, 0.85);
    }
  }
  return best;
}

/**
 * How likely two written names denote the same person, 0..1. Case, punctuation, diacritics, honorifics,
 * suffixes, middle names and initials, quoted or parenthesised nicknames and common short forms are tolerated.
 * @example nameMatchScore("Jen-Hsun (Jensen) Huang", "Jensen Huang") // 1
 */
export function nameMatchScore(a: string, b: string): number {
  const x = parseName(a);
  const y = parseName(b);
  if (!x || !y) return 0;
  if (x.full === y.full) return 1;
  if (x.family !== y.family) return 0;
  const given = x.given.size === 0 || y.given.size === 0 ? 0.5 : sameGiven(x.given, y.given);
  if (given === 0) return 0;
  // Two different middle initials are two different people (John A. Smith vs John B. Smith).
  const mx = x.middle[0]?.[0];
  const my = y.middle[0]?.[0];
  if (mx && my && mx !== my) return Math.min(given, 0.4);
  return mx || my ? given * 0.97 : given;
}

/**
 * Whether a website person and a 10-K officer (or any two written names) are the same person.
 * @example sameperson("Peter J. Millones, Jr.", "Peter Millones") // true
 */
export function sameperson(a: string, b: string): boolean {
  return nameMatchScore(a, b) >= 0.75;
}
