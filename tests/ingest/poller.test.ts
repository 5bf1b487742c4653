import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createManualClock } from "../../src/clock.js";
import { type IngestDeps, ingestFeedItems } from "../../src/ingest/ingest-articles.js";
import { backoffDelayMs, createPoller, type PollerDeps } from "../../src/ingest/poller.js";
import type { Lookup } from "../../src/ingest/url-guard.js";
import { createLogger } from "../../src/log.js";
import { createArticleRepository } from "../../src/store/article-repository.js";
import { createFeedRepository, type FeedRepository } from "../../src/store/feed-repository.js";
import { type Database, openDatabase } from "../../src/store/open-database.js";
import { promised } from "../../src/store/sqlite-store.js";
import { type FeedServer, startFeedServer } from "../support/feed-server.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url));
const START = Date.parse("2024-06-01T12:00:00Z");
const INTERVAL_MS = 600_000;

let server: FeedServer;
let db: Database;
let feeds: FeedRepository;
let clock: ReturnType<typeof createManualClock>;
let logLines: string[];
let ingestDeps: IngestDeps;

beforeEach(async () => {
  server = await startFeedServer();
  db = openDatabase(":memory:");
  feeds = createFeedRepository(db);
  clock = createManualClock(START);
  logLines = [];
  ingestDeps = { articles: promised(createArticleRepository(db)), classify: () => [], clock };
});

afterEach(async () => {
  await server.close();
  db.close();
});

function poller(overrides: Partial<PollerDeps> = {}) {
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  return createPoller({
    feeds: promised(feeds),
    ingest: (items, feed) => ingestFeedItems(ingestDeps, items, feed),
    fetch,
    clock,
    log: createLogger({ level: "info", destination }),
    intervalSeconds: INTERVAL_MS / 1000,
    timeoutMs: 300,
    maxBytes: 256 * 1024,
    graceMs: 2_000,
    ...overrides,
  });
}

function addFeed(path: string, options: { trusted?: boolean } = {}) {
  const trusted = options.trusted ?? true;
  return feeds.add({ url: server.url(path), origin: trusted ? "config" : "slack", trusted, addedAt: START })
    .feed;
}

function health(path: string) {
  const feed = feeds.findByUrl(server.url(path));
  if (!feed) throw new Error(`no feed ${path}`);
  return feed;
}

const BROKEN: Record<string, string> = {
  "/slow": "timed out after 300 ms",
  "/huge": "body larger than 256 KB",
  "/malformed": "malformed XML: Unexpected close tag (line 6, column 12)",
  "/page": "not a feed: the server returned an HTML page",
  "/missing": "HTTP 404 Not Found",
  "/error": "HTTP 500 Internal Server Error",
  "/loop": "too many redirects (more than 5)",
};

function serveEveryCase() {
  server.route("/good", { body: fixture("rss2.xml"), etag: '"good-1"' });
  server.route("/empty", { body: fixture("empty.xml") });
  server.route("/slow", { body: fixture("rss2.xml"), delayMs: 3_000 });
  server.route("/huge", { streamBytes: 20 * 1024 * 1024 });
  server.route("/malformed", { body: fixture("malformed.xml") });
  server.route("/page", { body: fixture("page.html"), headers: { "content-type": "text/html" } });
  server.route("/error", { status: 500, body: "oops" });
  server.route("/loop", { redirectTo: "/loop" });
  for (const path of ["/good", "/empty", ...Object.keys(BROKEN)]) addFeed(path);
}

