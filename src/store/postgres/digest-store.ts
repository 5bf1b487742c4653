import type pg from "pg";
import {
  type CoveredArticle,
  type DigestAttempt,
  type DigestRecord,
  type DigestRow,
  toDigestRecord,
} from "../digest-repository.js";
import type { DigestStore } from "../store.js";
import { inTransaction, one, rows } from "./pool.js";

/**
 * Digest records on PostgreSQL, shared by every replica. Starting an attempt is a claim: the day's
 * row is locked (INSERT … ON CONFLICT, or SELECT … FOR UPDATE), and only a replica that finds it
 * free records "posting" with a lease (lease_until) in that same transaction. A row left "posting"
 * is free again once its lease has expired (the replica that claimed it died mid-post), and a
 * pending row once its retry time has come; a row another replica is posting is not.
 */
export function createPostgresDigestStore(pool: pg.Pool, leaseMs: number): DigestStore {
  const record = (row: DigestRow | undefined) => (row ? toDigestRecord(row) : undefined);

  async function start(
    status: "posting" | "empty",
    a: Omit<DigestAttempt, "articles">,
    articles: readonly CoveredArticle[],
  ): Promise<DigestRecord | null> {
    return inTransaction(pool, async (client) => {
      const existing = await one<DigestRow & { lease_until: number | null }>(
        client,
        "SELECT * FROM digests WHERE channel_id = $1 AND local_date = $2 FOR UPDATE",
        [a.channelId, a.localDate],
      );
      if (existing && existing.status !== "posting" && existing.status !== "pending") return null;
      if (existing?.status === "posting" && (existing.lease_until ?? 0) > a.now) return null;
      await client.query(
        `UPDATE digests SET status = 'superseded', next_attempt_at = NULL, lease_until = NULL, updated_at = $3
         WHERE channel_id = $1 AND local_date <> $2 AND status IN ('posting', 'pending')
           AND (status = 'pending' OR coalesce(lease_until, 0) <= $3)`,
        [a.channelId, a.localDate, a.now],
      );
      const row = await one<DigestRow>(
        client,
        `INSERT INTO digests (channel_id, local_date, scheduled_at, status, window_since, window_until, attempts,
           created_at, updated_at, lease_until, team_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10)
         ON CONFLICT (channel_id, local_date) DO UPDATE SET
           status = excluded.status, window_since = excluded.window_since, window_until = excluded.window_until,
           attempts = digests.attempts + excluded.attempts, next_attempt_at = NULL, error = NULL,
           updated_at = excluded.updated_at, lease_until = excluded.lease_until
         WHERE digests.status = 'pending' OR (digests.status = 'posting' AND coalesce(digests.lease_until, 0) <= $8)
         RETURNING *`,
        [
          a.channelId,
          a.localDate,
          a.scheduledAt,
          status,
          a.window.since,
          a.window.until,
          status === "posting" ? 1 : 0,
          a.now,
          status === "posting" ? a.now + leaseMs : null,
          a.teamId ?? "",
        ],
      );
      if (!row) return null;
      await client.query("DELETE FROM digest_articles WHERE digest_id = $1", [row.id]);
      if (articles.length > 0) {
        await client.query(
          `INSERT INTO digest_articles (digest_id, article_id, shown)
           SELECT $1, t.id, t.shown FROM unnest($2::bigint[], $3::int[]) AS t(id, shown)`,
          [row.id, articles.map((x) => x.id), articles.map((x) => (x.shown ? 1 : 0))],
        );
      }
      return toDigestRecord(row);
    });
  }

  const lastCompleted = async (channelId: string) =>
    one<DigestRow>(
      pool,
      `SELECT * FROM digests WHERE channel_id = $1 AND status IN ('sent', 'empty')
       ORDER BY window_until DESC, id DESC LIMIT 1`,
      [channelId],
    );

  return {
    async forDay(channelId, localDate) {
      return record(
        await one<DigestRow>(pool, "SELECT * FROM digests WHERE channel_id = $1 AND local_date = $2", [
          channelId,
          localDate,
        ]),
      );
    },
    async get(id) {
      return record(await one<DigestRow>(pool, "SELECT * FROM digests WHERE id = $1", [id]));
    },
    async lastCompleted(channelId) {
      return record(await lastCompleted(channelId));
    },
    async nextWindowSince(channelId) {
      const last = await lastCompleted(channelId);
      if (last) return last.window_until;
      const first = await one<{ since: number | null }>(
        pool,
        "SELECT min(window_since) AS since FROM digests WHERE channel_id = $1",
        [channelId],
      );
      return first?.since ?? null;
    },
    async lastSent(channelId) {
      return record(
        await one<DigestRow>(
          pool,
          "SELECT * FROM digests WHERE channel_id = $1 AND status = 'sent' ORDER BY sent_at DESC, id DESC LIMIT 1",
          [channelId],
        ),
      );
    },
    async recent(channelId, limit) {
      const found = await rows<DigestRow>(
        pool,
        "SELECT * FROM digests WHERE channel_id = $1 ORDER BY local_date DESC LIMIT $2",
        [channelId, limit],
      );
      return found.map(toDigestRecord);
    },
    async delivered(channelId, since) {
      const out = new Map<number, boolean>();
      const found = await rows<{ id: number; shown: number }>(
        pool,
        `SELECT da.article_id AS id, da.shown AS shown FROM digests d JOIN digest_articles da ON da.digest_id = d.id
         WHERE d.channel_id = $1 AND d.status = 'sent' AND d.window_until > $2`,
        [channelId, since],
      );
      for (const row of found) out.set(row.id, (out.get(row.id) ?? false) || row.shown === 1);
      return out;
    },
    async coveredArticles(digestId) {
      const found = await rows<{ id: number; shown: number }>(
        pool,
        "SELECT article_id AS id, shown FROM digest_articles WHERE digest_id = $1 ORDER BY article_id",
        [digestId],
      );
      return found.map((r) => ({ id: r.id, shown: r.shown === 1 }));
    },
    beginAttempt: (attempt) => start("posting", attempt, attempt.articles),
    recordEmpty: (attempt) => start("empty", attempt, []),
    async markSent(id, ts, now) {
      await pool.query(
        `UPDATE digests SET status = 'sent', slack_ts = $1, sent_at = $2, updated_at = $2, error = NULL,
           next_attempt_at = NULL, lease_until = NULL WHERE id = $3`,
        [ts, now, id],
      );
    },
    async markPending(id, failure) {
      await pool.query(
        `UPDATE digests SET status = 'pending', error = $1, next_attempt_at = $2, updated_at = $3, lease_until = NULL
         WHERE id = $4`,
        [failure.error, failure.nextAttemptAt, failure.now, id],
      );
    },
    async markFailed(id, failure) {
      await pool.query(
        `UPDATE digests SET status = 'failed', error = $1, next_attempt_at = NULL, updated_at = $2, lease_until = NULL
         WHERE id = $3`,
        [failure.error, failure.now, id],
      );
    },
  };
}
