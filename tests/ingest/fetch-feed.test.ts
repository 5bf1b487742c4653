import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_USER_AGENT, type FetchFeedResult, fetchFeed } from "../../src/ingest/fetch-feed.js";
import { checkFeedUrl, type Lookup } from "../../src/ingest/url-guard.js";
import { type FeedServer, startFeedServer } from "../support/feed-server.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url));
const RSS = fixture("rss2.xml");

let server: FeedServer;

beforeEach(async () => {
  server = await startFeedServer();
});

afterEach(async () => {
  await server.close();
});

function get(path: string, options: Partial<Parameters<typeof fetchFeed>[1]> = {}): Promise<FetchFeedResult> {
  return fetchFeed(server.url(path), { fetch, ...options });
}

function reasonOf(result: FetchFeedResult): string {
  return result.ok ? `ok ${result.status}` : result.reason;
}

describe("fetchFeed", () => {
  it("fetches and parses a feed, returning its validators", async () => {
    server.route("/rss", { body: RSS, etag: '"v1"', lastModified: "Tue, 14 May 2024 09:00:00 GMT" });
    const result = await get("/rss");
    expect(result.ok && result.status === 200 && result.items.length).toBe(5);
    expect(result).toMatchObject({
      feedTitle: "Trade Wire",
      etag: '"v1"',
      lastModified: "Tue, 14 May 2024 09:00:00 GMT",
    });
  });

  it("sends a User-Agent naming the bot", async () => {
    server.route("/rss", { body: RSS });
    await get("/rss");
    expect(server.log[0]?.headers["user-agent"]).toBe(DEFAULT_USER_AGENT);
  });

  it("sends the stored validators and gets 304 Not Modified", async () => {
    server.route("/rss", { body: RSS, etag: '"v1"', lastModified: "Tue, 14 May 2024 09:00:00 GMT" });
    const result = await get("/rss", { etag: '"v1"', lastModified: "Tue, 14 May 2024 09:00:00 GMT" });
    expect(result).toEqual({
      ok: true,
      status: 304,
      etag: '"v1"',
      lastModified: "Tue, 14 May 2024 09:00:00 GMT",
    });
    expect(server.log[0]?.headers["if-none-match"]).toBe('"v1"');
    expect(server.log[0]?.headers["if-modified-since"]).toBe("Tue, 14 May 2024 09:00:00 GMT");
  });

  it("follows redirects and resolves links against the final URL", async () => {
    server.route("/old", { redirectTo: "/middle", status: 301 });
    server.route("/middle", { redirectTo: "/feeds/rss", status: 307 });
    server.route("/feeds/rss", { body: RSS });
    const result = await get("/old");
    expect(result.ok && result.status === 200 && result.url).toBe(server.url("/feeds/rss"));
    expect(result.ok && result.status === 200 && result.items[1]?.link).toBe(
      `${server.origin}/2024/05/huawei-licences`,
    );
  });

  it("gives up after five redirects", async () => {
    for (let i = 0; i < 7; i++) server.route(`/hop${i}`, { redirectTo: `/hop${i + 1}` });
    expect(reasonOf(await get("/hop0"))).toBe("too many redirects (more than 5)");
    expect(server.requests("/hop5")).toBe(1);
    expect(server.requests("/hop6")).toBe(0);
  });

  it("follows exactly five redirects", async () => {
    for (let i = 0; i < 5; i++) server.route(`/hop${i}`, { redirectTo: `/hop${i + 1}` });
    server.route("/hop5", { body: RSS });
    expect(reasonOf(await get("/hop0"))).toBe("ok 200");
  });

  it("times out a slow server after the given time", async () => {
    server.route("/slow", { body: RSS, delayMs: 2_000 });
    expect(reasonOf(await get("/slow", { timeoutMs: 200 }))).toBe("timed out after 200 ms");
  });

  it("stops reading a body past the size cap", async () => {
    server.route("/huge", { streamBytes: 50 * 1024 * 1024 });
    expect(reasonOf(await get("/huge", { maxBytes: 256 * 1024 }))).toBe("body larger than 256 KB");
  });

  it("refuses a body whose declared length is over the cap without reading it", async () => {
    server.route("/declared", { body: RSS, headers: { "content-length": String(RSS.length) } });
    expect(reasonOf(await get("/declared", { maxBytes: 1024 }))).toBe("body larger than 1 KB");
  });

  it("names the default cap in megabytes", async () => {
    server.route("/huge", { streamBytes: 6 * 1024 * 1024 });
    expect(reasonOf(await get("/huge"))).toBe("body larger than 5 MB");
  });

  it("explains malformed XML", async () => {
    server.route("/broken", { body: fixture("malformed.xml") });
    expect(reasonOf(await get("/broken"))).toMatch(/^malformed XML: Unexpected close tag \(line 6/);
  });

  it("recognises an HTML page", async () => {
    server.route("/page", { body: fixture("page.html"), headers: { "content-type": "text/html" } });
    expect(reasonOf(await get("/page"))).toBe("not a feed: the server returned an HTML page");
  });

  it("returns an empty feed as a success with no items", async () => {
    server.route("/empty", { body: fixture("empty.xml") });
    const result = await get("/empty");
    expect(result.ok && result.status === 200 && result.items).toEqual([]);
  });

  it("reports 404 and 500 with their status text", async () => {
    server.route("/err", { status: 500, body: "boom" });
    expect(reasonOf(await get("/missing"))).toBe("HTTP 404 Not Found");
    expect(reasonOf(await get("/err"))).toBe("HTTP 500 Internal Server Error");
  });

  it("decodes an ISO-8859-1 feed by its XML declaration", async () => {
    server.route("/latin", {
      body: fixture("latin1.xml"),
      headers: { "content-type": "application/rss+xml" },
    });
    const result = await get("/latin");
    const item = result.ok && result.status === 200 ? result.items[0] : undefined;
    expect(result.ok && result.status === 200 && result.feedTitle).toBe("Café Commerce");
    expect(item?.contents[0]).toBe("Le marché français réagit « vite » et “fort”.");
  });

  it("decodes a feed with a UTF-8 byte-order mark", async () => {
    server.route("/bom", { body: fixture("bom.xml"), headers: { "content-type": "text/xml" } });
    const result = await get("/bom");
    expect(result.ok && result.status === 200 && result.feedTitle).toBe("BOM Feed — 中美贸易");
  });

  it("reports a refused connection", async () => {
    const closed = server.url("/rss");
    await server.close();
    server = await startFeedServer();
    expect(reasonOf(await fetchFeed(closed, { fetch }))).toBe(
      "network error: connection refused (ECONNREFUSED)",
    );
  });

  it("checks the first URL with the guard before any request", async () => {
    server.route("/rss", { body: RSS });
    const result = await get("/rss", { checkUrl: (url) => checkFeedUrl(url) });
    expect(reasonOf(result)).toBe(
      "refused: 127.0.0.1 is a loopback address (set FEED_ALLOW_PRIVATE=true to allow)",
    );
    expect(server.requests("/rss")).toBe(0);
  });

  it("checks every redirect with the guard", async () => {
    const lookup: Lookup = async () => [{ address: "10.0.0.5", family: 4 }];
    server.route("/out", { redirectTo: "http://intranet.example.com/rss" });
    const checked: string[] = [];
    const result = await get("/out", {
      checkUrl: (url) => {
        checked.push(url);
        return url.startsWith(server.origin)
          ? checkFeedUrl(url, { allowPrivate: true })
          : checkFeedUrl(url, { lookup });
      },
    });
    expect(checked).toEqual([server.url("/out"), "http://intranet.example.com/rss"]);
    expect(reasonOf(result)).toBe(
      "redirect refused: intranet.example.com resolves to a private address 10.0.0.5 (set FEED_ALLOW_PRIVATE=true to allow)",
    );
  });

  it("refuses a redirect to a non-HTTP scheme", async () => {
    server.route("/ftp", { redirectTo: "ftp://example.com/feed.xml" });
    expect(reasonOf(await get("/ftp"))).toBe("redirect to a non-HTTP URL (ftp:) refused");
  });

  it("stops when the outer signal aborts", async () => {
    server.route("/slow", { body: RSS, delayMs: 2_000 });
    const controller = new AbortController();
    const pending = get("/slow", { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(reasonOf(await pending)).toBe("aborted: the bot is shutting down");
  });
});
