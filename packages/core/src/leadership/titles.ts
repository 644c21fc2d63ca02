import { normalizeText } from "./normalize";

/** Canonical roles a title maps to; the profile merge compares these, not the free-text titles. */
export const ROLES = [
  "CEO",
  "Deputy CEO",
  "President",
  "COO",
  "CFO",
  "CTO",
  "CIO",
  "CISO",
  "CMO",
  "CHRO",
  "CAO",
  "CRO",
  "CPO",
  "CCO",
  "CSO",
  "CDO",
  "General Counsel",
  "Chief Officer",
  "Executive Chair",
  "Chair",
  "Vice Chair",
  "Lead Director",
  "Director",
  "Executive Board Member",
  "Executive Officer",
  "EVP",
  "SVP",
  "VP",
  "Managing Director",
  "General Manager",
  "Head",
  "Founder",
  "Partner",
  "Secretary",
  "Treasurer",
  "Controller",
] as const;
export type Role = (typeof ROLES)[number];

const BOARD_ROLES: ReadonlySet<Role> = new Set(["Chair", "Vice Chair", "Lead Director", "Director"]);

type Entry = { pattern: RegExp; roles: Role[]; boardSeat?: boolean };

const words = (...alternatives: string[]): RegExp =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`, "gu");

// Most specific first: a later match inside the span of an earlier one is ignored, so "vice president"
// does not also count as "president" and "director financiero" not as a board "director".
const LEXICON: Entry[] = [
  {
    pattern: words("president directeur general", "presidente directrice generale", "pdg"),
    roles: ["CEO", "Chair"],
  },
  { pattern: words("代表取締役社長"), roles: ["CEO", "President"] },
  {
    pattern: words(
      "deputy ceo",
      "deputy chief executive(?: officer)?",
      "directeur general delegue",
      "directrice generale deleguee",
      "stellvertretender? vorstandsvorsitzender?",
      "stellvertretende vorsitzende des vorstands",
      "stellvertretender vorsitzender des vorstands",
    ),
    roles: ["Deputy CEO"],
  },
  {
    pattern: words(
      "chief executive officer",
      "chief executive",
      "ceo",
      "group ceo",
      "directeur general",
      "directrice generale",
      "director general",
      "directora general",
      "diretor geral",
      "diretora geral",
      "direttore generale",
      "direttrice generale",
      "consejero delegado",
      "consejera delegada",
      "amministratore delegato",
      "amministratrice delegata",
      "diretor presidente",
      "diretora presidente",
      "algemeen directeur",
      "algemeen directrice",
      "bestuursvoorzitter",
      "vorstandsvorsitzender?",
      "vorstandsvorsitzende",
      "vorsitzender? des vorstands",
      "vorsitzende der geschaftsfuhrung",
      "vorsitzender der geschaftsfuhrung",
      "最高経営責任者",
    ),
    roles: ["CEO"],
  },
  {
    pattern: words(
      "chief financial officer",
      "cfo",
      "finanzvorstand",
      "finanzvorstandin",
      "finanzchef(?:in)?",
      "chief finance officer",
      "directeur administratif et financier",
      "directrice administrative et financiere",
      "directeur financier",
      "directrice financiere",
      "daf",
      "director financiero",
      "directora financiera",
      "direttore finanziario",
      "direttrice finanziaria",
      "diretor financeiro",
      "diretora financeira",
      "financieel directeur",
      "最高財務責任者",
    ),
    roles: ["CFO"],
  },
  {
    pattern: words(
      "chief operating officer",
      "chief operations officer",
      "coo",
      "directeur des operations",
      "directrice des operations",
      "director de operaciones",
      "directora de operaciones",
      "direttore operativo",
      "diretor de operacoes",
      "operationeel directeur",
      "最高執行責任者",
    ),
    roles: ["COO"],
  },
  {
    pattern: words("chief information security officer", "chief security officer", "ciso"),
    roles: ["CISO"],
  },
  {
    pattern: words(
      "chief technology officer",
      "chief technical officer",
      "cto",
      "technikvorstand",
      "technischer vorstand",
      "directeur technique",
      "directrice technique",
      "director de tecnologia",
      "directora de tecnologia",
      "direttore tecnico",
      "diretor de tecnologia",
      "technisch directeur",
      "最高技術責任者",
    ),
    roles: ["CTO"],
  },
  {
    pattern: words(
      "chief information officer",
      "cio",
      "directeur des systemes d information",
      "directrice des systemes d information",
      "dsi",
      "director de sistemas(?: de informacion)?",
      "directora de sistemas(?: de informacion)?",
      "direttore dei sistemi informativi",
      "最高情報責任者",
    ),
    roles: ["CIO"],
  },
  {
    pattern: words(
      "chief marketing officer",
      "cmo",
      "directeur marketing",
      "directrice marketing",
      "director de marketing",
      "directora de marketing",
      "direttore marketing",
      "marketingvorstand",
    ),
    roles: ["CMO"],
  },
  {
    pattern: words(
      "chief human resources officer",
      "chief human resource officer",
      "chief people(?: and culture)? officer",
      "chief talent officer",
      "chief personnel officer",
      "chro",
      "personalvorstand",
      "personalvorstandin",
      "arbeitsdirektor(?:in)?",
      "directeur des ressources humaines",
      "directrice des ressources humaines",
      "drh",
      "director de recursos humanos",
      "directora de recursos humanos",
      "direttore delle risorse umane",
      "diretor de recursos humanos",
    ),
    roles: ["CHRO"],
  },
  {
    pattern: words(
      "chief accounting officer",
      "chief administrative officer",
      "chief administration officer",
      "cao",
    ),
    roles: ["CAO"],
  },
  { pattern: words("chief revenue officer", "chief risk officer", "cro"), roles: ["CRO"] },
  { pattern: words("chief product officer"), roles: ["CPO"] },
  {
    pattern: words(
      "chief commercial officer",
      "chief compliance officer",
      "chief communications officer",
      "chief customer officer",
      "cco",
    ),
    roles: ["CCO"],
  },
  { pattern: words("chief strategy officer", "chief sustainability officer"), roles: ["CSO"] },
  { pattern: words("chief digital officer", "chief data officer", "cdo"), roles: ["CDO"] },
  {
    pattern: words(
      "general counsel",
      "chief legal officer",
      "clo",
      "directeur juridique",
      "directrice juridique",
      "director juridico",
      "directora juridica",
      "direttore legale",
      "rechtsvorstand",
    ),
    roles: ["General Counsel"],
  },
  { pattern: words("chief [\\p{L} ]{2,40}? officer"), roles: ["Chief Officer"] },
  {
    pattern: words("executive chair(?:man|woman|person)?", "executive chair of the board"),
    roles: ["Executive Chair"],
  },
  {
    pattern: words(
      "vice chair(?:man|woman|person)?(?: of the board)?",
      "deputy chair(?:man|woman|person)?",
      "vice presidente? du conseil(?: d administration| de surveillance)?",
      "vicepresidente del consejo(?: de administracion)?",
      "stellvertretender? vorsitzender? des aufsichtsrats",
      "stellvertretende aufsichtsratsvorsitzende",
      "stellvertretender aufsichtsratsvorsitzender",
    ),
    roles: ["Vice Chair"],
    boardSeat: true,
  },
  {
    pattern: words(
      "chair(?:man|woman|person)?(?: of the board(?: of directors)?| of board)?",
      "presidente? du conseil(?: d administration| de surveillance)?",
      "presidente del consejo(?: de administracion)?",
      "presidente del consiglio di amministrazione",
      "presidente do conselho(?: de administracao)?",
      "aufsichtsratsvorsitzender?",
      "vorsitzender? des aufsichtsrats",
      "voorzitter van de raad van commissarissen",
      "取締役会長",
      "会長",
    ),
    roles: ["Chair"],
    boardSeat: true,
  },
  {
    pattern: words("lead independent director", "lead director", "presiding director"),
    roles: ["Lead Director"],
    boardSeat: true,
  },
  {
    pattern: words(
      "mitglied des vorstands",
      "vorstandsmitglied",
      "member of the (?:executive|management) board",
      "membre du directoire",
      "membre du comite executif",
      "lid van de raad van bestuur",
    ),
    roles: ["Executive Board Member"],
  },
  {
    pattern: words(
      "independent director",
      "non executive director",
      "nonexecutive director",
      "outside director",
      "board member",
      "member of the board(?: of directors)?",
      "administrateur(?: independant)?",
      "administratrice(?: independante)?",
      "consejero(?: independiente)?",
      "consejera(?: independiente)?",
      "consigliere",
      "consigliera",
      "conselheiro",
      "conselheira",
      "aufsichtsratsmitglied",
      "mitglied des aufsichtsrats",
      "commissaris",
      "trustee",
      "取締役",
    ),
    roles: ["Director"],
    boardSeat: true,
  },
  { pattern: words("executive vice president", "executive vice-president", "evp"), roles: ["EVP"] },
  { pattern: words("senior vice president", "svp"), roles: ["SVP"] },
  {
    pattern: words("vice president", "vp", "vicepresidente", "vice presidente", "vice presidente"),
    roles: ["VP"],
  },
  {
    pattern: words(
      "managing director",
      "geschaftsfuhrer(?:in)?",
      "geschaftsfuhrende[rn]? gesellschafter(?:in)?",
    ),
    roles: ["Managing Director"],
  },
  { pattern: words("general manager", "country manager"), roles: ["General Manager"] },
  // Japanese 執行役員 are printed in English as executive, corporate or operating officers.
  {
    pattern: words("executive officer", "corporate officer", "operating officer", "執行役員"),
    roles: ["Executive Officer"],
  },
  {
    pattern: words("president", "presidente", "prasident(?:in)?", "presidente", "社長"),
    roles: ["President"],
  },
  {
    pattern: words(
      "co founder",
      "cofounder",
      "founder",
      "fondateur",
      "fondatrice",
      "cofondateur",
      "cofondatrice",
      "fundador(?:a)?",
      "cofundador(?:a)?",
      "fondatore",
      "grunder(?:in)?",
      "mitgrunder(?:in)?",
      "oprichter",
      "創業者",
    ),
    roles: ["Founder"],
  },
  {
    pattern: words("managing partner", "general partner", "partner", "associe", "associee"),
    roles: ["Partner"],
  },
  {
    pattern: words(
      "corporate secretary",
      "company secretary",
      "secretary",
      "secretaire general",
      "secretaire generale",
      "secretario(?: general)?",
      "secretaria general",
    ),
    roles: ["Secretary"],
  },
  { pattern: words("treasurer", "tresorier", "tresoriere", "tesorero"), roles: ["Treasurer"] },
  { pattern: words("controller", "comptroller"), roles: ["Controller"] },
  {
    pattern: words(
      "head of",
      "global head",
      "leiter(?:in)?",
      "bereichsleiter(?:in)?",
      "responsable",
      "responsabile",
    ),
    roles: ["Head"],
  },
  {
    // Department directors and the "…and Director" of an executive who also sits on the board.
    pattern: words(
      "directeur",
      "directrice",
      "directora",
      "director",
      "direttore",
      "direttrice",
      "diretor(?:a)?",
      "direktor(?:in)?",
    ),
    roles: ["Director"],
  },
];

type RoleMatch = { roles: Role[]; boardSeat: boolean; start: number; end: number };
type TitleMatch = { normalized: string; matches: readonly RoleMatch[] };

// A page asks about the same short texts many times (is it a title? which roles? a board seat?),
// and every question runs the whole lexicon; answers are pure, so recent ones are kept.
const recentMatches = new Map<string, TitleMatch>();
const recentMatchesLimit = 4_096;

function matchTitle(title: string): TitleMatch {
  const known = recentMatches.get(title);
  if (known) return known;
  const matched = matchLexicon(title);
  if (recentMatches.size >= recentMatchesLimit) recentMatches.clear();
  recentMatches.set(title, matched);
  return matched;
}

function matchLexicon(title: string): TitleMatch {
  const normalized = normalizeText(title);
  const matches: RoleMatch[] = [];
  for (const entry of LEXICON) {
    for (const m of normalized.matchAll(entry.pattern)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (matches.some((taken) => start < taken.end && end > taken.start)) continue;
      matches.push({ roles: entry.roles, boardSeat: entry.boardSeat ?? false, start, end });
    }
  }
  return { normalized, matches };
}

/**
 * Canonical roles named by a job title, in any of the supported languages.
 * @example canonicalRoles("Executive Vice President and Chief Financial Officer") // ["EVP", "CFO"]
 */
export function canonicalRoles(title: string): Role[] {
  const { matches } = matchTitle(title);
  return [...new Set([...matches].sort((a, b) => a.start - b.start).flatMap((m) => m.roles))];
}

// A plain "Director" title is a board seat; "Director of Sales" or "Directeur juridique" are executive posts.
function isPlainDirector(title: string): boolean {
  return /^(?:a |an )?(?:director|directors|directeur|directrice|direktor(?:in)?)$/.test(
    normalizeText(title),
  );
}

/** True when the title names only board seats (chair, director, board member), no executive post. */
export function isBoardTitle(title: string): boolean {
  if (isPlainDirector(title)) return true;
  const { matches } = matchTitle(title);
  return matches.length > 0 && matches.every((m) => m.boardSeat && m.roles.every((r) => BOARD_ROLES.has(r)));
}

const SENTENCE_WORDS =
  /\b(?:has|have|had|is|was|were|joined|served|serves|serving|since|responsible|leads|led|prior|previously|before|after|where|who|will|been|holds|received|earned|graduated|oversees|during)\b/i;

/**
 * Whether a short text reads as a job title (a role from the lexicon, not a sentence from a bio).
 * @example isTitleLine("VP Front Office Operations") // true
 */
/**
 * A title printed over several lines (joined with " | " by the page reader) as one title: a line
 * ending in "and", "&", "of" or a comma runs on into the next, other lines are separate parts.
 * @example joinTitleLines("Chairman, President and | Chief Executive Officer") // "Chairman, President and Chief Executive Officer"
 */
export function joinTitleLines(text: string): string {
  return text
    .split(/\s*\|\s*/)
    .filter((part) => part.length > 0)
    .reduce((joined, part) => {
      if (joined === "") return part;
      return /(?:\band|&|\bof|\bfor|,)$/i.test(joined) ? `${joined} ${part}` : `${joined}, ${part}`;
    }, "");
}

export function isTitleLine(text: string): boolean {
  const trimmed = text.trim();
  // Japanese and divisional titles run long ("Corporate Officer / Chief Officer, Sales and Marketing, …").
  if (trimmed.length === 0 || trimmed.length > 200) return false;
  if (trimmed.split(/\s+/).length > 28) return false;
  if (SENTENCE_WORDS.test(trimmed)) return false;
  // A final period ends a sentence, unless it ends a legal form ("Inc.", "GK.", "Pty.").
  if (
    /[.!?]$/.test(trimmed) &&
    !/\b(?:inc|ltd|co|corp|jr|sr|s\.a|n\.v|b\.v|llc|lp|l\.p|plc|gk|kk|ag|gmbh|s\.p\.a|pte|pty)\.$/i.test(
      trimmed,
    )
  )
    return false;
  return canonicalRoles(trimmed).length > 0;
}
