import type { CheerioAPI } from "cheerio";
import { cleanText } from "./normalize";

export type JsonLdPerson = { name: string; title: string; organization?: string };
export type JsonLdFindings = { people: JsonLdPerson[]; organization?: string };

type Json = unknown;

const typesOf = (value: Record<string, Json>): string[] => {
  const type = value["@type"];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === "string");
};

const textValue = (value: Json): string | undefined => {
  if (typeof value === "string") return cleanText(value) || undefined;
  if (Array.isArray(value)) return value.map(textValue).filter(Boolean).join(", ") || undefined;
  if (value && typeof value === "object") return textValue((value as Record<string, Json>).name);
  return undefined;
};

const ORGANIZATION_TYPES = /Organization|Corporation|Company|LocalBusiness|NGO/;
const PEOPLE_KEYS: Record<string, string> = {
  employee: "",
  employees: "",
  member: "",
  members: "",
  founder: "Founder",
  founders: "Founder",
  ceo: "Chief Executive Officer",
};

/**
 * Reads schema.org JSON-LD: every `Person` anywhere in the graph, and the people an `Organization` lists as
 * `employee`, `member` or `founder` (founders without a job title get "Founder").
 */
export function readJsonLd($: CheerioAPI): JsonLdFindings {
  const people: JsonLdPerson[] = [];
  let organization: string | undefined;

  const visit = (value: Json, hint: string, employer: string | undefined, depth: number): void => {
    if (depth > 12 || !value || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, hint, employer, depth + 1);
      return;
    }
    const node = value as Record<string, Json>;
    const types = typesOf(node);
    if (types.includes("Person")) {
      const name =
        textValue(node.name) ??
        [textValue(node.givenName), textValue(node.familyName)].filter(Boolean).join(" ");
      if (name) {
        const title = textValue(node.jobTitle) ?? textValue(node.hasOccupation) ?? hint;
        people.push({ name, title, organization: textValue(node.worksFor) ?? employer });
      }
      return;
    }
    const isOrganization = types.some((t) => ORGANIZATION_TYPES.test(t));
    const orgName = isOrganization ? textValue(node.name) : undefined;
    if (orgName && depth <= 2) organization ??= orgName;
    for (const [key, child] of Object.entries(node)) {
      if (key === "@context" || key === "@type") continue;
      const personHint = PEOPLE_KEYS[key];
      visit(child, personHint ?? "", isOrganization ? orgName : employer, depth + 1);
    }
  };

  $('script[type="application/ld+json"]').each((_, script) => {
    try {
      visit(JSON.parse($(script).text()), "", undefined, 0);
    } catch {
      // A broken JSON-LD block is common on real sites; the page structure still gets read.
    }
  });
  return { people, organization };
}
