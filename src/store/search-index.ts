/**
 * The database edge of search: the FTS5 index created by migration 004 (fed in bulk by the
 * article repository since migration 010), queried with BM25
 * (title weighted ten times the body), and the start-up check that rebuilds it when it is
 * missing or out of step with `articles`.
 */
import type { Database } from "better-sqlite3";
import { BULK_SEARCH_SCHEMA } from "./migrations/010-search-index-in-bulk.js";

export interface RankedHit {
  id: number;
  /** SQLite's bm25(): negative, lower is better. */
  bm25: number;
}

export interface SearchIndexCheck {
  rebuilt: boolean;
  /** Why it was rebuilt, for the start-up log; null when it was in step. */
  reason: string | null;
}

interface Extent {
  n: number;
  last: number | null;
}

/** Prepared statements over the index; one per database, created once. */
export function createSearchIndex(db: Database) {
  const countArticles = db.prepare("SELECT count(*) FROM articles").pluck();
  const countCapped = db
    .prepare(
      "SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? LIMIT ?)",
    )
    .pluck();
  const lastId = db.prepare("SELECT max(id) FROM articles").pluck();
  const ranked = db.prepare(`
    SELECT rowid AS id, bm25(articles_fts, 10.0, 1.0) AS bm25 FROM articles_fts
    WHERE articles_fts MATCH @match AND rowid >= @minId
    ORDER BY bm25 LIMIT @limit`);
  const byRank = db
    .prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?")
    .pluck();
  const firstIdSince = db
    .prepare("SELECT min(id) FROM articles INDEXED BY articles_by_published WHERE published_at >= ?")
    .pluck();

  return {
    /** How many articles are stored (and indexed, when in step). */
    documentCount(): number {
      return Number(countArticles.get());
    },

    /**
     * How many articles match. Counts exactly up to `exactUpTo`; beyond that, extrapolates from the
     * newest `sample` articles, so a word in every article costs no more than a rare one.
     */
    estimateMatches(match: string, documents: number, exactUpTo: number, sample: number): number {
      const counted = Number(countCapped.get(match, 0, exactUpTo));
      if (counted < exactUpTo) return counted;
      if (documents <= sample) return Number(countCapped.get(match, 0, documents));
      const newest = Number(lastId.get() ?? 0);
      const inSample = Number(countCapped.get(match, newest - sample + 1, sample));
      return Math.max(exactUpTo, Math.round((inSample * documents) / sample));
    },

    /** Best BM25 matches, optionally only among articles stored at or after row `minId`. */
    rank(match: string, limit: number, minId = 0): RankedHit[] {
      return ranked.all({ match, limit, minId }) as RankedHit[];
    },

    /** The plain `MATCH … ORDER BY rank` query, the benchmark's baseline. */
    matchByRank(match: string, limit: number): number[] {
      return byRank.all(match, limit).map(Number);
    },

    /** The newest article's id (0 when there is none). */
    lastArticleId(): number {
      return Number(lastId.get() ?? 0);
    },

    /** The lowest article id published at or after `since`, or null when none is. */
    firstIdPublishedSince(since: number): number | null {
      const id = firstIdSince.get(since);
      return id === null || id === undefined ? null : Number(id);
    },
  };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;

/** Bytes the database file uses in all, and the part the full-text index takes (for the benchmark). */
export function measureSearchIndex(db: Database): { totalBytes: number; indexBytes: number } {
  const pageSize = Number(db.pragma("page_size", { simple: true }));
  const pages = Number(db.pragma("page_count", { simple: true }));
  const indexBytes = Number(
    db.prepare("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'articles_fts%'").pluck().get(),
  );
  return { totalBytes: pageSize * pages, indexBytes };
}

/**
 * Start-up check: re-creates the index and its delete/update triggers if they were dropped, and
 * rebuilds it from `articles` when the number of indexed rows differs from the number stored (for
 * example after articles were written by a tool that bypassed the article repository).
 */
export function ensureSearchIndex(db: Database): SearchIndexCheck {
  const existed = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles_fts'")
    .get();
  db.exec(BULK_SEARCH_SCHEMA);
  const rebuild = () => db.exec("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')");
  if (!existed) {
    rebuild();
    return {
      rebuilt: true,
      reason: "the search index was missing; it was re-created from the stored articles",
    };
  }
  const stored = db.prepare("SELECT count(*) AS n, max(id) AS last FROM articles").get() as Extent;
  const indexed = db
    .prepare("SELECT count(*) AS n, max(id) AS last FROM articles_fts_docsize")
    .get() as Extent;
  if (stored.n === indexed.n && stored.last === indexed.last) return { rebuilt: false, reason: null };
  rebuild();
  return {
    rebuilt: true,
    reason: `the search index held ${indexed.n} articles (last id ${indexed.last}) but ${stored.n} are stored (last id ${stored.last}); it was rebuilt`,
  };
}
