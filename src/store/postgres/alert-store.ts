import type pg from "pg";
import { type AlertRow, toAlertRecord } from "../alert-repository.js";
import type { AlertStore } from "../store.js";
import { changed, one, rows } from "./pool.js";

/**
 * Instant alerts on PostgreSQL. `begin` is the claim: one INSERT … ON CONFLICT records "posting"
 * with a lease, and takes over an existing row only when it is pending or its lease has expired,
 * so two replicas never post the same alert (the row lock of ON CONFLICT orders them).
 */
export function createPostgresAlertStore(pool: pg.Pool, leaseMs: number): AlertStore {
  const ids = async (text: string, values: unknown[]) =>
    (await rows<{ id: number }>(pool, text, values)).map((r) => Number(r.id));
  return {
    async considered(channelId, since) {
      return new Set(
        await ids("SELECT article_id AS id FROM alerts WHERE channel_id = $1 AND created_at >= $2", [
          channelId,
          since,
        ]),
      );
    },
    async latestArticleId() {
      return Number((await one<{ id: number | null }>(pool, "SELECT max(id) AS id FROM articles"))?.id ?? 0);
    },
    async releaseUnwanted(now) {
      return changed(
        pool,
        `UPDATE alerts SET status = 'failed', next_attempt_at = NULL, updated_at = $1, lease_until = NULL,
           error = 'alerts were switched off or the channel unsubscribed before it went out; left for the digest'
         WHERE status IN ('posting', 'pending') AND channel_id IN (
           SELECT channel_id FROM subscriptions WHERE active = 0 OR alert_mode <> 'alerts')`,
        [now],
      );
    },
    async delivered(channelId, since) {
      return ids(
        `SELECT article_id AS id FROM alerts WHERE channel_id = $1 AND created_at >= $2
           AND status IN ('posting', 'pending', 'sent')`,
        [channelId, since],
      );
    },
    async countSince(channelId, since) {
      const row = await one<{ n: number }>(
        pool,
        `SELECT count(*) AS n FROM alerts WHERE channel_id = $1 AND created_at >= $2
           AND status IN ('posting', 'pending', 'sent')`,
        [channelId, since],
      );
      return Number(row?.n ?? 0);
    },
    async unfinished(channelId, now) {
      const found = await rows<AlertRow>(
        pool,
        `SELECT * FROM alerts WHERE channel_id = $1
           AND ((status = 'posting' AND coalesce(lease_until, 0) <= $2) OR (status = 'pending' AND next_attempt_at <= $2))
         ORDER BY id`,
        [channelId, now],
      );
      return found.map(toAlertRecord);
    },
    async begin(channelId, articleId, now, teamId = "") {
      const row = await one<AlertRow>(
        pool,
        `INSERT INTO alerts (channel_id, article_id, status, attempts, created_at, updated_at, lease_until, team_id)
         VALUES ($1, $2, 'posting', 1, $3, $3, $4, $5)
         ON CONFLICT (channel_id, article_id) DO UPDATE SET status = 'posting', attempts = alerts.attempts + 1,
           next_attempt_at = NULL, updated_at = excluded.updated_at, lease_until = excluded.lease_until
         WHERE alerts.status = 'pending' OR (alerts.status = 'posting' AND coalesce(alerts.lease_until, 0) <= $3)
         RETURNING *`,
        [channelId, articleId, now, now + leaseMs, teamId],
      );
      return row ? toAlertRecord(row) : null;
    },
    async recordCapped(channelId, articleId, now, teamId = "") {
      await pool.query(
        `INSERT INTO alerts (channel_id, article_id, status, created_at, updated_at, team_id)
         VALUES ($1, $2, 'capped', $3, $3, $4) ON CONFLICT DO NOTHING`,
        [channelId, articleId, now, teamId],
      );
    },
    async markSent(id, ts, now) {
      await pool.query(
        `UPDATE alerts SET status = 'sent', slack_ts = $1, sent_at = $2, updated_at = $2, error = NULL,
           lease_until = NULL WHERE id = $3`,
        [ts, now, id],
      );
    },
    async markPending(id, error, nextAttemptAt, now) {
      await pool.query(
        `UPDATE alerts SET status = 'pending', error = $1, next_attempt_at = $2, updated_at = $3, lease_until = NULL
         WHERE id = $4`,
        [error, nextAttemptAt, now, id],
      );
    },
    async markFailed(id, error, now) {
      await pool.query(
        "UPDATE alerts SET status = 'failed', error = $1, updated_at = $2, lease_until = NULL WHERE id = $3",
        [error, now, id],
      );
    },
  };
}
