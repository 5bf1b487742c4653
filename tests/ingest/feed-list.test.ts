import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  addFeed,
  normaliseFeedUrl,
  parseFeedList,
  parseFeedUrl,
  readFeedList,
  removeFeed,
  syncConfiguredFeeds,
  withoutCredentials,
} from "../../src/ingest/feed-list.js";
import { type Database, openDatabase } from "../../src/store/open-database.js";
import { createSqliteStore } from "../../src/store/sqlite-store.js";
import type { FeedStore } from "../../src/store/store.js";

const fixturePath = (name: string) => new URL(`../fixtures/feeds/${name}`, import.meta.url).pathname;
const NOW = Date.parse("2024-06-01T12:00:00Z");

describe("parseFeedList", () => {
  it("reads every outline's xmlUrl at any depth from OPML, once each", async () => {
    const list = await readFeedList(fixturePath("subscriptions.opml"));
    expect(list.urls).toEqual([
      "https://wire.example.com/rss",
      "https://nested.example.com/feed?a=1&b=2",
      "https://atom.example.org/feed.atom",
    ]);
  });

  it("reports OPML outlines whose xmlUrl is not http(s)", async () => {
    const list = await readFeedList(fixturePath("subscriptions.opml"));
    expect(list.problems).toEqual([
      `${fixturePath("subscriptions.opml")}: outline "Broken": xmlUrl "ftp://files.example.com/feed" is not an http(s) URL`,
    ]);
  });

  it("reads one URL per line, skipping comments and blank lines", () => {
    const list = parseFeedList(
      "# comment\nhttps://a.example.com/rss\n\n  https://b.example.com/rss # note\n",
    );
    expect(list).toEqual({ urls: ["https://a.example.com/rss", "https://b.example.com/rss"], problems: [] });
  });

  it("reports lines that are not URLs with their line number", () => {
    expect(parseFeedList("https://a.example.com/rss\nnot-a-url\n").problems).toEqual([
      'line 2: "not-a-url" is not an http(s) URL',
    ]);
  });

  it("says when an OPML file has no outlines", () => {
    expect(parseFeedList("<opml><body></body></opml>").problems).toEqual([
      "the OPML file has no <outline> elements",
    ]);
  });
});

describe("readFeedList", () => {
  it("reads a plain list file", async () => {
    const list = await readFeedList(fixturePath("feeds.txt"));
    expect(list.urls).toEqual(["https://wire.example.com/rss", "https://atom.example.org/feed.atom"]);
    expect(list.problems).toEqual([`${fixturePath("feeds.txt")}: line 5: "not-a-url" is not an http(s) URL`]);
    expect(list.readable).toBe(true);
  });

  it("returns a missing file as a problem", async () => {
    const list = await readFeedList("/nonexistent/feeds.opml");
    expect(list).toEqual({
      urls: [],
      problems: ["cannot read feeds file /nonexistent/feeds.opml: no such file"],
      readable: false,
    });
  });
});

describe("normaliseFeedUrl", () => {
  it("spells a URL one way and refuses other schemes", () => {
    expect(normaliseFeedUrl(" HTTPS://Example.COM:443/rss#x ")).toBe("https://example.com/rss");
    expect(normaliseFeedUrl("file:///etc/passwd")).toBeNull();
  });

  it("refuses credentials in the URL, naming the URL without them", () => {
    expect(normaliseFeedUrl("https://me:secret@example.com/rss")).toBeNull();
    expect(parseFeedUrl("https://token@example.com/rss")).toEqual({
      ok: false,
      reason:
        '"https://example.com/rss" was given with a user name or password; feed URLs with credentials are refused because they would be stored, logged and listed',
    });
  });

  it("takes credentials out of a URL shown back to a person", () => {
    expect(withoutCredentials("https://me:secret@example.com/rss?a=b@c")).toBe(
      "https://example.com/rss?a=b@c",
    );
    expect(withoutCredentials("https://example.com/@user/rss")).toBe("https://example.com/@user/rss");
  });

  it("reports a feeds file line with credentials as a problem without the password", () => {
    const list = parseFeedList("https://ok.example.com/rss\nhttps://me:secret@example.com/rss\n");
    expect(list.urls).toEqual(["https://ok.example.com/rss"]);
    expect(list.problems).toHaveLength(1);
    expect(list.problems[0]).toMatch(
      /^line 2: "https:\/\/example.com\/rss" was given with a user name or password/,
    );
    expect(list.problems[0]).not.toContain("secret");
  });
});

