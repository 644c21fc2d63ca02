/**
 * Finds the ways a detail's current JSON Schema accepts less than the published one: a removed
 * field, a newly required field, a narrowed type, enum, bound, pattern or format. Publishers
 * built against the published schema would see their events refused by any of these.
 */
type Schema = Record<string, unknown>;

const lowerBounds = ["minLength", "minItems", "minimum", "exclusiveMinimum", "minProperties"] as const;
const upperBounds = ["maxLength", "maxItems", "maximum", "exclusiveMaximum", "maxProperties"] as const;

function types(schema: Schema): Set<string> {
  const type = schema.type;
  const listed = Array.isArray(type) ? type : type === undefined ? [] : [type];
  // An integer-only field that becomes a number is wider; the reverse is narrower.
  return new Set(listed.map(String));
}

export function narrowings(promised: unknown, current: unknown, at = "detail"): string[] {
  if (!promised || typeof promised !== "object") return [];
  if (!current || typeof current !== "object") return [`${at}: removed`];
  const before = promised as Schema;
  const after = current as Schema;
  const found: string[] = [];

  const typesBefore = types(before);
  const typesAfter = types(after);
  for (const type of typesBefore) {
    const widened = type === "integer" && typesAfter.has("number");
    if (typesAfter.size > 0 && !typesAfter.has(type) && !widened)
      found.push(`${at}: type ${type} no longer accepted`);
  }
  if (Array.isArray(before.enum)) {
    const allowed = new Set(Array.isArray(after.enum) ? after.enum : before.enum);
    for (const value of before.enum)
      if (!allowed.has(value)) found.push(`${at}: enum value ${JSON.stringify(value)} removed`);
  }
  for (const bound of lowerBounds) {
    const was = before[bound];
    const now = after[bound];
    if (typeof now === "number" && (typeof was !== "number" || now > was))
      found.push(`${at}: ${bound} raised to ${now}`);
  }
  for (const bound of upperBounds) {
    const was = before[bound];
    const now = after[bound];
    if (typeof now === "number" && (typeof was !== "number" || now < was))
      found.push(`${at}: ${bound} lowered to ${now}`);
  }
  for (const keyword of ["pattern", "format"] as const) {
    if (after[keyword] !== undefined && after[keyword] !== before[keyword])
      found.push(`${at}: ${keyword} ${JSON.stringify(after[keyword])} added`);
  }

  const requiredBefore = new Set((before.required as string[] | undefined) ?? []);
  for (const field of (after.required as string[] | undefined) ?? [])
    if (!requiredBefore.has(field)) found.push(`${at}.${field}: newly required`);

  const propertiesBefore = (before.properties ?? {}) as Record<string, unknown>;
  const propertiesAfter = (after.properties ?? {}) as Record<string, unknown>;
  for (const [key, child] of Object.entries(propertiesBefore))
    found.push(...narrowings(child, propertiesAfter[key], `${at}.${key}`));
  if (before.items) found.push(...narrowings(before.items, after.items, `${at}[]`));
  for (const combinator of ["anyOf", "oneOf"] as const) {
    const optionsBefore = (before[combinator] as unknown[] | undefined) ?? [];
    const optionsAfter = (after[combinator] as unknown[] | undefined) ?? [];
    optionsBefore.forEach((option, index) => {
      found.push(...narrowings(option, optionsAfter[index], `${at}<${combinator} ${index}>`));
    });
  }
  return found;
}
