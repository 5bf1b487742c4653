import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ArticleDraft } from "../../src/articles/article.js";
import { createArticleRepository } from "../../src/store/article-repository.js";
import { createFeedRepository } from "../../src/store/feed-repository.js";
import { migrate } from "../../src/store/migrate.js";
import { migrations } from "../../src/store/migrations/index.js";
import { openDatabase } from "../../src/store/open-database.js";
import { createSubscriptionRepository } from "../../src/store/subscription-repository.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), "trade-news-store-"));
  dirs.push(dir);
  return join(dir, "nested", "dir", "test.db");
}

function draft(overrides: Partial<ArticleDraft> = {}): ArticleDraft {
  return {
    title: "Tariffs rise",
    body: "Washington raised tariffs on Chinese goods.",
    url: "https://news.example/tariffs-rise",
    guid: null,
    source: "Example News",
    publishedAt: Date.UTC(2026, 10, 1),
    feedId: null,
    ...overrides,
  };
}

describe("openDatabase", () => {
  it("creates the file's directory, uses WAL and applies every migration once", () => {
    const path = tempDbPath();
    const db = openDatabase(path);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    const versions = db.prepare("SELECT version FROM schema_migrations ORDER BY version").pluck().all();
    expect(versions).toEqual(migrations.map((m) => m.version));
    db.close();
    const again = openDatabase(path);
    expect(migrate(again, migrations)).toEqual([]);
    again.close();
  });
});

describe("article repository", () => {
  it("stores an article with its topics and reads it back", () => {
    const articles = createArticleRepository(openDatabase(":memory:"));
    const result = articles.insert(
      draft(),
      [{ topic: "tariffs", score: 0.9, evidence: ["raised tariffs"] }],
      1000,
    );
    expect(result.status).toBe("new");
    const stored = articles.get(result.id);
    expect(stored).toMatchObject({
      title: "Tariffs rise",
      fetchedAt: 1000,
      topics: [{ topic: "tariffs", score: 0.9, evidence: ["raised tariffs"] }],
    });
  });

  it("stores the same URL once", () => {
    const articles = createArticleRepository(openDatabase(":memory:"));
    const first = articles.insert(draft(), [], 1);
    const second = articles.insert(draft({ title: "Other title", body: "Other body" }), [], 2);
    expect(second).toEqual({ status: "duplicate", id: first.id, matchedBy: "url" });
  });

  it("stores the same GUID once", () => {
    const articles = createArticleRepository(openDatabase(":memory:"));
    const first = articles.insert(draft({ url: null, guid: "urn:uuid:1" }), [], 1);
    expect(
      articles.insert(draft({ url: "https://other.example/x", guid: "urn:uuid:1", body: "new" }), [], 2),
    ).toEqual({
      status: "duplicate",
      id: first.id,
      matchedBy: "guid",
    });
  });

  it("stores the same text once whatever the case, spacing and punctuation", () => {
    const articles = createArticleRepository(openDatabase(":memory:"));
    const first = articles.insert(draft({ url: null }), [], 1);
    const again = articles.insert(
      draft({
        url: "https://mirror.example/a",
        title: "TARIFFS  RISE!",
        body: "Washington raised tariffs on Chinese goods",
      }),
      [],
      2,
    );
    expect(again).toEqual({ status: "duplicate", id: first.id, matchedBy: "content" });
    expect(articles.count()).toBe(1);
  });

  it("tells title-only items apart by their link, and still stores each link once", () => {
    const articles = createArticleRepository(openDatabase(":memory:"));
    const monday = articles.insert(
      draft({ title: "Market update", body: "", url: "https://n.example/mon" }),
      [],
      1,
    );
    const tuesday = articles.insert(
      draft({ title: "Market update", body: "", url: "https://n.example/tue" }),
      [],
      2,
    );
    expect(monday.status).toBe("new");
    expect(tuesday.status).toBe("new");
    const byGuid = articles.insert(
      draft({ title: "Market update", body: "", url: null, guid: "tag:n,3" }),
      [],
      3,
    );
    expect(byGuid.status).toBe("new");
    const repeat = articles.insert(draft({ title: "Market update", body: "", url: null, guid: null }), [], 4);
    const repeatAgain = articles.insert(
      draft({ title: "market update.", body: "", url: null, guid: null }),
      [],
      5,
    );
    expect(repeatAgain).toEqual({ status: "duplicate", id: repeat.id, matchedBy: "content" });
    expect(articles.count()).toBe(4);
  });

  it("lists the newest articles first, optionally for one topic", () => {
    const articles = createArticleRepository(openDatabase(":memory:"));
    articles.insert(
      draft({ url: "https://n.example/1", title: "old", body: "a", publishedAt: 1 }),
      [{ topic: "tariffs", score: 1, evidence: [] }],
      5,
    );
    articles.insert(
      draft({ url: "https://n.example/2", title: "new", body: "b", publishedAt: 3 }),
      [{ topic: "huawei", score: 1, evidence: [] }],
      5,
    );
    articles.insert(
      draft({ url: "https://n.example/3", title: "mid", body: "c", publishedAt: 2 }),
      [{ topic: "tariffs", score: 1, evidence: [] }],
      5,
    );
    expect(articles.latest({ limit: 10 }).map((a) => a.title)).toEqual(["new", "mid", "old"]);
    expect(articles.latest({ topic: "tariffs", limit: 1 }).map((a) => a.title)).toEqual(["mid"]);
    expect(articles.countByTopic()).toEqual({ huawei: 1, tariffs: 2 });
  });
});

