import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ArticleDraft, TopicMatch } from "../../src/articles/article.js";
import { createManualClock } from "../../src/clock.js";
import {
  type ClassifyArticle,
  type IngestDeps,
  ingestDrafts,
  ingestFeedItems,
} from "../../src/ingest/ingest-articles.js";
import type { FeedItem } from "../../src/ingest/parse-feed.js";
import { createArticleRepository } from "../../src/store/article-repository.js";
import { createFeedRepository } from "../../src/store/feed-repository.js";
import { type Database, openDatabase } from "../../src/store/open-database.js";
import { promised } from "../../src/store/sqlite-store.js";

const NOW = Date.parse("2024-06-01T12:00:00Z");

/** Tags anything mentioning "tariff" — enough to see that classification reaches the store. */
const fakeClassify: ClassifyArticle = ({ title, body }) => {
  const found = /tariff/i.exec(`${title} ${body}`);
  return found ? [{ topic: "tariffs", score: 1, evidence: [found[0]] } satisfies TopicMatch] : [];
};

let db: Database;
let deps: IngestDeps;
let feedA: { id: number; url: string; title: string };
let feedB: { id: number; url: string; title: string };

beforeEach(() => {
  db = openDatabase(":memory:");
  deps = {
    articles: promised(createArticleRepository(db)),
    classify: fakeClassify,
    clock: createManualClock(NOW),
  };
  const feeds = createFeedRepository(db);
  const a = feeds.add({
    url: "https://a.example.com/rss",
    origin: "config",
    trusted: true,
    addedAt: NOW,
  }).feed;
  const b = feeds.add({
    url: "https://b.example.com/rss",
    origin: "config",
    trusted: true,
    addedAt: NOW,
  }).feed;
  feedA = { id: a.id, url: a.url, title: "Feed A" };
  feedB = { id: b.id, url: b.url, title: "Feed B" };
});

afterEach(() => db.close());

function item(overrides: Partial<FeedItem>): FeedItem {
  return {
    title: "Soy exports rise",
    link: null,
    guid: null,
    contents: ["<p>Exports of soybeans rose.</p>"],
    published: null,
    baseUrl: "https://a.example.com/rss",
    ...overrides,
  };
}

function draft(n: number): ArticleDraft {
  return {
    title: `Story ${n}`,
    body: `Body of story number ${n}.`,
    url: null,
    guid: null,
    source: "test",
    publishedAt: NOW,
    feedId: null,
  };
}

describe("ingestFeedItems", () => {
  it("stores new items with their topics and counts them", async () => {
    const summary = await ingestFeedItems(
      deps,
      [item({ title: "Tariff talks", link: "https://a.example.com/1" })],
      feedA,
    );
    expect(summary).toMatchObject({ new: 1, duplicates: 0, rejected: 0 });
    const [stored] = createArticleRepository(db).latest({ limit: 5 });
    expect(stored).toMatchObject({
      title: "Tariff talks",
      url: "https://a.example.com/1",
      source: "Feed A",
      feedId: feedA.id,
    });
    expect(stored?.topics.map((t) => t.topic)).toEqual(["tariffs"]);
  });

  it("stores an item once when the same feed is polled again", async () => {
    const items = [
      item({ link: "https://a.example.com/1", guid: "1" }),
      item({ title: "Other", link: "https://a.example.com/2", guid: "2" }),
    ];
    await ingestFeedItems(deps, items, feedA);
    const again = await ingestFeedItems(deps, items, feedA);
    expect(again).toMatchObject({ new: 0, duplicates: 2 });
    expect(createArticleRepository(db).count()).toBe(2);
  });

  it("stores an item once when two feeds link the same story with different tracking tags", async () => {
    await ingestFeedItems(deps, [item({ link: "https://news.example.com/s?utm_source=a" })], feedA);
    const second = await ingestFeedItems(
      deps,
      [
        item({
          title: "Soy exports rise again",
          contents: ["Different text."],
          link: "https://NEWS.example.com/s?fbclid=x#top",
        }),
      ],
      feedB,
    );
    expect(second.results).toEqual([{ status: "duplicate", id: expect.any(Number), matchedBy: "url" }]);
  });

  it("stores an item once when two feeds carry the same globally unique GUID", async () => {
    await ingestFeedItems(deps, [item({ guid: "tag:wire.example,2024:9", title: "A" })], feedA);
    const second = await ingestFeedItems(
      deps,
      [item({ guid: "tag:wire.example,2024:9", title: "B", contents: ["Other."] })],
      feedB,
    );
    expect(second.results[0]).toMatchObject({ status: "duplicate", matchedBy: "guid" });
  });

  it("keeps items apart when two feeds use the same local GUID", async () => {
    await ingestFeedItems(deps, [item({ guid: "42", title: "A", contents: ["First body."] })], feedA);
    const second = await ingestFeedItems(
      deps,
      [item({ guid: "42", title: "B", contents: ["Second body."] })],
      feedB,
    );
    expect(second).toMatchObject({ new: 1, duplicates: 0 });
  });

  it("stores an item once when the same text arrives without URL or GUID", async () => {
    await ingestFeedItems(deps, [item({ title: "Soy exports <b>rise</b>" })], feedA);
    const second = await ingestFeedItems(deps, [item({ title: "Soy  exports rise!" })], feedB);
    expect(second.results[0]).toMatchObject({ status: "duplicate", matchedBy: "content" });
  });

  it("stores duplicates within one batch once", async () => {
    const summary = await ingestFeedItems(
      deps,
      [item({ link: "https://a.example.com/1" }), item({ link: "https://a.example.com/1" })],
      feedA,
    );
    expect(summary).toMatchObject({ new: 1, duplicates: 1 });
  });

  it("rejects items with neither title nor body and says why", async () => {
    const summary = await ingestFeedItems(
      deps,
      [item({ title: null, contents: [], guid: "7" }), item({})],
      feedA,
    );
    expect(summary).toMatchObject({ new: 1, rejected: 1 });
    expect(summary.rejections).toEqual([{ item: "7", reason: "item has neither a title nor a body" }]);
  });

  it("names the source by the feed's host when the feed has no title", async () => {
    await ingestFeedItems(deps, [item({})], { ...feedA, title: null });
    expect(createArticleRepository(db).latest({ limit: 1 })[0]?.source).toBe("a.example.com");
  });
});

describe("ingestDrafts", () => {
  it("stores many drafts across several chunks", async () => {
    const drafts = Array.from({ length: 45 }, (_, i) => draft(i));
    const summary = await ingestDrafts({ ...deps, chunkSize: 10 }, drafts);
    expect(summary).toMatchObject({ new: 45, duplicates: 0, rejected: 0 });
    expect(createArticleRepository(db).count()).toBe(45);
  });

  it("lets other work run between chunks", async () => {
    const drafts = Array.from({ length: 30 }, (_, i) => draft(i));
    let ranDuringIngest = false;
    let finished = false;
    const ingest = ingestDrafts({ ...deps, chunkSize: 10 }, drafts).then(() => {
      finished = true;
    });
    setImmediate(() => {
      ranDuringIngest =
        !finished && createArticleRepository(db).count() > 0 && createArticleRepository(db).count() < 30;
    });
    await ingest;
    expect(ranDuringIngest).toBe(true);
  });

  it("carries earlier rejections into the summary", async () => {
    const summary = await ingestDrafts(deps, [draft(1)], [{ item: "x.txt", reason: "empty file" }]);
    expect(summary).toMatchObject({ new: 1, rejected: 1 });
  });
});
