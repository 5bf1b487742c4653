/**
 * The ingest pipeline's stages one at a time over every item (`npm run bench -- ingest --profile`):
 * each stage alone, so their shares show where the pipeline's time goes.
 */
import { performance } from "node:perf_hooks";
import type { ArticleDraft, TopicMatch } from "../src/articles/article.js";
import { decodeBody } from "../src/ingest/decode-body.js";
import type { ClassifyArticle } from "../src/ingest/ingest-articles.js";
import { normaliseItem } from "../src/ingest/normalise-item.js";
import { type FeedItem, parseFeed } from "../src/ingest/parse-feed.js";
import { createArticleRepository } from "../src/store/article-repository.js";
import { openDatabase } from "../src/store/open-database.js";
import { BENCH_NOW, type BenchFeed, readFeed } from "./support-ingest-feeds.js";

export type StageTimes = Record<string, number>;

const CHUNK = 200;

/**
 * Runs each stage over all feeds in turn and returns the milliseconds each took; `splitStore`
 * also stores everything again without the full-text index, to show the index's part.
 */
export async function timeStages(
  feeds: readonly BenchFeed[],
  classify: ClassifyArticle,
  dbPath: (name: string) => string,
  options: { splitStore: boolean },
): Promise<StageTimes> {
  const times: StageTimes = {};
  const time = async <T>(stage: string, work: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    times[stage] = performance.now() - started;
    return result;
  };
  const parsed = await time("decode + parse (rss-parser)", async () => {
    const out: { url: string; items: FeedItem[] }[] = [];
    for (const feed of feeds) {
      const result = await parseFeed(decodeBody(readFeed(feed), "application/rss+xml").text, feed.url);
      if (result.ok) out.push({ url: feed.url, items: result.items });
    }
    return out;
  });
  const drafts = await time("normalise", () =>
    parsed.flatMap(({ url, items }) =>
      items.flatMap((item) => {
        const n = normaliseItem(item, { feedId: null, feedUrl: url, source: "bench", now: BENCH_NOW });
        return n.ok ? [n.draft] : [];
      }),
    ),
  );
  const classified: { draft: ArticleDraft; topics: TopicMatch[] }[] = await time("classify", () =>
    drafts.map((draft) => ({ draft, topics: classify(draft) })),
  );
  const store = (name: string, withIndex: boolean) => {
    const db = openDatabase(dbPath(name));
    if (!withIndex) db.exec(DROP_SEARCH_INDEX);
    const articles = createArticleRepository(db);
    for (let i = 0; i < classified.length; i += CHUNK)
      articles.insertMany(classified.slice(i, i + CHUNK), BENCH_NOW);
    db.close();
  };
  await time(`store (${CHUNK} per transaction)`, () => store("stages", true));
  if (options.splitStore) {
    const started = performance.now();
    store("stages-no-index", false);
    times["  of which rows, keys, topics (no FTS index)"] = performance.now() - started;
  }
  return times;
}

const DROP_SEARCH_INDEX = `
  DROP TRIGGER IF EXISTS articles_fts_after_delete;
  DROP TRIGGER IF EXISTS articles_fts_after_update;
  DROP TABLE articles_fts;`;
