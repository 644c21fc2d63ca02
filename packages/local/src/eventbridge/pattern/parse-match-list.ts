import { requireComparable } from "./comparable-number";
import { FieldCondition } from "./conditions";
import { InvalidEventPatternError } from "./errors";
import { IgnoreCaseText } from "./ignore-case";
import { cidrToRange, type IpRange, ipToRange } from "./ip-address";
import { IpRangesTest } from "./ip-test";
import {
  AnythingButNumbersTest,
  AnythingButStringsTest,
  AnythingButTest,
  EqualsIgnoreCaseTest,
  NumericEqualsTest,
  NumericRangeTest,
  PrefixIgnoreCaseTest,
  PrefixTest,
  SuffixIgnoreCaseTest,
  SuffixTest,
  type ValueTest,
  WildcardTest,
} from "./value-tests";
import { Wildcard } from "./wildcard";

const LIMIT = 5e9;

function fail(reason: string): never {
  throw new InvalidEventPatternError(reason);
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** How the pattern spelled a value, for error messages that quote it. */
const spell = (value: unknown): string => (value === undefined ? "]" : JSON.stringify(value));

/** What the entries of one match list add up to, before it is frozen into a FieldCondition. */
class MatchList {
  readonly strings = new Set<string>();
  readonly numbers = new Set<number>();
  readonly literals = new Set<boolean | null>();
  readonly tests: ValueTest[] = [];
  readonly ipRanges: IpRange[] = [];
  anyValue = false;
  absent = false;

  build(): FieldCondition {
    const tests = this.ipRanges.length > 0 ? [...this.tests, new IpRangesTest(this.ipRanges)] : this.tests;
    return new FieldCondition(this.strings, this.numbers, this.literals, tests, this.anyValue, this.absent);
  }
}

/** Compiles a field's match list (`["a", 1, {"prefix": "b"}]`) into a condition, validating each entry. */
export function parseMatchList(entries: readonly unknown[]): FieldCondition {
  if (entries.length === 0) fail("Empty arrays are not allowed");
  const list = new MatchList();
  for (const entry of entries) {
    if (typeof entry === "string") {
      // An IP address in a pattern is matched as an address, so every spelling of it matches.
      const range = ipToRange(entry);
      if (range) list.ipRanges.push(range);
      else list.strings.add(entry);
    } else if (typeof entry === "number") {
      list.numbers.add(entry);
    } else if (typeof entry === "boolean" || entry === null) {
      list.literals.add(entry);
    } else if (isPlainObject(entry)) {
      parseMatchExpression(entry, list);
    } else {
      fail("Match value must be String, number, true, false, or null");
    }
  }
  return list.build();
}

/** The single operator of a match expression object, and whether the object had other keys. */
function operatorOf(expression: Record<string, unknown>, missing: string): [string, unknown, boolean] {
  const keys = Object.keys(expression);
  const name = keys[0] ?? fail(missing);
  return [name, expression[name], keys.length > 1];
}

const onlyOneKey = (extra: boolean): void => {
  if (extra) fail("Only one key allowed in match expression");
};

const tooManyElements = (extra: boolean): void => {
  if (extra) fail("Too many elements in numeric expression");
};

function requireString(value: unknown, message: string): string {
  return typeof value === "string" ? value : fail(message);
}

function parseMatchExpression(expression: Record<string, unknown>, list: MatchList): void {
  const [name, operand, extra] = operatorOf(expression, "Match expression name not found");
  switch (name) {
    case "prefix":
    case "suffix": {
      const isPrefix = name === "prefix";
      if (isPlainObject(operand)) {
        const label = isPrefix ? "Prefix" : "Suffix";
        const [inner, text, innerExtra] = operatorOf(operand, `${label} expression name not found`);
        if (inner !== "equals-ignore-case") fail(`Unsupported ${name} pattern: ${inner}`);
        const ignoreCase = new IgnoreCaseText(
          requireString(text, "equals-ignore-case match pattern must be a string"),
        );
        onlyOneKey(innerExtra);
        onlyOneKey(extra);
        list.tests.push(
          isPrefix ? new PrefixIgnoreCaseTest(ignoreCase) : new SuffixIgnoreCaseTest(ignoreCase),
        );
        return;
      }
      const text = requireString(operand, `${name} match pattern must be a string`);
      onlyOneKey(extra);
      list.tests.push(isPrefix ? new PrefixTest(text) : new SuffixTest(text));
      return;
    }
    case "equals-ignore-case": {
      const text = requireString(operand, "equals-ignore-case match pattern must be a string");
      onlyOneKey(extra);
      list.tests.push(new EqualsIgnoreCaseTest(new IgnoreCaseText(text)));
      return;
    }
    case "wildcard": {
      const wildcard = new Wildcard(requireString(operand, "wildcard match pattern must be a string"));
      onlyOneKey(extra);
      list.tests.push(new WildcardTest(wildcard));
      return;
    }
    case "cidr": {
      const range = cidrToRange(requireString(operand, "cidr match pattern must be a string"));
      onlyOneKey(extra);
      list.ipRanges.push(range);
      return;
    }
    case "exists": {
      if (typeof operand !== "boolean") fail("exists match pattern must be either true or false.");
      onlyOneKey(extra);
      if (operand) list.anyValue = true;
      else list.absent = true;
      return;
    }
    case "numeric": {
      if (!Array.isArray(operand)) fail("Value of numeric must be an array.");
      list.tests.push(parseNumeric(operand as unknown[]));
      tooManyElements(extra);
      return;
    }
    case "anything-but": {
      list.tests.push(parseAnythingBut(operand));
      tooManyElements(extra);
      return;
    }
    default:
      fail(`Unrecognized match type ${name}`);
  }
}

const requireNumber = (value: unknown, operator: string): number =>
  typeof value === "number" ? value : fail(`Value of ${operator} must be numeric`);

function range(low: number, lowOpen: boolean, high: number, highOpen: boolean): NumericRangeTest {
  if (low >= high) fail("Bottom must be less than top");
  return new NumericRangeTest(requireComparable(low), lowOpen, requireComparable(high), highOpen);
}

/** `["=", 3]`, `[">", 0]`, `[">=", 0, "<", 10]`, `["<=", 5]`: a lower bound may be followed by an upper one, not the reverse. */
function parseNumeric(terms: readonly unknown[]): ValueTest {
  const [operator, value] = terms;
  if (typeof operator !== "string") return fail(`Invalid member in numeric match: ${spell(operator)}`);
  switch (operator) {
    case "=": {
      const number = requireComparable(requireNumber(value, "equals"));
      tooManyElements(terms.length > 2);
      return new NumericEqualsTest(number);
    }
    case "<":
    case "<=": {
      const top = requireNumber(value, operator);
      tooManyElements(terms.length > 2);
      return range(-LIMIT, false, top, operator === "<");
    }
    case ">":
    case ">=": {
      const bottom = requireNumber(value, operator);
      const lowOpen = operator === ">";
      if (terms.length === 2) return range(bottom, lowOpen, LIMIT, false);
      const upper = terms[2];
      if (typeof upper !== "string") return fail(`Bad value in numeric range: ${spell(upper)}`);
      if (upper !== "<" && upper !== "<=") return fail(`Bad numeric range operator: ${upper}`);
      const top = requireNumber(terms[3], upper);
      if (terms.length > 4) fail("Too many terms in numeric range expression");
      return range(bottom, lowOpen, top, upper === "<");
    }
    default:
      return fail(`Unrecognized numeric range operator: ${operator}`);
  }
}

const ANYTHING_BUT_VALUE = "Value of anything-but must be an array or single string/number value.";

function parseAnythingBut(operand: unknown): ValueTest {
  if (isPlainObject(operand)) return parseAnythingButOperator(operand);
  if (typeof operand === "string") return new AnythingButStringsTest(new Set([operand]));
  if (typeof operand === "number") return new AnythingButNumbersTest(new Set([requireComparable(operand)]));
  if (!Array.isArray(operand)) return fail(ANYTHING_BUT_VALUE);
  const strings = new Set<string>();
  const numbers = new Set<number>();
  for (const value of operand) {
    if (typeof value === "string") strings.add(value);
    else if (typeof value === "number") numbers.add(requireComparable(value));
    else fail("Inside anything but list, start|null|boolean is not supported.");
  }
  if (strings.size > 0 === numbers.size > 0) {
    fail("Inside anything but list, either all values are number or string, mixed type is not supported");
  }
  return strings.size > 0 ? new AnythingButStringsTest(strings) : new AnythingButNumbersTest(numbers);
}

/** `{"anything-but": {"prefix" | "suffix" | "wildcard" | "equals-ignore-case": value or list}}`. */
function parseAnythingButOperator(operand: Record<string, unknown>): ValueTest {
  const [name, values, extra] = operatorOf(operand, "Anything-But expression name not found");
  let build: (text: string) => ValueTest;
  let typeError: string;
  switch (name) {
    case "prefix":
    case "suffix":
      build = (text) => {
        if (text === "") fail("Null prefix/suffix not allowed");
        return name === "prefix" ? new PrefixTest(text) : new SuffixTest(text);
      };
      typeError = "prefix/suffix match pattern must be a string";
      break;
    case "wildcard":
      build = (text) => new WildcardTest(new Wildcard(text));
      typeError = "wildcard match pattern must be a string";
      break;
    case "equals-ignore-case":
      build = (text) => new EqualsIgnoreCaseTest(new IgnoreCaseText(text));
      typeError = "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.";
      break;
    default:
      return fail(`Unsupported anything-but pattern: ${name}`);
  }
  if (!Array.isArray(values) && typeof values !== "string" && typeof values !== "number")
    fail(ANYTHING_BUT_VALUE);
  const list: readonly unknown[] = Array.isArray(values) ? values : [values];
  const excluded = list.map((value) => build(typeof value === "string" ? value : fail(typeError)));
  tooManyElements(extra);
  return new AnythingButTest(excluded);
}
