import type { Leaf, ValueTest } from "./value-tests";

/** Outcome of scanning an event array: it had no candidates at all, or candidates that did not / did match. */
type Found = 0 | 1 | 2;
const NO_LEAF: Found = 0;
const NO_MATCH: Found = 1;
const MATCH: Found = 2;

/** The match list of one field path, e.g. `"state": ["running", {"prefix": "stop"}]`: any entry may match. */
export class FieldCondition {
  constructor(
    /** Exact strings, looked up in one step. */
    private readonly strings: ReadonlySet<string>,
    /** Exact numbers; 3.0 and 3 are the same JavaScript number. */
    private readonly numbers: ReadonlySet<number>,
    /** Exact true, false or null. */
    private readonly literals: ReadonlySet<boolean | null>,
    private readonly tests: readonly ValueTest[],
    /** `{"exists": true}` is in the list: any leaf value matches, null included. */
    private readonly anyValue: boolean,
    /** `{"exists": false}` is in the list: the field has no leaf value. */
    readonly matchesAbsent: boolean,
  ) {}

  /** Whether one leaf value of the field satisfies any entry of the list. */
  matchesLeaf(value: Leaf): boolean {
    if (this.anyValue) return true;
    if (typeof value === "string") {
      if (this.strings.has(value)) return true;
    } else if (typeof value === "number") {
      if (this.numbers.has(value)) return true;
    } else if (this.literals.has(value)) {
      return true;
    }
    const tests = this.tests;
    for (let i = 0; i < tests.length; i++) if ((tests[i] as ValueTest).matches(value)) return true;
    return false;
  }

  /**
   * Whether the event value of the field satisfies the list. Only leaves count: a field that is
   * missing, an object, or an array without leaves has no value, so only `exists: false` matches it;
   * an array matches when one of its leaves does.
   */
  matchesValue(value: unknown): boolean {
    if (value === null) return this.matchesLeaf(null);
    switch (typeof value) {
      case "string":
      case "number":
      case "boolean":
        return this.matchesLeaf(value);
      case "object":
        if (Array.isArray(value)) {
          const found = this.matchesArray(value);
          return found === NO_LEAF ? this.matchesAbsent : found === MATCH;
        }
        return this.matchesAbsent;
      default:
        return this.matchesAbsent;
    }
  }

  private matchesArray(values: readonly unknown[]): Found {
    let found: Found = NO_LEAF;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (Array.isArray(value)) {
        const inner = this.matchesArray(value);
        if (inner === MATCH) return MATCH;
        if (inner === NO_MATCH) found = NO_MATCH;
      } else if (value === null || typeof value !== "object") {
        if (this.matchesLeaf(value as Leaf)) return MATCH;
        found = NO_MATCH;
      }
    }
    return found;
  }
}

/**
 * One key of an object condition: a match list, a nested object condition, or both (an `$or`
 * branch can add nested keys under a key that also has a match list).
 */
export interface FieldRule {
  readonly key: string;
  /** The key is also an Object.prototype member, so only an own property counts. */
  readonly ownOnly: boolean;
  readonly field: FieldCondition | undefined;
  readonly object: ObjectCondition | undefined;
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * All keys of one pattern object must match the same event object. Nested objects inside event
 * arrays are matched element by element, so conditions never combine fields of different elements.
 */
export class ObjectCondition {
  /** Whether an event with no object here (missing, a leaf, an empty array) satisfies every key: only `exists: false` conditions. */
  readonly matchesAbsent: boolean;

  constructor(private readonly rules: readonly FieldRule[]) {
    this.matchesAbsent = rules.every(
      (rule) => (rule.field?.matchesAbsent ?? true) && (rule.object?.matchesAbsent ?? true),
    );
  }

  /** Whether a plain event object satisfies every key. */
  matchesObject(event: Record<string, unknown>): boolean {
    const rules = this.rules;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i] as FieldRule;
      const value = rule.ownOnly && !hasOwn.call(event, rule.key) ? undefined : event[rule.key];
      if (rule.field !== undefined && !rule.field.matchesValue(value)) return false;
      if (rule.object !== undefined && !rule.object.matchesValue(value)) return false;
    }
    return true;
  }

  /** Whether the event value at this condition's path satisfies it. */
  matchesValue(value: unknown): boolean {
    if (typeof value === "object" && value !== null) {
      if (!Array.isArray(value)) return this.matchesObject(value as Record<string, unknown>);
      const found = this.matchesArray(value);
      return found === NO_LEAF ? this.matchesAbsent : found === MATCH;
    }
    return this.matchesAbsent;
  }

  /** Objects of an array (nested arrays flattened) are the candidates; without any, the path is absent. */
  private matchesArray(values: readonly unknown[]): Found {
    let found: Found = NO_LEAF;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (typeof value !== "object" || value === null) continue;
      if (Array.isArray(value)) {
        const inner = this.matchesArray(value);
        if (inner === MATCH) return MATCH;
        if (inner === NO_MATCH) found = NO_MATCH;
      } else {
        if (this.matchesObject(value as Record<string, unknown>)) return MATCH;
        found = NO_MATCH;
      }
    }
    return found;
  }
}
