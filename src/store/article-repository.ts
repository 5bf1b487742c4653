import type { Database } from "better-sqlite3";
import type { Article, ArticleDraft, TopicMatch } from "../articles/article.js";
import { contentHash } from "../articles/content-hash.js";

export type InsertResult =
  | { status: "new"; id: number }
  | { status: "duplicate"; id: number; matchedBy: "url" | "guid" | "content" };

export interface LatestQuery {
  topic?: string | undefined;
  limit: number;
  /** Only articles published at or after this instant (epoch ms). */
  since?: number | undefined;
}

export interface ArticleRow {
  id: number;
  title: string;
  body: string;
  url: string | null;
  guid: string | null;
  source: string;
  feed_id: number | null;
  published_at: number;
  fetched_at: number;
  topics: string | null;
}

const SELECT_ARTICLE = `
  SELECT a.id, a.title, a.body, a.url, a.guid, a.source, a.feed_id, a.published_at, a.fetched_at,
    (SELECT json_group_array(json_object('topic', t.topic, 'score', t.score, 'evidence', json(t.evidence)))
       FROM article_topics t WHERE t.article_id = a.id) AS topics
  FROM articles a`;

export function toArticle(row: ArticleRow): Article {
  const topics = (row.topics ? (JSON.parse(row.topics) as TopicMatch[]) : []).sort(
    (a, b) => b.score - a.score,
  );
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    url: row.url,
    guid: row.guid,
    source: row.source,
    feedId: row.feed_id,
    publishedAt: row.published_at,
    fetchedAt: row.fetched_at,
    topics,
  };
}

