import { type FieldCondition, type FieldRule, ObjectCondition } from "./conditions";
import { withDottedKeysExpanded } from "./dotted-paths";
import { InvalidEventPatternError } from "./errors";
import { isPlainObject, parseMatchList } from "./parse-match-list";

/** A pattern validated and compiled once, to be evaluated against many events. */
export interface CompiledPattern {
  /** Whether the event (a parsed JSON object) matches the pattern. */
  matches(event: unknown): boolean;
  /**
   * The same, for an event whose dotted keys are already expanded
   * ({@link withDottedKeysExpanded}): a bus expands each event once for all its rules.
   */
  matchesExpanded(event: unknown): boolean;
}

/** `$or` multiplies alternatives; past this many the pattern is refused rather than evaluated slowly. */
export const MAX_ALTERNATIVES = 1000;

const OR = "$or";

// Operator names cannot be field names inside $or, where a typo would otherwise pass silently.
const RESERVED_IN_OR = new Set([
  "exactly",
  "equals-ignore-case",
  "prefix",
  "suffix",
  "anything-but",
  "exists",
  "wildcard",
  "numeric",
  "cidr",
  "html",
  "=",
  "<",
  "<=",
  ">",
  ">=",
  "regex",
  "not-wildcard",
  "not-equals-ignore-case",
  "date-after",
  "date-on-or-after",
  "date-before",
  "date-on-or-before",
  "in-date-range",
  "ip-address-in-range",
  "ip-address-not-in-range",
]);

interface PathCondition {
  readonly path: readonly string[];
  readonly field: FieldCondition;
}

/**
 * One alternative of the pattern: a condition per field path. Keyed by path so that, as in
 * EventBridge, a path written again later in the pattern (for example inside `$or`) replaces
 * the earlier condition.
 */
type Alternative = Map<string, PathCondition>;

function fail(reason: string): never {
  throw new InvalidEventPatternError(reason);
}

function parseObject(
  alternatives: Alternative[],
  path: readonly string[],
  pattern: object,
  insideOr: boolean,
): void {
  const keys = Object.keys(pattern);
  if (keys.length === 0) fail("Empty objects are not allowed");
  for (const key of keys) {
    const value = (pattern as Record<string, unknown>)[key];
    if (key === OR) {
      parseOr(alternatives, path, value);
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key))
      fail(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
    // EventBridge joins field names with ".": {"a.b": …} and {"a": {"b": …}} name one field.
    const keyPath = key.split(".");
    if (isPlainObject(value)) {
      parseObject(alternatives, [...path, ...keyPath], value, insideOr);
    } else if (Array.isArray(value)) {
      const fieldPath = [...path, ...keyPath];
      const field = parseMatchList(value);
      if (alternatives.length === 0) alternatives.push(new Map());
      for (const alternative of alternatives)
        alternative.set(JSON.stringify(fieldPath), { path: fieldPath, field });
    } else {
      fail(`"${key}" must be an object or an array`);
    }
  }
}

/** Every object of an `$or` list forks the alternatives built so far. */
function parseOr(alternatives: Alternative[], path: readonly string[], branches: unknown): void {
  if (!Array.isArray(branches)) fail("It must be an Array followed with $or.");
  const before = alternatives.splice(0);
  for (const branch of branches) {
    if (!isPlainObject(branch)) fail("Only JSON object is allowed in array of $or relationship.");
    const forked = before.length === 0 ? [new Map()] : before.map((alternative) => new Map(alternative));
    parseObject(forked, path, branch as object, true);
    alternatives.push(...forked);
    if (alternatives.length > MAX_ALTERNATIVES) {
      fail(
        `The pattern expands to more than ${MAX_ALTERNATIVES} alternatives; use fewer or smaller $or lists`,
      );
    }
  }
  if (branches.length < 2) fail("There must have at least 2 Objects in $or relationship.");
}

/** Rebuilds the nested object conditions of one alternative from its field paths. */
function buildObject(conditions: readonly PathCondition[], depth: number): ObjectCondition {
  const byKey = new Map<string, PathCondition[]>();
  for (const condition of conditions) {
    const key = condition.path[depth] as string;
    const group = byKey.get(key);
    if (group) group.push(condition);
    else byKey.set(key, [condition]);
  }
  const rules: FieldRule[] = [];
  for (const [key, group] of byKey) {
    const leaf = group.find((condition) => condition.path.length === depth + 1);
    const nested = group.filter((condition) => condition.path.length > depth + 1);
    rules.push({
      key,
      ownOnly: key in Object.prototype,
      field: leaf?.field,
      object: nested.length > 0 ? buildObject(nested, depth + 1) : undefined,
    });
  }
  return new ObjectCondition(rules);
}

class SingleAlternativePattern implements CompiledPattern {
  constructor(private readonly root: ObjectCondition) {}
  matches(event: unknown): boolean {
    return this.matchesExpanded(withDottedKeysExpanded(event));
  }
  matchesExpanded(event: unknown): boolean {
    return isPlainObject(event) && this.root.matchesObject(event);
  }
}

class AnyAlternativePattern implements CompiledPattern {
  constructor(private readonly roots: readonly ObjectCondition[]) {}
  matches(event: unknown): boolean {
    return this.matchesExpanded(withDottedKeysExpanded(event));
  }
  matchesExpanded(event: unknown): boolean {
    if (!isPlainObject(event)) return false;
    const roots = this.roots;
    for (let i = 0; i < roots.length; i++)
      if ((roots[i] as ObjectCondition).matchesObject(event)) return true;
    return false;
  }
}

function parsePatternJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail(`Filter is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Validates an EventBridge event pattern and compiles it for fast repeated matching.
 * Throws {@link InvalidEventPatternError} with the reason AWS would give when the pattern is invalid.
 *
 * @param pattern the pattern as parsed JSON, or as a JSON string
 * @example
 * const pattern = compilePattern({ source: ["dossier.sec"], detail: { status: ["succeeded"] } });
 * pattern.matches({ source: "dossier.sec", detail: { status: "succeeded" } }); // true
 */
export function compilePattern(pattern: unknown): CompiledPattern {
  const parsed = typeof pattern === "string" ? parsePatternJson(pattern) : pattern;
  if (!isPlainObject(parsed)) return fail("Filter is not an object");
  const alternatives: Alternative[] = [];
  parseObject(alternatives, [], parsed, false);
  const roots = alternatives.map((alternative) => buildObject([...alternative.values()], 0));
  return roots.length === 1
    ? new SingleAlternativePattern(roots[0] as ObjectCondition)
    : new AnyAlternativePattern(roots);
}