describe("poller.pollDue", () => {
  it("ingests the good feed and explains every failure in the feed's health", async () => {
    serveEveryCase();
    const outcomes = await poller().pollDue();
    expect(outcomes).toHaveLength(9);
    expect(health("/good")).toMatchObject({
      lastSuccessAt: START,
      consecutiveFailures: 0,
      itemsSeen: 5,
      itemsStored: 4,
      etag: '"good-1"',
    });
    expect(health("/empty")).toMatchObject({ lastSuccessAt: START, itemsSeen: 0, title: "Quiet Feed" });
    expect(createArticleRepository(db).count()).toBe(4);
    for (const [path, reason] of Object.entries(BROKEN)) {
      expect(health(path), path).toMatchObject({
        lastError: reason,
        lastErrorAt: START,
        consecutiveFailures: 1,
        lastSuccessAt: null,
      });
    }
  });

  it("backs off a failing feed exponentially while healthy feeds keep their interval", async () => {
    server.route("/good", { body: fixture("rss2.xml") });
    addFeed("/good");
    addFeed("/missing");
    const p = poller();
    await p.pollDue();
    expect(health("/missing").nextPollAt).toBe(START + INTERVAL_MS);
    clock.advance(INTERVAL_MS);
    await p.pollDue();
    expect(health("/missing")).toMatchObject({
      consecutiveFailures: 2,
      nextPollAt: START + INTERVAL_MS + 2 * INTERVAL_MS,
    });
    expect(health("/good").nextPollAt).toBe(START + 2 * INTERVAL_MS);
    clock.advance(INTERVAL_MS);
    await p.pollDue();
    expect(server.requests("/missing")).toBe(2);
    expect(server.requests("/good")).toBe(3);
  });

  it("resets the failure count once the feed recovers", async () => {
    addFeed("/flaky");
    const p = poller();
    await p.pollDue();
    server.route("/flaky", { body: fixture("rss2.xml") });
    clock.advance(INTERVAL_MS);
    await p.pollDue();
    expect(health("/flaky")).toMatchObject({
      consecutiveFailures: 0,
      lastError: "HTTP 404 Not Found",
      lastSuccessAt: START + INTERVAL_MS,
    });
  });

  it("sends the stored validators and records a 304 without touching articles", async () => {
    server.route("/good", { body: fixture("rss2.xml"), etag: '"v1"' });
    addFeed("/good");
    const p = poller();
    await p.pollDue();
    clock.advance(INTERVAL_MS);
    const [outcome] = await p.pollDue();
    expect(outcome).toEqual({ feedUrl: server.url("/good"), status: "not-modified" });
    expect(server.log[1]?.headers["if-none-match"]).toBe('"v1"');
    expect(health("/good")).toMatchObject({ lastSuccessAt: START + INTERVAL_MS, itemsSeen: 5, etag: '"v1"' });
  });

  it("fetches at most four feeds at once", async () => {
    let open = 0;
    let most = 0;
    for (let i = 0; i < 8; i++) {
      server.route(`/f${i}`, {
        handle: (_req, res) => {
          open++;
          most = Math.max(most, open);
          setTimeout(() => {
            open--;
            res.writeHead(200, { "content-type": "application/rss+xml" });
            res.end(fixture("empty.xml"));
          }, 100);
        },
      });
      addFeed(`/f${i}`);
    }
    await poller({ timeoutMs: 5_000 }).pollDue();
    expect(most).toBe(4);
    expect(feeds.list().every((f) => f.lastSuccessAt === START)).toBe(true);
  });

  it("records an exception while ingesting as that feed's failure and carries on", async () => {
    server.route("/good", { body: fixture("rss2.xml") });
    server.route("/other", { body: fixture("rdf.xml") });
    addFeed("/good");
    addFeed("/other");
    const p = poller({
      ingest: async (items, feed) => {
        if (feed.url.endsWith("/good")) throw new Error("disk full");
        return ingestFeedItems(ingestDeps, items, feed);
      },
    });
    await p.pollDue();
    expect(health("/good").lastError).toBe("internal error while polling: disk full");
    expect(health("/other").lastSuccessAt).toBe(START);
  });

  it("logs each failure with the feed URL and the reason", async () => {
    addFeed("/missing");
    await poller().pollDue();
    const line = logLines.find((l) => l.includes("HTTP 404 Not Found"));
    expect(line && JSON.parse(line)).toMatchObject({
      feedUrl: server.url("/missing"),
      reason: "HTTP 404 Not Found",
    });
  });

  it("records when the last pass finished", async () => {
    const p = poller();
    expect(p.lastPollAt).toBeNull();
    clock.advance(5_000);
    await p.pollDue();
    expect(p.lastPollAt).toBe(START + 5_000);
  });
});

