import type { LookupAddress as DnsLookupAddress, LookupOptions } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { Agent, buildConnector, fetch as undiciFetch } from "undici";
import { describeNonPublicAddress, type Lookup, systemLookup } from "./url-guard.js";

/**
 * The HTTP client for untrusted (Slack-added) feeds: undici's fetch over an `Agent` whose
 * `connect.lookup` resolves the host, refuses when any answer is not a public address, and hands
 * only the addresses it checked to the socket (a host written as an address is checked the same
 * way before connecting, as no lookup happens for it). The address checked is the address connected to,
 * so a DNS server that answers a public address to the URL guard and 127.0.0.1 to the connection
 * (DNS rebinding) gets a refusal, not a request. Every request of a fetch, redirects included
 * (fetchFeed follows them by hand through the same function), goes through this one agent.
 */

/** The `code` of the error a refused connection fails with; its message is the reason in words. */
export const ADDRESS_REFUSED = "ERR_FEED_ADDRESS_REFUSED";

const HINT = "(set FEED_ALLOW_PRIVATE=true to allow)";

class AddressRefusedError extends Error {
  readonly code = ADDRESS_REFUSED;
}

/** Which addresses are refused, in words ("a loopback address"), or null for a public one. */
export type DescribeAddress = (address: string) => string | null;

export interface GuardedFetchOptions {
  /** DNS resolution; the system resolver by default. Tests pass a stub. */
  lookup?: Lookup;
  /**
   * The address policy; describeNonPublicAddress (every non-public range refused) by default.
   * Tests let the IPv6 loopback stand in for a public server, as no public one can run there.
   */
  describeAddress?: DescribeAddress;
}

export interface GuardedFetch {
  fetch: typeof fetch;
  /** Closes the agent's pooled connections (on shutdown). */
  close(): Promise<void>;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | DnsLookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for net.connect / tls.connect that resolves with `lookup`, refuses the host when any
 * of its addresses is not public, and otherwise answers only with those checked addresses.
 */
export function createCheckedLookup(
  lookup: Lookup,
  describeAddress: DescribeAddress = describeNonPublicAddress,
): LookupFunction {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    lookup(hostname).then(
      (answers) => {
        for (const { address } of answers) {
          const kind = describeAddress(address);
          if (kind) {
            const reason = `refused: ${hostname} resolves to ${kind} ${address} ${HINT}`;
            callback(new AddressRefusedError(reason), "");
            return;
          }
        }
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = answers.filter((a) => family === 0 || a.family === family);
        const first = usable[0];
        if (!first) {
          const error: NodeJS.ErrnoException = new Error(`could not resolve host ${hostname}: no addresses`);
          error.code = "ENOTFOUND";
          callback(error, "");
          return;
        }
        if (options.all) callback(null, usable);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };
}

/** A fetch whose connections go only to checked, public addresses (see the module comment). */
export function createGuardedFetch(options: GuardedFetchOptions = {}): GuardedFetch {
  const describeAddress = options.describeAddress ?? describeNonPublicAddress;
  const connectChecked = buildConnector({
    lookup: createCheckedLookup(options.lookup ?? systemLookup, describeAddress),
  });
  const agent = new Agent({
    connect(connectOptions, callback) {
      const host = connectOptions.hostname.replace(/^\[|\]$/g, "");
      const kind = isIP(host) ? describeAddress(host) : null;
      if (kind) callback(new AddressRefusedError(`refused: ${host} is ${kind} ${HINT}`), null);
      else connectChecked(connectOptions, callback);
    },
  });
  const guarded = (input: string | URL | Request, init?: RequestInit) => {
    if (typeof input !== "string" && !(input instanceof URL)) {
      return Promise.reject(new TypeError("the guarded fetch takes a URL, not a Request"));
    }
    return undiciFetch(input, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: agent });
  };
  return {
    fetch: guarded as unknown as typeof fetch,
    close: () => agent.close(),
  };
}
