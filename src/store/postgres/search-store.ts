import type pg from "pg";
import type { RankedHit } from "../search-index.js";
import type { SearchStore } from "../store.js";
import { one, rows } from "./pool.js";
import { toTsQuery } from "./tsquery.js";

/**
 * Full-text search on PostgreSQL: the generated `articles.search` tsvector (title weight A, body
 * weight D) under a GIN index, ranked with ts_rank. With its default weights (A 1.0, D 0.1) a
 * title word counts ten times a body word, as in the SQLite index's bm25(10, 1). The score is
 * returned negated, so it reads like SQLite's bm25(): negative, lower is better. ts_rank_cd was
 * measured first and dropped: cover density scores most any-concept (OR) matches near zero, and
 * the answer article fell out of the top 20 for 44% of the labelled news questions (README).
 */
export function createPostgresSearchStore(pool: pg.Pool): SearchStore {
  const count = async (match: string, minId: number, limit: number) => {
    const q = toTsQuery(match, 3);
    if (!q) return 0;
    const row = await one<{ n: number }>(
      pool,
      `SELECT count(*) AS n FROM (SELECT 1 FROM articles WHERE search @@ ${q.sql} AND id >= $1 LIMIT $2) m`,
      [minId, limit, ...q.values],
    );
    return Number(row?.n ?? 0);
  };
  const lastId = async () =>
    Number((await one<{ id: number | null }>(pool, "SELECT max(id) AS id FROM articles"))?.id ?? 0);
  return {
    async documentCount() {
      return Number((await one<{ n: number }>(pool, "SELECT count(*) AS n FROM articles"))?.n ?? 0);
    },
    async estimateMatches(match, documents, exactUpTo, sample) {
      const counted = await count(match, 0, exactUpTo);
      if (counted < exactUpTo) return counted;
      if (documents <= sample) return count(match, 0, documents);
      const newest = await lastId();
      const inSample = await count(match, newest - sample + 1, sample);
      return Math.max(exactUpTo, Math.round((inSample * documents) / sample));
    },
    async rank(match, limit, minId = 0) {
      const q = toTsQuery(match, 3);
      if (!q) return [];
      const found = await rows<RankedHit>(
        pool,
        `SELECT id, -ts_rank(search, query.q) AS bm25 FROM articles, (SELECT ${q.sql} AS q) AS query
         WHERE search @@ query.q AND id >= $2 ORDER BY bm25, id LIMIT $1`,
        [limit, minId, ...q.values],
      );
      return found.map((h) => ({ id: Number(h.id), bm25: Number(h.bm25) }));
    },
    lastArticleId: lastId,
    async firstIdPublishedSince(since) {
      const row = await one<{ id: number | null }>(
        pool,
        "SELECT min(id) AS id FROM articles WHERE published_at >= $1",
        [since],
      );
      return row?.id === null || row?.id === undefined ? null : Number(row.id);
    },
  };
}