/** Articles and their topics. An article is stored once: same URL, same GUID or same text. */
export function createArticleRepository(db: Database) {
  const insertArticle = db.prepare(`
    INSERT OR IGNORE INTO articles (title, body, url, guid, content_hash, source, feed_id, published_at, fetched_at)
    VALUES (@title, @body, @url, @guid, @contentHash, @source, @feedId, @publishedAt, @fetchedAt)`);
  const insertTopic = db.prepare(
    "INSERT OR REPLACE INTO article_topics (article_id, topic, score, evidence) VALUES (?, ?, ?, ?)",
  );
  const byUrl = db.prepare("SELECT id FROM articles WHERE url = ?").pluck();
  const byGuid = db.prepare("SELECT id FROM articles WHERE guid = ?").pluck();
  const byContent = db.prepare("SELECT id FROM articles WHERE content_hash = ?").pluck();
  const getById = db.prepare(`${SELECT_ARTICLE} WHERE a.id = ?`);
  const latestAll = db.prepare(
    `${SELECT_ARTICLE} WHERE a.published_at >= @since ORDER BY a.published_at DESC, a.id DESC LIMIT @limit`,
  );
  const latestByTopic = db.prepare(`${SELECT_ARTICLE}
    WHERE a.id IN (SELECT article_id FROM article_topics WHERE topic = @topic) AND a.published_at >= @since
    ORDER BY a.published_at DESC, a.id DESC LIMIT @limit`);
  const digestCandidates = db.prepare(`${SELECT_ARTICLE}
    WHERE a.fetched_at >= @fetchedSince AND a.fetched_at < @fetchedUntil AND a.published_at >= @publishedSince
      AND EXISTS (SELECT 1 FROM article_topics t
        WHERE t.article_id = a.id AND t.topic IN (SELECT value FROM json_each(@topics)))
    ORDER BY a.fetched_at, a.id`);
  const count = db.prepare("SELECT count(*) FROM articles").pluck();
  const countByTopic = db.prepare("SELECT topic, count(*) AS n FROM article_topics GROUP BY topic");

  function findDuplicate(draft: ArticleDraft, hash: string): InsertResult | null {
    const url = draft.url ? (byUrl.get(draft.url) as number | undefined) : undefined;
    if (url !== undefined) return { status: "duplicate", id: url, matchedBy: "url" };
    const guid = draft.guid ? (byGuid.get(draft.guid) as number | undefined) : undefined;
    if (guid !== undefined) return { status: "duplicate", id: guid, matchedBy: "guid" };
    const content = byContent.get(hash) as number | undefined;
    if (content !== undefined) return { status: "duplicate", id: content, matchedBy: "content" };
    return null;
  }

  /**
   * The full-text index is fed here, one statement per chunk in the chunk's transaction (migration
   * 010), so a stored article is searchable as soon as it is committed. Without the index table
   * (dropped on purpose, as bench/ask.ts does to measure its cost) there is nothing to keep in step;
   * ensureSearchIndex rebuilds it from the stored articles when it is re-created.
   */
  const hasSearchIndex = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles_fts'")
    .get();
  const indexArticles = hasSearchIndex
    ? db.prepare(`INSERT INTO articles_fts (rowid, title, body)
        SELECT id, title, body FROM articles WHERE id IN (SELECT value FROM json_each(?))`)
    : null;

  function insertRow(draft: ArticleDraft, topics: readonly TopicMatch[], fetchedAt: number): InsertResult {
    const hash = contentHash(draft.title, draft.body, draft.url ?? draft.guid);
    const info = insertArticle.run({ ...draft, contentHash: hash, fetchedAt });
    if (info.changes === 0) {
      const duplicate = findDuplicate(draft, hash);
      if (!duplicate) throw new Error("article insert was ignored but no duplicate was found");
      return duplicate;
    }
    const id = Number(info.lastInsertRowid);
    for (const t of topics) insertTopic.run(id, t.topic, t.score, JSON.stringify(t.evidence));
    return { status: "new", id };
  }

  const insertAndIndex = db.transaction(
    (items: readonly { draft: ArticleDraft; topics: readonly TopicMatch[] }[], fetchedAt: number) => {
      const results = items.map((item) => insertRow(item.draft, item.topics, fetchedAt));
      const ids = results.flatMap((r) => (r.status === "new" ? [r.id] : []));
      if (indexArticles && ids.length > 0) indexArticles.run(JSON.stringify(ids));
      return results;
    },
  );

  return {
    /** Stores one article with its topics, or reports which existing article it duplicates. */
    insert(draft: ArticleDraft, topics: readonly TopicMatch[], fetchedAt: number): InsertResult {
      return insertAndIndex([{ draft, topics }], fetchedAt)[0] as InsertResult;
    },

    /**
     * Stores many articles in one transaction, with one full-text index statement for all of them
     * (much faster than one by one).
     */
    insertMany(
      items: readonly { draft: ArticleDraft; topics: readonly TopicMatch[] }[],
      fetchedAt: number,
    ): InsertResult[] {
      return insertAndIndex(items, fetchedAt);
    },

    get(id: number): Article | undefined {
      const row = getById.get(id) as ArticleRow | undefined;
      return row ? toArticle(row) : undefined;
    },

    /** Newest first, optionally for one topic. */
    latest(query: LatestQuery): Article[] {
      const params = { topic: query.topic, limit: query.limit, since: query.since ?? 0 };
      const rows = (query.topic ? latestByTopic.all(params) : latestAll.all(params)) as ArticleRow[];
      return rows.map(toArticle);
    },

    /**
     * Articles stored in [fetchedSince, fetchedUntil), published at or after publishedSince, tagged
     * with at least one of the topics, oldest stored first: the pool digests are built from.
     */
    digestCandidates(query: {
      fetchedSince: number;
      fetchedUntil: number;
      publishedSince: number;
      topics: readonly string[];
    }): Article[] {
      const rows = digestCandidates.all({ ...query, topics: JSON.stringify(query.topics) }) as ArticleRow[];
      return rows.map(toArticle);
    },

    count(): number {
      return Number(count.get());
    },

    countByTopic(): Record<string, number> {
      const out: Record<string, number> = {};
      for (const row of countByTopic.all() as { topic: string; n: number }[]) out[row.topic] = row.n;
      return out;
    },
  };
}

export type ArticleRepository = ReturnType<typeof createArticleRepository>;
