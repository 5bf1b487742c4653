import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FetchFeedResult, fetchFeed } from "../../src/ingest/fetch-feed.js";
import {
  createCheckedLookup,
  createGuardedFetch,
  type GuardedFetch,
} from "../../src/ingest/guarded-fetch.js";
import { checkFeedUrl, describeNonPublicAddress, type Lookup } from "../../src/ingest/url-guard.js";
import { type FeedServer, startFeedServer } from "../support/feed-server.js";

const RSS = readFileSync(new URL("../fixtures/feeds/rss2.xml", import.meta.url));
const PUBLIC = "93.184.216.34";

/** A stub DNS server: each host answers its list of answers in turn, the last one from then on. */
function stubResolver(answers: Record<string, string[][]>) {
  const asked: string[] = [];
  const lookup: Lookup = async (hostname) => {
    const turns = answers[hostname];
    if (!turns) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    const turn = turns[Math.min(asked.filter((h) => h === hostname).length, turns.length - 1)] ?? [];
    asked.push(hostname);
    return turn.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { lookup, asked };
}

function reasonOf(result: FetchFeedResult): string {
  return result.ok ? `ok ${result.status}` : result.reason;
}

let loopback: FeedServer;
let guarded: GuardedFetch | undefined;

beforeEach(async () => {
  loopback = await startFeedServer({ "/rss": { body: RSS } });
});

afterEach(async () => {
  await guarded?.close();
  guarded = undefined;
  await loopback.close();
});

const port = (server: FeedServer) => new URL(server.origin).port;

describe("DNS rebinding against the guarded fetch", () => {
  it("refuses a host that answers a public address to the check and 127.0.0.1 to the connection", async () => {
    const dns = stubResolver({ "rebind.example": [[PUBLIC], ["127.0.0.1"]] });
    guarded = createGuardedFetch({ lookup: dns.lookup });
    const result = await fetchFeed(`http://rebind.example:${port(loopback)}/rss`, {
      fetch: guarded.fetch,
      checkUrl: (url) => checkFeedUrl(url, { lookup: dns.lookup }),
    });
    expect(reasonOf(result)).toBe(
      "refused: rebind.example resolves to a loopback address 127.0.0.1 (set FEED_ALLOW_PRIVATE=true to allow)",
    );
    expect(dns.asked).toEqual(["rebind.example", "rebind.example"]);
    expect(loopback.log).toEqual([]);
  });

  it("sends every redirect through the same agent, which refuses the rebinding hop", async () => {
    // No public server can run here, so one on the IPv6 loopback stands in for it.
    const outside = await startFeedServer(
      { "/out": { redirectTo: `http://rebind.example:${port(loopback)}/rss` } },
      "::1",
    );
    const describeAddress = (address: string) =>
      address === "::1" ? null : describeNonPublicAddress(address);
    const dns = stubResolver({ "news.example": [["::1"]], "rebind.example": [[PUBLIC], ["127.0.0.1"]] });
    guarded = createGuardedFetch({ lookup: dns.lookup, describeAddress });
    const result = await fetchFeed(`http://news.example:${port(outside)}/out`, {
      fetch: guarded.fetch,
      checkUrl: async (url) =>
        url.includes("news.example") ? { ok: true, url, addresses: ["::1"] } : checkFeedUrl(url, dns),
    });
    await outside.close();
    expect(reasonOf(result)).toBe(
      "redirect refused: rebind.example resolves to a loopback address 127.0.0.1 (set FEED_ALLOW_PRIVATE=true to allow)",
    );
    expect(outside.requests("/out")).toBe(1);
    expect(dns.asked).toEqual(["news.example", "rebind.example", "rebind.example"]);
    expect(loopback.log).toEqual([]);
  });

  it("refuses an address written in the URL even without the URL guard", async () => {
    guarded = createGuardedFetch({ lookup: stubResolver({}).lookup });
    const result = await fetchFeed(loopback.url("/rss"), { fetch: guarded.fetch });
    expect(reasonOf(result)).toBe(
      "refused: 127.0.0.1 is a loopback address (set FEED_ALLOW_PRIVATE=true to allow)",
    );
    expect(loopback.log).toEqual([]);
  });

  it("connects to the address it checked and fetches the feed", async () => {
    const outside = await startFeedServer({ "/rss": { body: RSS } }, "::1");
    const dns = stubResolver({ "news.example": [["::1"]] });
    guarded = createGuardedFetch({
      lookup: dns.lookup,
      describeAddress: (address) => (address === "::1" ? null : describeNonPublicAddress(address)),
    });
    const result = await fetchFeed(`http://news.example:${port(outside)}/rss`, { fetch: guarded.fetch });
    await outside.close();
    expect(reasonOf(result)).toBe("ok 200");
    expect(outside.log[0]?.headers.host).toBe(`news.example:${port(outside)}`);
  });
});

describe("the fetch limits through the guarded fetch", () => {
  it("times out, caps the body and reports refused connections as before", async () => {
    const outside = await startFeedServer(
      { "/slow": { body: RSS, delayMs: 2_000 }, "/huge": { streamBytes: 10 * 1024 * 1024 } },
      "::1",
    );
    guarded = createGuardedFetch({
      lookup: stubResolver({ "news.example": [["::1"]] }).lookup,
      describeAddress: (address) => (address === "::1" ? null : describeNonPublicAddress(address)),
    });
    const gone = await startFeedServer({}, "::1");
    await gone.close();
    const at = (server: FeedServer, path: string) => `http://news.example:${port(server)}${path}`;
    const slow = await fetchFeed(at(outside, "/slow"), { fetch: guarded.fetch, timeoutMs: 200 });
    const huge = await fetchFeed(at(outside, "/huge"), { fetch: guarded.fetch, maxBytes: 64 * 1024 });
    const closed = await fetchFeed(at(gone, "/rss"), { fetch: guarded.fetch });
    await outside.close();
    expect([slow, huge, closed].map(reasonOf)).toEqual([
      "timed out after 200 ms",
      "body larger than 64 KB",
      "network error: connection refused (ECONNREFUSED)",
    ]);
  });
});

describe("createCheckedLookup", () => {
  function resolve(lookup: Lookup, options: { all?: boolean; family?: number }) {
    return new Promise<unknown>((done) => {
      createCheckedLookup(lookup)("feeds.example", options, (error, address, family) =>
        done(error ? (error as Error).message : { address, family }),
      );
    });
  }

  it("answers with every checked address, or the first of the family asked for", async () => {
    const { lookup } = stubResolver({ "feeds.example": [[PUBLIC, "2606:2800:220:1::1"]] });
    expect(await resolve(lookup, { all: true })).toEqual({
      address: [
        { address: PUBLIC, family: 4 },
        { address: "2606:2800:220:1::1", family: 6 },
      ],
      family: undefined,
    });
    expect(await resolve(lookup, { family: 6 })).toEqual({ address: "2606:2800:220:1::1", family: 6 });
  });

  it("refuses the host when any one answer is private, naming it", async () => {
    const { lookup } = stubResolver({ "feeds.example": [[PUBLIC, "10.0.0.5"]] });
    expect(await resolve(lookup, { all: true })).toBe(
      "refused: feeds.example resolves to a private address 10.0.0.5 (set FEED_ALLOW_PRIVATE=true to allow)",
    );
  });
});
