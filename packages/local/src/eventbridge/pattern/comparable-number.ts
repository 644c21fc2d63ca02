import { InvalidEventPatternError } from "./errors";

/** EventBridge compares numbers numerically only inside ±5e9 … */
const LIMIT = 5e9;
/** … and to six decimal places. */
const SCALE = 1e6;

/**
 * Whether EventBridge can compare `value` numerically: finite, within ±5,000,000,000 and with at
 * most six decimal places. Event values outside that never match a numeric operator.
 */
export function isComparable(value: number): boolean {
  if (!(value >= -LIMIT && value <= LIMIT)) return false;
  // Round-tripping through the scaled integer is exact for every six-decimal number in range
  // (|value| × 10^6 ≤ 5e15 < 2^53), so only values with more decimals fail it.
  return Math.round(value * SCALE) / SCALE === value;
}

/** A pattern number used by `numeric` or `anything-but`; refused, as AWS does, when not comparable. */
export function requireComparable(value: number): number {
  if (!(value >= -LIMIT && value <= LIMIT)) {
    throw new InvalidEventPatternError("Value must be between -5.0E9 and 5.0E9, inclusive");
  }
  if (!isComparable(value)) throw new InvalidEventPatternError("Only values upto 6 decimals are supported");
  return value;
}
