import { isIP } from "node:net";

/**
 * Decides whether a resolved IP address may be connected to.
 * Returns `undefined` when allowed, else the reason, phrased to complete "<address> is …".
 */
export type AddressPolicy = (address: string) => string | undefined;

type Range4 = readonly [base: number, prefix: number, reason: string];

const ip4 = (a: number, b: number, c: number, d: number): number =>
  ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

const BLOCKED_V4: readonly Range4[] = [
  [ip4(0, 0, 0, 0), 8, 'a "this network" address'],
  [ip4(10, 0, 0, 0), 8, "a private address"],
  [ip4(100, 64, 0, 0), 10, "a carrier-grade NAT address"],
  [ip4(127, 0, 0, 0), 8, "a loopback address"],
  [ip4(169, 254, 169, 254), 32, "the cloud metadata address"],
  [ip4(169, 254, 0, 0), 16, "a link-local address"],
  [ip4(172, 16, 0, 0), 12, "a private address"],
  [ip4(192, 0, 0, 0), 24, "an IETF protocol assignment address"],
  [ip4(192, 0, 2, 0), 24, "a documentation address"],
  [ip4(192, 88, 99, 0), 24, "a reserved relay address"],
  [ip4(192, 168, 0, 0), 16, "a private address"],
  [ip4(198, 18, 0, 0), 15, "a benchmarking address"],
  [ip4(198, 51, 100, 0), 24, "a documentation address"],
  [ip4(203, 0, 113, 0), 24, "a documentation address"],
  [ip4(224, 0, 0, 0), 4, "a multicast address"],
  [ip4(240, 0, 0, 0), 4, "a reserved address"],
];

function parseV4(address: string): number | undefined {
  const parts = address.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  const [a = 0, b = 0, c = 0, d = 0] = parts;
  return ip4(a, b, c, d);
}

function v4Reason(value: number): string | undefined {
  for (const [base, prefix, reason] of BLOCKED_V4) {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    if ((value & mask) >>> 0 === base) return reason;
  }
  return undefined;
}

/** Expands an IPv6 address (with optional embedded IPv4 tail and zone id) to 8 16-bit groups. */
function parseV6(address: string): number[] | undefined {
  let text = address.replace(/^\[|\]$/g, "").split("%")[0] ?? "";
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail?.[1]) {
    const v4 = parseV4(tail[1]);
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, tail.index)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(":") : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest].map((g) =>
    Number.parseInt(g, 16),
  );
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : undefined;
}

function v6Reason(groups: number[]): string | undefined {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const embedded = ((g6 << 16) | g7) >>> 0;
  // IPv4-translated (::ffff:0:a.b.c.d, RFC 2765) reaches the IPv4 address it carries.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0xffff && g5 === 0) {
    return v4Reason(embedded) ?? "an IPv4-translated address";
  }
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0) {
    if (g5 === 0xffff) return v4Reason(embedded);
    if (g5 === 0 && g6 === 0 && g7 === 1) return "a loopback address";
    if (g5 === 0 && g6 === 0 && g7 === 0) return "an unspecified address";
    if (g5 === 0) return v4Reason(embedded) ?? "a deprecated IPv4-compatible address";
  }
  // NAT64 (64:ff9b::/96) would let a DNS answer smuggle any IPv4 target through a translator.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return v4Reason(embedded);
  // Local-use NAT64 (64:ff9b:1::/48, RFC 8215) translates into whatever network the operator chose.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return "a local-use NAT64 address";
  // Teredo (2001::/32) tunnels to an IPv4 server and an obfuscated IPv4 client; no website lives there.
  if (g0 === 0x2001 && g1 === 0) return "a Teredo tunnel address";
  if (
    g0 === 0xfd00 &&
    g1 === 0x0ec2 &&
    g2 === 0 &&
    g3 === 0 &&
    g4 === 0 &&
    g5 === 0 &&
    g6 === 0 &&
    g7 === 0x254
  ) {
    return "the cloud metadata address";
  }
  if ((g0 & 0xfe00) === 0xfc00) return "a private (unique local) address";
  if ((g0 & 0xffc0) === 0xfe80) return "a link-local address";
  if ((g0 & 0xffc0) === 0xfec0) return "a deprecated site-local address";
  if ((g0 & 0xff00) === 0xff00) return "a multicast address";
  // Only global unicast (2000::/3) reaches the public internet; whatever else gets assigned later is
  // refused until this list learns about it.
  if ((g0 & 0xe000) !== 0x2000) return "not a global unicast address (outside 2000::/3)";
  if (g0 === 0x2001 && g1 < 0x200) return "an IETF protocol assignment address";
  if (g0 === 0x2001 && g1 === 0x0db8) return "a documentation address";
  if (g0 === 0x3fff && (g1 & 0xf000) === 0) return "a documentation address";
  if (g0 === 0x2002) return v4Reason(((g1 << 16) | g2) >>> 0);
  return undefined;
}

/** Why the address may not be fetched from the public internet, or `undefined` when it is a public address. */
export function blockedReason(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, "");
  const [ip = "", zone] = bare.split("%");
  const family = isIP(ip);
  if (family === 4) {
    const v4 = parseV4(bare);
    return v4 === undefined ? "not a valid address" : v4Reason(v4);
  }
  if (family === 6) {
    const groups = parseV6(bare);
    if (!groups) return "not a valid address";
    // A zone id only means something for an address local to one network interface of this machine.
    return (
      v6Reason(groups) ?? (zone === undefined ? undefined : `an address scoped to the interface %${zone}`)
    );
  }
  return "not an IP address";
}

export type AddressPolicyOptions = {
  /** Allow every address, private ones included (local runs and tests only). */
  allowPrivateNetwork?: boolean;
  /** Addresses allowed in spite of the block list, e.g. exactly `127.0.0.1` for a test server. */
  allowedAddresses?: readonly string[];
};

/**
 * The address policy of the safe fetcher: public addresses only, unless private ones are opted into.
 * @example createAddressPolicy({ allowedAddresses: ["127.0.0.1"] }) // a loopback test server, [::1] and 10/8 still refused
 */
export function createAddressPolicy(options: AddressPolicyOptions = {}): AddressPolicy {
  const allowed = new Set(
    (options.allowedAddresses ?? []).map((a) => a.replace(/^\[|\]$/g, "").toLowerCase()),
  );
  return (address) => {
    if (options.allowPrivateNetwork) return undefined;
    if (allowed.has(address.replace(/^\[|\]$/g, "").toLowerCase())) return undefined;
    return blockedReason(address);
  };
}
