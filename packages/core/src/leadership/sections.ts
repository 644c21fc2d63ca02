import { normalizeText } from "./normalize";

/** What a page section lists: corporate executives, the board, leaders of brands/subsidiaries, or no one we want. */
export type SectionKind = "executive" | "board" | "subsidiary" | "noise";

const rx = (...alternatives: string[]): RegExp => new RegExp(`(?:^| )(?:${alternatives.join("|")})(?: |$)`);

const NOISE = rx(
  "testimonials?",
  "what (?:our )?(?:clients|customers|partners|people) (?:say|are saying)",
  "news",
  "newsroom",
  "press(?: releases?)?",
  "in the media",
  "media",
  "blog",
  "events?",
  "careers?",
  "jobs",
  "awards?",
  "case stud(?:y|ies)",
  "contact(?: us)?",
  "our (?:clients|customers|partners)",
  "advisors?",
  "advisory(?: board| council)?",
  "latest",
  "stories",
  "insights",
  "podcasts?",
  "webinars?",
  "aktuelles",
  "presse",
  "actualites",
  "noticias",
  "temoignages",
  "testimonios",
);
const EXECUTIVE_BOARD = rx(
  "management board",
  "executive board",
  "executive committee",
  "operating committee",
  "vorstand",
  "der vorstand",
  "directoire",
  "raad van bestuur",
  "comite executif",
  "comite de direction",
  "comite de direccion",
  "comitato esecutivo",
);
const BOARD = rx(
  "board of directors",
  "board of trustees",
  "supervisory board",
  "board",
  "our board",
  "directors",
  "trustees",
  "aufsichtsrat",
  "conseil d administration",
  "conseil de surveillance",
  "consejo de administracion",
  "consiglio di amministrazione",
  "conselho de administracao",
  "raad van commissarissen",
  "取締役会",
);
const SUBSIDIARY = rx(
  "brands?",
  "brand leaders?",
  "subsidiar(?:y|ies)",
  "operating companies",
  "our companies",
  "portfolio companies",
  "group companies",
  "businesses",
  "marken",
  "tochtergesellschaften",
  "marques",
  "filiales",
  "marcas",
  "controladas",
);
const EXECUTIVE = rx(
  "leadership",
  "leaders",
  "management",
  "executives?",
  "officers",
  "team",
  "our people",
  "founders",
  "geschaftsleitung",
  "geschaftsfuhrung",
  "fuhrung",
  "fuhrungsteam",
  "unternehmensleitung",
  "direction(?: generale)?",
  "equipe dirigeante",
  "equipe de direction",
  "dirigeants",
  "equipo directivo",
  "alta direccion",
  "liderazgo",
  "direzione",
  "dirigenza",
  "top management",
  "directie",
  "bestuur",
  "diretoria(?: executiva)?",
  "lideranca",
  "経営陣",
  "役員",
  "執行役員",
  "経営体制",
);

/**
 * Classifies a section heading; `undefined` for headings that say nothing about who is listed.
 * Long headings are prose ("Get more information on our leaders and Board") and classify nothing.
 * @example classifySection("Booking Holdings Brand Leaders") // "subsidiary"
 */
export function classifySection(heading: string): SectionKind | undefined {
  const text = normalizeText(heading);
  if (text.length === 0 || text.split(" ").length > 7) return undefined;
  if (NOISE.test(text)) return "noise";
  if (EXECUTIVE_BOARD.test(text)) return "executive";
  if (BOARD.test(text)) return "board";
  if (SUBSIDIARY.test(text)) return "subsidiary";
  if (EXECUTIVE.test(text)) return "executive";
  return undefined;
}
