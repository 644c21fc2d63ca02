import { type IpRange, looksLikeIp, parseIp, toHex } from "./ip-address";
import type { Leaf, ValueTest } from "./value-tests";

/**
 * `cidr` operands and exact IP strings of one field: an event string that is an IP literal
 * matches when its address lies in one of the ranges, whatever its spelling ("::1" or "0::1").
 */
export class IpRangesTest implements ValueTest {
  constructor(private readonly ranges: readonly IpRange[]) {}

  matches(value: Leaf): boolean {
    if (typeof value !== "string" || !looksLikeIp(value)) return false;
    const bytes = parseIp(value);
    if (bytes === undefined) return false;
    const hex = toHex(bytes);
    for (const range of this.ranges) {
      if (hex.length === range.low.length && hex >= range.low && hex <= range.high) return true;
    }
    return false;
  }
}
