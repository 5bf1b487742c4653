/**
 * Classifies IP addresses for the untrusted-URL guard: which ones a feed fetched on behalf of a
 * Slack user must never reach (loopback, private, link-local, metadata, …).
 */

/** The four bytes of a dotted-quad IPv4 address, or null. */
export function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : Number.NaN));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : null;
}

/** The sixteen bytes of an IPv6 address (zone id, brackets and a dotted IPv4 tail allowed), or null. */
export function parseIpv6(text: string): number[] | null {
  let s = text.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!s.includes(":")) return null;
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(":");
  if (s.slice(lastColon + 1).includes(".")) {
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (!v4) return null;
    tail = v4;
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const toGroups = (part: string | undefined) => (part ? part.split(":") : []);
  const head = toGroups(halves[0]);
  const rest = toGroups(halves[1]);
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  const bytes: number[] = [];
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
    const value = Number.parseInt(group, 16);
    bytes.push(value >> 8, value & 0xff);
  }
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

function inPrefix(bytes: number[], prefix: number[], bits: number): boolean {
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if (((bytes[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

const V4_RANGES: [number[], number, string][] = [
  [[169, 254, 169, 254], 32, "a cloud metadata address"],
  [[0, 0, 0, 0], 8, "an unspecified address"],
  [[127, 0, 0, 0], 8, "a loopback address"],
  [[10, 0, 0, 0], 8, "a private address"],
  [[172, 16, 0, 0], 12, "a private address"],
  [[192, 168, 0, 0], 16, "a private address"],
  [[169, 254, 0, 0], 16, "a link-local address"],
  [[100, 64, 0, 0], 10, "a carrier-grade NAT address"],
  [[192, 0, 0, 0], 24, "a reserved address"],
  [[192, 0, 2, 0], 24, "a reserved address"],
  [[198, 18, 0, 0], 15, "a reserved address"],
  [[198, 51, 100, 0], 24, "a reserved address"],
  [[203, 0, 113, 0], 24, "a reserved address"],
  [[224, 0, 0, 0], 4, "a multicast address"],
  [[240, 0, 0, 0], 4, "a reserved address"],
];

const V6_RANGES: [number[], number, string][] = [
  [parseIpv6("fd00:ec2::254") ?? [], 128, "a cloud metadata address"],
  [parseIpv6("::") ?? [], 128, "an unspecified address"],
  [parseIpv6("::1") ?? [], 128, "a loopback address"],
  [parseIpv6("fc00::") ?? [], 7, "a private address"],
  [parseIpv6("fec0::") ?? [], 10, "a private address"],
  [parseIpv6("fe80::") ?? [], 10, "a link-local address"],
  [parseIpv6("ff00::") ?? [], 8, "a multicast address"],
  [parseIpv6("100::") ?? [], 64, "a reserved address"],
  [parseIpv6("2001:db8::") ?? [], 32, "a reserved address"],
  [parseIpv6("64:ff9b:1::") ?? [], 48, "a local NAT64 address"],
  [parseIpv6("2001::") ?? [], 32, "a Teredo tunnel address"],
];

function describeV4(bytes: number[]): string | null {
  for (const [prefix, bits, label] of V4_RANGES) if (inPrefix(bytes, prefix, bits)) return label;
  return null;
}

function embeddedV4(bytes: number[]): number[] | null {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  // ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (translated), ::a.b.c.d (compatible),
  // 64:ff9b::a.b.c.d (NAT64), 2002:aabb:ccdd:: (6to4)
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12);
  if (zeros(0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && zeros(10, 12)) return bytes.slice(12);
  if (zeros(0, 12) && !zeros(12, 16)) return bytes.slice(12);
  if (bytes[0] === 0 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) {
    return bytes.slice(12);
  }
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6);
  return null;
}

/**
 * What kind of non-public address `ip` is ("a private address", "a loopback address", …), or
 * null when it is a public address. IPv4 inside IPv6 (mapped, NAT64, 6to4) is judged by its IPv4
 * part. Text that is not an IP address gives null.
 */
export function describeNonPublicAddress(ip: string): string | null {
  const v4 = parseIpv4(ip);
  if (v4) return describeV4(v4);
  const v6 = parseIpv6(ip);
  if (!v6) return null;
  for (const [prefix, bits, label] of V6_RANGES) if (inPrefix(v6, prefix, bits)) return label;
  const inner = embeddedV4(v6);
  return inner ? describeV4(inner) : null;
}

/** True when `text` is an IPv4 or IPv6 address literal (brackets allowed). */
export function isIpLiteral(text: string): boolean {
  return parseIpv4(text) !== null || parseIpv6(text) !== null;
}
