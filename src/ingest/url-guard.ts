import { lookup as dnsLookup } from "node:dns/promises";
import { describeNonPublicAddress, isIpLiteral } from "./ip-address.js";

/**
 * The untrusted-URL guard: a feed URL given by a Slack user must not make the bot fetch from
 * its own machine, the private network or a cloud metadata service (SSRF).
 *
 * Residual risk, by design: the check resolves the host name and then `fetch` resolves it again
 * when it connects, so a DNS server that answers differently the second time (DNS rebinding) can
 * slip past in that window. Pinning the connection to the checked address would need an undici
 * Agent with a custom `lookup` passed as fetch's `dispatcher`; undici is not a dependency of this
 * project and Node's global fetch does not expose it, so the window stays open. Each redirect
 * hop is checked again, and operators can keep untrusted feeds out entirely by not letting Slack
 * users add feeds.
 */

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