describe("untrusted feeds", () => {
  it("refuses a Slack-added feed on a private address and records why", async () => {
    server.route("/good", { body: fixture("rss2.xml") });
    addFeed("/good", { trusted: false });
    await poller().pollDue();
    expect(health("/good").lastError).toBe(
      "refused: 127.0.0.1 is a loopback address (set FEED_ALLOW_PRIVATE=true to allow)",
    );
    expect(server.requests("/good")).toBe(0);
  });

  it("refuses a Slack-added feed whose host answers public to the check and loopback to the connection", async () => {
    server.route("/good", { body: fixture("rss2.xml") });
    const url = `http://rebind.example:${new URL(server.origin).port}/good`;
    feeds.add({ url, origin: "slack", trusted: false, addedAt: START });
    let lookups = 0;
    const lookup: Lookup = async () => [
      { address: lookups++ === 0 ? "93.184.216.34" : "127.0.0.1", family: 4 },
    ];
    const p = poller({ lookup });
    await p.pollDue();
    await p.stop();
    expect(feeds.findByUrl(url)?.lastError).toBe(
      "refused: rebind.example resolves to a loopback address 127.0.0.1 (set FEED_ALLOW_PRIVATE=true to allow)",
    );
    expect(lookups).toBe(2);
    expect(server.requests("/good")).toBe(0);
  });

  it("fetches it when private addresses are allowed", async () => {
    server.route("/good", { body: fixture("rss2.xml") });
    addFeed("/good", { trusted: false });
    await poller({ allowPrivate: true }).pollDue();
    expect(health("/good").lastSuccessAt).toBe(START);
  });
});

describe("poller.start and stop", () => {
  it("polls every feed right away, even those not yet due, and keeps running after failures", async () => {
    serveEveryCase();
    for (const feed of feeds.list())
      feeds.recordFailure(feed.id, { at: START, error: "earlier", nextPollAt: START + 3_600_000 });
    const p = poller({ tickMs: 20 });
    await p.start();
    expect(feeds.list().every((f) => f.lastPolledAt === START)).toBe(true);
    server.route("/later", { body: fixture("rdf.xml") });
    addFeed("/later");
    await vi.waitFor(() => expect(health("/later").lastSuccessAt).toBe(START), { timeout: 5_000 });
    await p.stop();
  });

  it("lets an in-flight fetch finish when stopping", async () => {
    server.route("/slowish", { body: fixture("rdf.xml"), delayMs: 150 });
    addFeed("/slowish");
    const p = poller({ timeoutMs: 5_000 });
    const pass = p.pollDue();
    await p.stop();
    expect(health("/slowish").lastSuccessAt).toBe(START);
    await pass;
  });

  it("aborts fetches still running after the grace period without counting them as failures", async () => {
    server.route("/stuck", { body: fixture("rdf.xml"), delayMs: 10_000 });
    addFeed("/stuck");
    const p = poller({ timeoutMs: 20_000, graceMs: 50 });
    const pass = p.pollDue();
    await p.stop();
    expect(await pass).toEqual([{ feedUrl: server.url("/stuck"), status: "cancelled" }]);
    expect(health("/stuck")).toMatchObject({ consecutiveFailures: 0, lastError: null, nextPollAt: START });
  });

  it("does not poll after it has stopped", async () => {
    addFeed("/missing");
    const p = poller();
    await p.stop();
    expect(await p.pollDue()).toEqual([]);
    expect(server.requests("/missing")).toBe(0);
  });
});

describe("poller.pollFeedNow", () => {
  it("returns the items of a good feed without storing anything", async () => {
    server.route("/good", { body: fixture("rss2.xml") });
    const check = await poller().pollFeedNow(server.url("/good"), { trusted: true });
    expect(check.ok && check.items.length).toBe(5);
    expect(check.ok && check.feedTitle).toBe("Trade Wire");
    expect(createArticleRepository(db).count()).toBe(0);
  });

  it("returns the reason a feed cannot be used", async () => {
    server.route("/page", { body: fixture("page.html") });
    expect(await poller().pollFeedNow(server.url("/page"), { trusted: true })).toEqual({
      ok: false,
      reason: "not a feed: the server returned an HTML page",
    });
  });

  it("puts a URL from Slack through the guard by default", async () => {
    const check = await poller().pollFeedNow(server.url("/good"));
    expect(check.ok ? "" : check.reason).toMatch(/^refused: 127\.0\.0\.1 is a loopback address/);
  });
});

describe("backoffDelayMs", () => {
  it("doubles the interval for each consecutive failure", () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(600_000, n))).toEqual([
      600_000, 1_200_000, 2_400_000, 4_800_000,
    ]);
  });

  it("caps the delay at six hours", () => {
    expect(backoffDelayMs(600_000, 7)).toBe(6 * 3_600_000);
    expect(backoffDelayMs(600_000, 500)).toBe(6 * 3_600_000);
  });

  it("never waits less than the interval when the interval is longer than six hours", () => {
    expect(backoffDelayMs(86_400_000, 3)).toBe(86_400_000);
  });
});
