import { lookup as dnsLookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

/**
 * The untrusted-URL guard: a feed URL given by a Slack user must not make the bot fetch from
 * its own machine, the private network or a cloud metadata service (SSRF). `checkFeedUrl` judges
 * a URL before each request (scheme, literal addresses, names that are local by definition, and
 * a first resolution that gives a clear refusal); the connection itself goes through
 * `createGuardedFetch` (guarded-fetch.ts), which checks the addresses it connects to, so a DNS
 * answer that changes between the two (DNS rebinding) cannot reach a private address.
 */

const METADATA_ADDRESSES = new Set(["169.254.169.254", "fd00:ec2::254"]);

/** ipaddr.js range names (its `range()`) in words; every range but "unicast" is refused. */
const RANGE_KINDS: Record<string, string> = {
  unspecified: "an unspecified address",
  loopback: "a loopback address",
  private: "a private address",
  uniqueLocal: "a private address",
  deprecatedSiteLocal: "a private address",
  linkLocal: "a link-local address",
  carrierGradeNat: "a carrier-grade NAT address",
  multicast: "a multicast address",
  teredo: "a Teredo tunnel address",
};

const LOCAL_NAT64 = ipaddr.IPv6.parseCIDR("64:ff9b:1::/48");
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR("::/96");

function describeRange(address: ipaddr.IPv4 | ipaddr.IPv6): string | null {
  if (METADATA_ADDRESSES.has(address.toString())) return "a cloud metadata address";
  const range = address.range();
  if (range === "unicast") return null;
  return RANGE_KINDS[range] ?? "a reserved address";
}

/** The IPv4 address an IPv6 one carries (mapped, translated, compatible, NAT64, 6to4), if any. */
function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const bytes = address.toByteArray();
  const range = address.range();
  const last = () => new ipaddr.IPv4(bytes.slice(12));
  if (range === "ipv4Mapped" || range === "rfc6145") return last();
  if (range === "rfc6052" && !address.match(LOCAL_NAT64)) return last();
  if (range === "6to4") return new ipaddr.IPv4(bytes.slice(2, 6));
  if (range === "unicast" && address.match(IPV4_COMPATIBLE)) return last();
  return null;
}

function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = text.replace(/^\[|\]$/g, "");
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  if (ipaddr.IPv6.isValid(bare)) return ipaddr.IPv6.parse(bare);
  return null;
}

/**
 * What kind of non-public address `ip` is ("a private address", "a loopback address", …), or
 * null when it is a public (global unicast) address. IPv4 inside IPv6 (mapped, translated,
 * NAT64, 6to4) is judged by its IPv4 part; local NAT64 and Teredo are refused outright, as their
 * IPv4 end cannot be judged here. Text that is not an IP address gives null.
 */
export function describeNonPublicAddress(ip: string): string | null {
  const address = parseAddress(ip);
  if (!address) return null;
  if (address.kind() === "ipv4") return describeRange(address);
  const inner = embeddedIpv4(address as ipaddr.IPv6);
  if (inner) return describeRange(inner);
  if (address.match(LOCAL_NAT64)) return "a local NAT64 address";
  return describeRange(address);
}

/** True when `text` is an IPv4 (dotted quad) or IPv6 address literal (brackets allowed). */
export function isIpLiteral(text: string): boolean {
  return parseAddress(text) !== null;
}

export interface LookupAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has (the shape of dns.promises.lookup with all: true). */
export type Lookup = (hostname: string) => Promise<LookupAddress[]>;

export type UrlCheck = { ok: true; url: string; addresses: string[] } | { ok: false; reason: string };

export interface UrlGuardOptions {
  /** DNS resolution; defaults to the system resolver. */
  lookup?: Lookup;
  /** FEED_ALLOW_PRIVATE: skip the address checks (the scheme is still checked). */
  allowPrivate?: boolean;
}

const HINT = "(set FEED_ALLOW_PRIVATE=true to allow)";

const METADATA_HOSTS = new Set(["metadata.google.internal", "metadata", "instance-data", "metadata.goog"]);

/** The system resolver, every address, in the order the OS gives them. */
export const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

function describeLookupError(hostname: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOTFOUND" || code === "ENODATA") return `could not resolve host ${hostname}: no such host`;
  if (typeof code === "string") return `could not resolve host ${hostname} (${code})`;
  return `could not resolve host ${hostname}: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Checks a URL before an untrusted feed is fetched from it (and again before each redirect is
 * followed): only http and https, and — unless `allowPrivate` — the host must not be, or resolve
 * to, a loopback, private, link-local, CGNAT, unspecified, multicast, reserved or cloud-metadata
 * address. Literal IPs (in any form the URL parser accepts: decimal, hex, IPv4-mapped IPv6) are
 * judged without DNS. Returns the reason in words when refused.
 */
export async function checkFeedUrl(url: string, options: UrlGuardOptions = {}): Promise<UrlCheck> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: `refused: "${url}" is not a valid URL` };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return { ok: false, reason: `refused: only http and https feeds are allowed, not ${parsed.protocol}` };
  }
  if (options.allowPrivate) return { ok: true, url: parsed.href, addresses: [] };

  const hostname = parsed.hostname.replace(/\.$/, "").toLowerCase();
  const bare = hostname.replace(/^\[|\]$/g, "");
  if (METADATA_HOSTS.has(hostname)) {
    return { ok: false, reason: `refused: ${hostname} is a cloud metadata service ${HINT}` };
  }
  if (hostname === "localhost" || hostname.endsWith(".localhost")) {
    return { ok: false, reason: `refused: ${hostname} is a loopback address ${HINT}` };
  }
  if (isIpLiteral(bare)) {
    const kind = describeNonPublicAddress(bare);
    if (kind) return { ok: false, reason: `refused: ${bare} is ${kind} ${HINT}` };
    return { ok: true, url: parsed.href, addresses: [bare] };
  }

  let addresses: LookupAddress[];
  try {
    addresses = await (options.lookup ?? systemLookup)(hostname);
  } catch (error) {
    return { ok: false, reason: describeLookupError(hostname, error) };
  }
  if (addresses.length === 0)
    return { ok: false, reason: `could not resolve host ${hostname}: no addresses` };
  for (const { address } of addresses) {
    const kind = describeNonPublicAddress(address);
    if (kind) return { ok: false, reason: `refused: ${hostname} resolves to ${kind} ${address} ${HINT}` };
  }
  return { ok: true, url: parsed.href, addresses: addresses.map((a) => a.address) };
}