describe("feeds in the table", () => {
  let db: Database;
  let feeds: FeedStore;

  beforeEach(() => {
    db = openDatabase(":memory:");
    feeds = createSqliteStore(db).feeds;
  });

  afterEach(() => db.close());

  it("adds configured and file feeds as trusted", async () => {
    const result = await syncConfiguredFeeds(
      feeds,
      { config: ["https://a.example.com/rss"], file: ["https://b.example.com/rss"] },
      NOW,
    );
    expect(result).toEqual({
      added: ["https://b.example.com/rss", "https://a.example.com/rss"],
      removed: [],
    });
    expect((await feeds.list()).map((f) => [f.url, f.origin, f.trusted])).toEqual([
      ["https://b.example.com/rss", "file", true],
      ["https://a.example.com/rss", "config", true],
    ]);
  });

  it("removes configured feeds no longer listed but keeps feeds added from Slack", async () => {
    await syncConfiguredFeeds(
      feeds,
      { config: ["https://a.example.com/rss", "https://gone.example.com/rss"], file: [] },
      NOW,
    );
    await addFeed(feeds, {
      url: "https://slack.example.com/rss",
      origin: "slack",
      addedBy: "U123",
      now: NOW,
    });
    const result = await syncConfiguredFeeds(feeds, { config: ["https://a.example.com/rss"], file: [] }, NOW);
    expect(result.removed).toEqual(["https://gone.example.com/rss"]);
    expect((await feeds.list()).map((f) => f.url)).toEqual([
      "https://a.example.com/rss",
      "https://slack.example.com/rss",
    ]);
  });

  it("keeps file feeds when the feeds file could not be read", async () => {
    await syncConfiguredFeeds(feeds, { config: [], file: ["https://b.example.com/rss"] }, NOW);
    const result = await syncConfiguredFeeds(feeds, { config: [], file: null }, NOW);
    expect(result.removed).toEqual([]);
    expect(await feeds.list()).toHaveLength(1);
  });

  it("stores a feed added from Slack as untrusted, with who added it", async () => {
    const added = await addFeed(feeds, {
      url: "https://slack.example.com/rss",
      origin: "slack",
      addedBy: "U123",
      now: NOW,
    });
    expect(added.ok && added.feed).toMatchObject({
      origin: "slack",
      trusted: false,
      addedBy: "U123",
      nextPollAt: NOW,
    });
  });

  it("stores a feed added from the CLI as trusted", async () => {
    const added = await addFeed(feeds, { url: "https://cli.example.com/rss", origin: "cli", now: NOW });
    expect(added.ok && added.feed.trusted).toBe(true);
  });

  it("says when a feed is already known", async () => {
    await addFeed(feeds, { url: "https://a.example.com/rss", origin: "cli", now: NOW });
    const again = await addFeed(feeds, { url: "https://A.example.com/rss", origin: "slack", now: NOW });
    expect(again.ok && again.created).toBe(false);
  });

  it("removes a feed given in another spelling of its URL", async () => {
    await addFeed(feeds, { url: "https://a.example.com/rss", origin: "cli", now: NOW });
    expect(await removeFeed(feeds, " HTTPS://A.example.com:443/rss#top ")).toBe(true);
    expect(await feeds.list()).toEqual([]);
    expect(await removeFeed(feeds, "https://a.example.com/rss")).toBe(false);
  });

  it("refuses a URL that is not http(s)", async () => {
    expect(await addFeed(feeds, { url: "javascript:alert(1)", origin: "slack", now: NOW })).toEqual({
      ok: false,
      reason: '"javascript:alert(1)" is not an http(s) URL',
    });
  });
});
