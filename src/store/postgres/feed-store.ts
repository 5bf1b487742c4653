import type pg from "pg";
import { type FeedRow, toFeed } from "../feed-repository.js";
import type { FeedStore } from "../store.js";
import { changed, one, rows } from "./pool.js";

/** Feeds, their conditional-GET validators and their health, on PostgreSQL. */
export function createPostgresFeedStore(pool: pg.Pool): FeedStore {
  const byUrl = async (url: string) => one<FeedRow>(pool, "SELECT * FROM feeds WHERE url = $1", [url]);
  return {
    async list() {
      return (await rows<FeedRow>(pool, "SELECT * FROM feeds ORDER BY id")).map(toFeed);
    },
    async get(id) {
      const row = await one<FeedRow>(pool, "SELECT * FROM feeds WHERE id = $1", [id]);
      return row ? toFeed(row) : undefined;
    },
    async findByUrl(url) {
      const row = await byUrl(url);
      return row ? toFeed(row) : undefined;
    },
    async add(feed) {
      const created = await changed(
        pool,
        `INSERT INTO feeds (url, origin, trusted, added_by, added_at, next_poll_at)
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (url) DO NOTHING`,
        [feed.url, feed.origin, feed.trusted ? 1 : 0, feed.addedBy ?? null, feed.addedAt],
      );
      return { feed: toFeed((await byUrl(feed.url)) as FeedRow), created: created > 0 };
    },
    async remove(url) {
      return (await changed(pool, "DELETE FROM feeds WHERE url = $1", [url])) > 0;
    },
    async due(now) {
      const found = await rows<FeedRow>(
        pool,
        "SELECT * FROM feeds WHERE next_poll_at <= $1 ORDER BY next_poll_at, id",
        [now],
      );
      return found.map(toFeed);
    },
    async claimDue(now, leaseMs) {
      // One statement: lock the due rows other replicas have not locked, and lease them.
      const found = await rows<FeedRow & { was: number }>(
        pool,
        `WITH due AS (
           SELECT id, next_poll_at AS was FROM feeds WHERE next_poll_at <= $1
           ORDER BY next_poll_at, id FOR UPDATE SKIP LOCKED)
         UPDATE feeds f SET next_poll_at = $1 + $2 FROM due WHERE f.id = due.id
         RETURNING f.*, due.was`,
        [now, leaseMs],
      );
      return found
        .sort((a, b) => a.was - b.was || a.id - b.id)
        .map((row) => toFeed({ ...row, next_poll_at: row.was }));
    },
    async releaseClaim(id, nextPollAt) {
      await pool.query("UPDATE feeds SET next_poll_at = $1 WHERE id = $2", [nextPollAt, id]);
    },
    async scheduleAll(at) {
      await pool.query("UPDATE feeds SET next_poll_at = $1", [at]);
    },
    async recordSuccess(id, r) {
      await pool.query(
        `UPDATE feeds SET
           title = coalesce($2, title), etag = $3, last_modified = $4,
           last_polled_at = $5, last_success_at = $5, consecutive_failures = 0, next_poll_at = $6,
           items_seen = coalesce($7, items_seen), items_stored = items_stored + $8
         WHERE id = $1`,
        [id, r.title, r.etag, r.lastModified, r.at, r.nextPollAt, r.itemsSeen, r.itemsStored],
      );
    },
    async recordFailure(id, failed) {
      await pool.query(
        `UPDATE feeds SET
           last_polled_at = $2, last_error = $3, last_error_at = $2,
           consecutive_failures = consecutive_failures + 1, next_poll_at = $4
         WHERE id = $1`,
        [id, failed.at, failed.error, failed.nextPollAt],
      );
    },
  };
}
