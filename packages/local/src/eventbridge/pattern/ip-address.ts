import { InvalidEventPatternError } from "./errors";

// Only strings of these shapes are treated as IP addresses (anything else is a plain string,
// never a host name to resolve); dotted IPv6 forms such as ::ffff:1.2.3.4 fall outside both.
// Each is checked in one linear pass, after a length cap: an event value of any size costs at
// most a few dozen character tests (a backtracking shape once took 28 s on a 300 KB value).
const IPV4_SHAPE = /^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$/;
const IPV6_CHARACTERS = /^[0-9a-fA-F:]+$/;
const IPV4_MAX_LENGTH = 15;
/** Eight groups of four hex digits and seven colons. */
const IPV6_MAX_LENGTH = 39;
const HEX = "0123456789ABCDEF";

function looksLikeIpv4(text: string): boolean {
  return text.length <= IPV4_MAX_LENGTH && IPV4_SHAPE.test(text);
}

function looksLikeIpv6(text: string): boolean {
  return text.length <= IPV6_MAX_LENGTH && text.includes(":") && IPV6_CHARACTERS.test(text);
}

/** True when the string has the shape of an IPv4 or IPv6 literal (it may still be out of range). */
export function looksLikeIp(text: string): boolean {
  return looksLikeIpv4(text) || looksLikeIpv6(text);
}

function parseIpv4(text: string): number[] | undefined {
  const bytes = text.split(".").map(Number);
  return bytes.every((byte) => byte <= 255) ? bytes : undefined;
}

function parseIpv6Groups(part: string): number[] | undefined {
  if (part === "") return [];
  const groups: number[] = [];
  for (const group of part.split(":")) {
    if (group.length === 0 || group.length > 4) return undefined;
    groups.push(Number.parseInt(group, 16));
  }
  return groups;
}

function parseIpv6(text: string): number[] | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = parseIpv6Groups(halves[0] ?? "");
  const tail = halves.length === 2 ? parseIpv6Groups(halves[1] ?? "") : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = groups.flatMap((group) => [group >> 8, group & 0xff]);
  // An IPv4-mapped address (::ffff:a.b.c.d) is the IPv4 address, as Java's resolver has it.
  const mapped = bytes.slice(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

/** The address bytes (4 or 16) of an IPv4/IPv6 literal, or undefined when it is not one. */
export function parseIp(text: string): number[] | undefined {
  if (looksLikeIpv4(text)) return parseIpv4(text);
  if (looksLikeIpv6(text)) return parseIpv6(text);
  return undefined;
}

/** Fixed-width upper-case hex of address bytes: same-family addresses then order as strings do. */
export function toHex(bytes: readonly number[]): string {
  let hex = "";
  for (const byte of bytes) hex += HEX[byte >> 4] + (HEX[byte & 0xf] ?? "");
  return hex;
}

/** An inclusive range of addresses of one family, as fixed-width hex. */
export interface IpRange {
  readonly low: string;
  readonly high: string;
}

/** The range an exact IP string in a pattern stands for, so "::1" also matches "0:0:0:0:0:0:0:1". */
export function ipToRange(text: string): IpRange | undefined {
  if (!looksLikeIp(text)) return undefined;
  const bytes = parseIp(text);
  if (bytes === undefined) return undefined;
  const hex = toHex(bytes);
  return { low: hex, high: hex };
}

/** The range of a `cidr` operand: the address with all host bits cleared up to all host bits set. */
export function cidrToRange(cidr: string): IpRange {
  const parts = cidr.split("/");
  // Java's String.split drops trailing empty strings, so "10.0.0.0/" has a single part.
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  if (parts.length !== 2) throw new InvalidEventPatternError("Malformed CIDR, one '/' required");
  const [address = "", maskText = ""] = parts;
  // Java's Integer.parseInt: an optional sign, digits, and within 32 bits.
  if (!/^[+-]?[0-9]+$/.test(maskText) || Number(maskText) > 2 ** 31 - 1 || Number(maskText) < -(2 ** 31)) {
    throw new InvalidEventPatternError("Malformed CIDR, mask bits must be an integer");
  }
  const maskBits = Number(maskText);
  if (maskBits < 0) throw new InvalidEventPatternError("Malformed CIDR, mask bits must not be negative");
  if (!looksLikeIp(address)) throw new InvalidEventPatternError(`Nonstandard IP address: ${address}`);
  const bytes = parseIp(address);
  if (bytes === undefined) throw new InvalidEventPatternError(`Invalid IP address: ${address}`);
  if (bytes.length === 4 && maskBits > 31) throw new InvalidEventPatternError("IPv4 mask bits must be < 32");
  if (bytes.length === 16 && maskBits > 127)
    throw new InvalidEventPatternError("IPv6 mask bits must be < 128");
  const low = [...bytes];
  const high = [...bytes];
  let hostBits = bytes.length * 8 - maskBits;
  for (let i = bytes.length - 1; i >= 0 && hostBits > 0; i--, hostBits -= 8) {
    const hostMask = hostBits >= 8 ? 0xff : (1 << hostBits) - 1;
    low[i] = (bytes[i] ?? 0) & ~hostMask;
    high[i] = (bytes[i] ?? 0) | hostMask;
  }
  return { low: toHex(low), high: toHex(high) };
}
