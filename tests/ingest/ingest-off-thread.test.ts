import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createClassifier, toTopicMatches } from "../../src/classify/classifier.js";
import { builtInTopics, loadTopicDefinitions } from "../../src/classify/topics.js";
import { createManualClock } from "../../src/clock.js";
import { type IngestDeps, ingestDrafts, ingestFeedItems } from "../../src/ingest/ingest-articles.js";
import { createIngestOffThread, type IngestOffThread } from "../../src/ingest/ingest-off-thread.js";
import type { FeedItem } from "../../src/ingest/parse-feed.js";
import { createArticleRepository } from "../../src/store/article-repository.js";
import { type Database, openDatabase } from "../../src/store/open-database.js";
import { createSearchIndex } from "../../src/store/search-index.js";
import { promised } from "../../src/store/sqlite-store.js";

const NOW = Date.parse("2024-06-01T12:00:00Z");
const FEED = { id: null, url: "https://wire.example.com/rss", title: "Wire" };
const classifier = createClassifier(builtInTopics);
const classify = (input: { title: string; body: string }) => toTopicMatches(classifier.classify(input));

/** The labelled articles as feed items (HTML bodies, links), so normalising runs too. */
const items: FeedItem[] = readFileSync("tests/fixtures/labelled-articles.jsonl", "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line, i) => {
    const { title, body } = JSON.parse(line) as { title: string; body: string };
    return {
      title,
      link: `https://wire.example.com/story/${i}?utm_source=rss`,
      guid: String(i),
      contents: [`<p>${body.replaceAll("&", "&amp;").replaceAll("<", "&lt;")}</p>`],
      published: "Sat, 01 Jun 2024 10:00:00 GMT",
      baseUrl: FEED.url,
    };
  });

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function setUp(offThread?: (path: string) => IngestOffThread): { db: Database; deps: IngestDeps } {
  const dir = mkdtempSync(join(tmpdir(), "trade-news-off-thread-"));
  const path = join(dir, "test.db");
  const db = openDatabase(path);
  const worker = offThread?.(path);
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanup.push(() => db.close());
  if (worker) cleanup.push(() => worker.close());
  const deps = {
    articles: promised(createArticleRepository(db)),
    classify,
    clock: createManualClock(NOW),
    offThread: worker,
  };
  return { db, deps };
}

const stored = (db: Database) =>
  db
    .prepare(
      `SELECT a.id, a.title, a.body, a.url, a.guid, a.published_at, a.fetched_at,
        (SELECT json_group_array(json_array(t.topic, t.score, t.evidence)) FROM
          (SELECT * FROM article_topics WHERE article_id = a.id ORDER BY topic) t) AS topics
       FROM articles a ORDER BY a.id`,
    )
    .all();

describe("ingest in a worker thread", () => {
  it("stores exactly what ingesting on the main thread stores: text, keys, topics, scores, evidence", async () => {
    const main = setUp();
    const worker = setUp((path) => createIngestOffThread({ databasePath: path, topics: builtInTopics }));
    const inMain = await ingestFeedItems(main.deps, items, FEED);
    const inWorker = await ingestFeedItems(worker.deps, items, FEED);
    expect(inWorker).toEqual(inMain);
    expect(inWorker.new).toBe(items.length);
    expect(stored(worker.db)).toEqual(stored(main.db));
  });

  it("classifies with the topics it is given (TOPICS_FILE's), as the main thread does", async () => {
    const topics = loadTopicDefinitions("examples/topics.example.json", builtInTopics);
    const custom = createClassifier(topics);
    const main = setUp();
    main.deps.classify = (input) => toTopicMatches(custom.classify(input));
    const worker = setUp((path) => createIngestOffThread({ databasePath: path, topics }));
    await ingestFeedItems(main.deps, items, FEED);
    await ingestFeedItems(worker.deps, items, FEED);
    expect(stored(worker.db)).toEqual(stored(main.db));
    const used = worker.db.prepare("SELECT DISTINCT topic FROM article_topics ORDER BY topic").pluck().all();
    expect(used.length).toBeGreaterThan(builtInTopics.length);
  });

  it("leaves every stored article searchable from the main thread's connection", async () => {
    const { db, deps } = setUp((path) =>
      createIngestOffThread({ databasePath: path, topics: builtInTopics }),
    );
    const summary = await ingestFeedItems(deps, items.slice(0, 40), FEED);
    expect(summary.new).toBe(40);
    const index = createSearchIndex(db);
    for (const result of summary.results) {
      const article = createArticleRepository(db).get(result.id);
      const word = (article?.title.split(/[^A-Za-z]+/) ?? []).sort((a, b) => b.length - a.length)[0];
      const hits = index.rank(`"${word}"`, 100).map((h) => h.id);
      expect(hits).toContain(result.id);
    }
    expect(Number(db.prepare("SELECT count(*) FROM articles_fts_docsize").pluck().get())).toBe(40);
  });

  it("counts what is already stored as duplicates, across batches and re-runs", async () => {
    const { deps } = setUp((path) => createIngestOffThread({ databasePath: path, topics: builtInTopics }));
    const first = await ingestDrafts(deps, []);
    expect(first).toMatchObject({ new: 0, duplicates: 0 });
    await ingestFeedItems(deps, items.slice(0, 100), FEED);
    const again = await ingestFeedItems(deps, items, FEED);
    expect(items.length).toBeGreaterThan(200);
    expect(again).toMatchObject({ new: items.length - 100, duplicates: 100 });
  });

  it("falls back to the main thread, saying why, when the worker cannot run", async () => {
    const failures: string[] = [];
    const { db, deps } = setUp((path) =>
      createIngestOffThread({
        // a path under a file, which no thread can open
        databasePath: join(path, "test.db"),
        topics: builtInTopics,
        onFailure: (reason) => failures.push(reason),
      }),
    );
    const summary = await ingestFeedItems(deps, items.slice(0, 10), FEED);
    expect(summary.new).toBe(10);
    expect(createArticleRepository(db).count()).toBe(10);
    expect(failures[0]).toMatch(
      /ingest worker could not start: .*; ingesting 10 items on the main thread instead/,
    );
  });
});
