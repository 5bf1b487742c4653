import { expect, it } from "vitest";
import type { ArticleDraft, TopicMatch } from "../../../src/articles/article.js";
import { describeEachBackend } from "./backends.js";

const NOW = Date.parse("2025-03-01T12:00:00Z");
const HOUR = 3_600_000;
const tariffs: TopicMatch[] = [{ topic: "tariffs", score: 0.9, evidence: ["tariff"] }];
const both: TopicMatch[] = [
  { topic: "huawei", score: 0.6, evidence: ["Huawei"] },
  { topic: "tariffs", score: 0.8, evidence: ["tariffs", "duties"] },
];

function draft(n: number, extra: Partial<ArticleDraft> = {}): ArticleDraft {
  return {
    title: `Story ${n} on trade`,
    body: `Body number ${n} about duties and exports.`,
    url: `https://news.example/${n}`,
    guid: null,
    source: "Example News",
    publishedAt: NOW - n * HOUR,
    feedId: null,
    ...extra,
  };
}

describeEachBackend("article store", ({ store }) => {
  it("stores an article with its topics, strongest first, and reads it back", async () => {
    const result = await store().articles.insert(draft(1), both, NOW);
    expect(result).toEqual({ status: "new", id: 1 });
    expect(await store().articles.get(1)).toEqual({
      id: 1,
      ...draft(1),
      fetchedAt: NOW,
      topics: [both[1], both[0]],
    });
    expect(await store().articles.get(99)).toBeUndefined();
  });

  it("stores an article once: the same URL, GUID or text is reported as the duplicate it is", async () => {
    const articles = store().articles;
    await articles.insert(draft(1, { guid: "g-1" }), tariffs, NOW);
    expect(await articles.insert(draft(2, { url: "https://news.example/1" }), [], NOW)).toEqual({
      status: "duplicate",
      id: 1,
      matchedBy: "url",
    });
    expect(await articles.insert(draft(3, { guid: "g-1" }), [], NOW)).toMatchObject({ matchedBy: "guid" });
    expect(await articles.insert({ ...draft(1, { guid: "g-1" }) }, [], NOW)).toMatchObject({
      status: "duplicate",
    });
    expect(await articles.count()).toBe(1);
  });

  it("stores many in one call, new and duplicate in input order", async () => {
    const results = await store().articles.insertMany(
      [
        { draft: draft(1), topics: tariffs },
        { draft: draft(2), topics: both },
        { draft: draft(1), topics: tariffs },
      ],
      NOW,
    );
    expect(results.map((r) => r.status)).toEqual(["new", "new", "duplicate"]);
    expect(await store().articles.countByTopic()).toEqual({ tariffs: 2, huawei: 1 });
  });

  it("lists the newest first, by topic and since an instant", async () => {
    const articles = store().articles;
    for (let n = 1; n <= 4; n++) await articles.insert(draft(n), n % 2 === 0 ? both : tariffs, NOW);
    expect((await articles.latest({ limit: 3 })).map((a) => a.id)).toEqual([1, 2, 3]);
    expect((await articles.latest({ limit: 5, topic: "huawei" })).map((a) => a.id)).toEqual([2, 4]);
    expect((await articles.latest({ limit: 5, since: NOW - 2 * HOUR })).map((a) => a.id)).toEqual([1, 2]);
  });

  it("finds digest candidates by store time, publication time and topic, oldest stored first", async () => {
    const articles = store().articles;
    await articles.insert(draft(1), tariffs, NOW - 3 * HOUR);
    await articles.insert(draft(2), both, NOW - 2 * HOUR);
    await articles.insert(draft(3, { publishedAt: NOW - 500 * HOUR }), tariffs, NOW - HOUR);
    await articles.insert(draft(4), [], NOW - HOUR);
    const found = await articles.digestCandidates({
      fetchedSince: NOW - 4 * HOUR,
      fetchedUntil: NOW,
      publishedSince: NOW - 100 * HOUR,
      topics: ["huawei", "tariffs"],
    });
    expect(found.map((a) => a.id)).toEqual([1, 2]);
    const huawei = await articles.digestCandidates({
      fetchedSince: 0,
      fetchedUntil: NOW,
      publishedSince: 0,
      topics: ["huawei"],
    });
    expect(huawei.map((a) => a.id)).toEqual([2]);
  });
});

