import { isComparable } from "./comparable-number";
import type { IgnoreCaseText } from "./ignore-case";
import type { Wildcard } from "./wildcard";

/** A JSON leaf of an event: what a field condition is tested against. */
export type Leaf = string | number | boolean | null;

/** One operator of a field's match list, other than exact values and `exists` (kept apart for speed). */
export interface ValueTest {
  matches(value: Leaf): boolean;
}

export class PrefixTest implements ValueTest {
  constructor(private readonly prefix: string) {}
  matches(value: Leaf): boolean {
    return typeof value === "string" && value.startsWith(this.prefix);
  }
}

export class SuffixTest implements ValueTest {
  constructor(private readonly suffix: string) {}
  matches(value: Leaf): boolean {
    return typeof value === "string" && value.endsWith(this.suffix);
  }
}

export class EqualsIgnoreCaseTest implements ValueTest {
  constructor(private readonly text: IgnoreCaseText) {}
  matches(value: Leaf): boolean {
    return typeof value === "string" && this.text.equals(value);
  }
}

export class PrefixIgnoreCaseTest implements ValueTest {
  constructor(private readonly text: IgnoreCaseText) {}
  matches(value: Leaf): boolean {
    return typeof value === "string" && this.text.isPrefixOf(value);
  }
}

export class SuffixIgnoreCaseTest implements ValueTest {
  constructor(private readonly text: IgnoreCaseText) {}
  matches(value: Leaf): boolean {
    return typeof value === "string" && this.text.isSuffixOf(value);
  }
}

export class WildcardTest implements ValueTest {
  constructor(private readonly wildcard: Wildcard) {}
  matches(value: Leaf): boolean {
    return typeof value === "string" && this.wildcard.matches(value);
  }
}

/** `numeric`: only event numbers EventBridge can compare (±5e9, six decimals) take part. */
export class NumericRangeTest implements ValueTest {
  constructor(
    private readonly low: number,
    private readonly lowOpen: boolean,
    private readonly high: number,
    private readonly highOpen: boolean,
  ) {}
  matches(value: Leaf): boolean {
    if (typeof value !== "number" || !isComparable(value)) return false;
    if (this.lowOpen ? value <= this.low : value < this.low) return false;
    return this.highOpen ? value < this.high : value <= this.high;
  }
}

/** `numeric` with `=`: numeric equality, so 3.0 equals 3, limited to comparable numbers. */
export class NumericEqualsTest implements ValueTest {
  constructor(private readonly number: number) {}
  matches(value: Leaf): boolean {
    return value === this.number && isComparable(value);
  }
}

/**
 * `anything-but` with strings: any leaf that is not one of the strings matches — numbers,
 * booleans and null included, as EventBridge compares them by their JSON text.
 */
export class AnythingButStringsTest implements ValueTest {
  constructor(private readonly strings: ReadonlySet<string>) {}
  matches(value: Leaf): boolean {
    return typeof value !== "string" || !this.strings.has(value);
  }
}

/** `anything-but` with numbers: any leaf that is not numerically one of them. */
export class AnythingButNumbersTest implements ValueTest {
  constructor(private readonly numbers: ReadonlySet<number>) {}
  matches(value: Leaf): boolean {
    return typeof value !== "number" || !this.numbers.has(value);
  }
}

/** `anything-but` with `prefix`, `suffix`, `wildcard` or `equals-ignore-case`: a string none of the tests accept, or a non-string. */
export class AnythingButTest implements ValueTest {
  constructor(private readonly excluded: readonly ValueTest[]) {}
  matches(value: Leaf): boolean {
    if (typeof value !== "string") return true;
    for (const test of this.excluded) if (test.matches(value)) return false;
    return true;
  }
}