describe("feed repository", () => {
  it("adds a feed once and records success and failure health", () => {
    const feeds = createFeedRepository(openDatabase(":memory:"));
    const { feed, created } = feeds.add({
      url: "https://a.example/rss",
      origin: "config",
      trusted: true,
      addedAt: 10,
    });
    expect(created).toBe(true);
    expect(
      feeds.add({ url: "https://a.example/rss", origin: "slack", trusted: false, addedAt: 20 }).created,
    ).toBe(false);
    feeds.recordFailure(feed.id, { at: 30, error: "HTTP 500 Internal Server Error", nextPollAt: 90 });
    feeds.recordFailure(feed.id, { at: 90, error: "timed out after 10 s", nextPollAt: 210 });
    expect(feeds.get(feed.id)).toMatchObject({
      consecutiveFailures: 2,
      lastError: "timed out after 10 s",
      nextPollAt: 210,
    });
    feeds.recordSuccess(feed.id, {
      at: 210,
      nextPollAt: 810,
      title: "A",
      etag: '"e1"',
      lastModified: null,
      itemsSeen: 12,
      itemsStored: 3,
    });
    expect(feeds.get(feed.id)).toMatchObject({
      consecutiveFailures: 0,
      lastSuccessAt: 210,
      itemsSeen: 12,
      itemsStored: 3,
      etag: '"e1"',
      title: "A",
    });
    expect(feeds.due(500)).toEqual([]);
    expect(feeds.due(810).map((f) => f.url)).toEqual(["https://a.example/rss"]);
  });
});

describe("subscription repository", () => {
  it("subscribes, updates, pauses, clears the pause on subscribe, and unsubscribes", () => {
    const subs = createSubscriptionRepository(openDatabase(":memory:"));
    subs.subscribe({
      channelId: "C1",
      topics: ["huawei"],
      localTime: "09:00",
      timeZone: "UTC",
      subscribedBy: "U1",
      now: 1,
    });
    subs.pause("C1", "I'm not a member of the channel.", 2);
    expect(subs.get("C1")).toMatchObject({ pausedReason: "I'm not a member of the channel.", active: true });
    const updated = subs.subscribe({
      channelId: "C1",
      topics: ["tariffs"],
      localTime: "08:30",
      timeZone: "Europe/London",
      subscribedBy: "U2",
      now: 3,
    });
    expect(updated).toMatchObject({
      topics: ["tariffs"],
      localTime: "08:30",
      pausedReason: null,
      subscribedAt: 3, // a new time or zone starts the schedule afresh: no digest owed from before
      updatedAt: 3,
    });
    const topicsOnly = subs.subscribe({
      channelId: "C1",
      topics: ["agriculture"],
      localTime: "08:30",
      timeZone: "Europe/London",
      subscribedBy: "U2",
      now: 4,
    });
    expect(topicsOnly).toMatchObject({ topics: ["agriculture"], subscribedAt: 3, updatedAt: 4 });
    expect(subs.unsubscribe("C1", 4)).toBe(true);
    expect(subs.unsubscribe("C1", 5)).toBe(false);
    expect(subs.listActive()).toEqual([]);
  });
});