describeEachBackend("feed store", ({ store }) => {
  const add = (url: string, at = NOW) =>
    store().feeds.add({ url, origin: "config", trusted: true, addedAt: at });

  it("adds a feed once, due at once, and says whether it was new", async () => {
    const first = await add("https://a.example/rss");
    expect(first.created).toBe(true);
    expect(first.feed).toMatchObject({
      id: 1,
      url: "https://a.example/rss",
      origin: "config",
      trusted: true,
      nextPollAt: NOW,
      consecutiveFailures: 0,
      itemsStored: 0,
    });
    const again = await store().feeds.add({
      url: "https://a.example/rss",
      origin: "slack",
      trusted: false,
      addedBy: "U1",
      addedAt: NOW + 1,
    });
    expect(again).toEqual({ feed: first.feed, created: false });
    expect(await store().feeds.findByUrl("https://a.example/rss")).toEqual(first.feed);
    expect(await store().feeds.get(1)).toEqual(first.feed);
  });

  it("records successes and failures and lists the due feeds, most overdue first", async () => {
    const feeds = store().feeds;
    await add("https://a.example/rss", NOW);
    await add("https://b.example/rss", NOW - HOUR);
    expect((await feeds.due(NOW)).map((f) => f.id)).toEqual([2, 1]);
    await feeds.recordSuccess(1, {
      at: NOW,
      nextPollAt: NOW + HOUR,
      title: "A Wire",
      etag: '"v1"',
      lastModified: null,
      itemsSeen: 7,
      itemsStored: 3,
    });
    await feeds.recordFailure(2, { at: NOW, error: "timed out", nextPollAt: NOW + 2 * HOUR });
    expect(await feeds.due(NOW)).toEqual([]);
    expect(await feeds.get(1)).toMatchObject({ title: "A Wire", etag: '"v1"', itemsSeen: 7, itemsStored: 3 });
    expect(await feeds.get(2)).toMatchObject({ lastError: "timed out", consecutiveFailures: 1 });
    await feeds.recordSuccess(1, {
      at: NOW + HOUR,
      nextPollAt: NOW + 2 * HOUR,
      title: null,
      etag: null,
      lastModified: null,
      itemsSeen: null,
      itemsStored: 2,
    });
    expect(await feeds.get(1)).toMatchObject({ title: "A Wire", itemsSeen: 7, itemsStored: 5 });
    await feeds.scheduleAll(NOW);
    expect((await feeds.due(NOW)).map((f) => f.id)).toEqual([1, 2]);
  });

  it("claims the due feeds for a lease, so they are not due again until the lease ends or the claim is handed back", async () => {
    const feeds = store().feeds;
    await add("https://a.example/rss", NOW);
    await add("https://b.example/rss", NOW - HOUR);
    const claimed = await feeds.claimDue(NOW, 5 * 60_000);
    expect(claimed.map((f) => [f.id, f.nextPollAt])).toEqual([
      [2, NOW - HOUR],
      [1, NOW],
    ]);
    expect(await feeds.claimDue(NOW + 60_000, 5 * 60_000)).toEqual([]);
    expect((await feeds.claimDue(NOW + 5 * 60_000, 5 * 60_000)).map((f) => f.id)).toEqual([1, 2]);
    await feeds.releaseClaim(1, NOW);
    expect((await feeds.claimDue(NOW + 5 * 60_000, 5 * 60_000)).map((f) => f.id)).toEqual([1]);
  });

  it("removes a feed by URL and keeps its articles", async () => {
    const { feed } = await add("https://a.example/rss");
    await store().articles.insert(draft(1, { feedId: feed.id }), tariffs, NOW);
    expect(await store().feeds.remove("https://a.example/rss")).toBe(true);
    expect(await store().feeds.remove("https://a.example/rss")).toBe(false);
    expect(await store().feeds.list()).toEqual([]);
    expect(await store().articles.get(1)).toMatchObject({ feedId: null });
  });
});
