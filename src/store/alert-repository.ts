import type { Database } from "better-sqlite3";

/** See migration 006: where one channel's alert for one article stands. */
export type AlertStatus = "posting" | "pending" | "sent" | "capped" | "failed";

export interface AlertRecord {
  id: number;
  channelId: string;
  /** The channel's workspace when the alert was recorded ('' when unknown: see migration 011). */
  teamId: string;
  articleId: number;
  status: AlertStatus;
  attempts: number;
  nextAttemptAt: number | null;
  createdAt: number;
}

export interface AlertRow {
  id: number;
  channel_id: string;
  team_id?: string;
  article_id: number;
  status: AlertStatus;
  attempts: number;
  next_attempt_at: number | null;
  created_at: number;
}

export const toAlertRecord = (r: AlertRow): AlertRecord => ({
  id: r.id,
  channelId: r.channel_id,
  teamId: r.team_id ?? "",
  articleId: r.article_id,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  createdAt: r.created_at,
});

/**
 * Instant alerts, one row per channel and article (UNIQUE): recorded as posting before the post
 * and as sent with Slack's ts after it, the same bracket as digests, so a restart re-posts only an
 * alert whose post may not have reached Slack and never one recorded as sent.
 */
export function createAlertRepository(db: Database) {
  const considered = db
    .prepare("SELECT article_id FROM alerts WHERE channel_id = ? AND created_at >= ?")
    .pluck();
  const latestArticle = db.prepare("SELECT coalesce(max(id), 0) FROM articles").pluck();
  const release = db.prepare(`UPDATE alerts SET status = 'failed', next_attempt_at = NULL, updated_at = @now,
      error = 'alerts were switched off or the channel unsubscribed before it went out; left for the digest'
    WHERE status IN ('posting', 'pending') AND channel_id IN (
      SELECT channel_id FROM subscriptions WHERE active = 0 OR alert_mode <> 'alerts')`);
  const delivered = db
    .prepare(`SELECT article_id FROM alerts WHERE channel_id = ? AND created_at >= ?
      AND status IN ('posting', 'pending', 'sent')`)
    .pluck();
  const countSince = db
    .prepare(`SELECT count(*) FROM alerts WHERE channel_id = ? AND created_at >= ?
      AND status IN ('posting', 'pending', 'sent')`)
    .pluck();
  const unfinished = db.prepare(`SELECT * FROM alerts WHERE channel_id = ?
    AND (status = 'posting' OR (status = 'pending' AND next_attempt_at <= ?)) ORDER BY id`);
  const begin = db.prepare(`
    INSERT INTO alerts (channel_id, article_id, status, attempts, created_at, updated_at, team_id)
    VALUES (@channelId, @articleId, 'posting', 1, @now, @now, @teamId)
    ON CONFLICT (channel_id, article_id) DO UPDATE SET status = 'posting', attempts = alerts.attempts + 1,
      next_attempt_at = NULL, updated_at = excluded.updated_at
    WHERE alerts.status IN ('posting', 'pending')
    RETURNING *`);
  const capped =
    db.prepare(`INSERT OR IGNORE INTO alerts (channel_id, article_id, status, created_at, updated_at, team_id)
    VALUES (?, ?, 'capped', ?, ?, ?)`);
  const markSent = db.prepare(
    "UPDATE alerts SET status = 'sent', slack_ts = ?, sent_at = ?, updated_at = ?, error = NULL WHERE id = ?",
  );
  const markPending = db.prepare(
    "UPDATE alerts SET status = 'pending', error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?",
  );
  const markFailed = db.prepare(
    "UPDATE alerts SET status = 'failed', error = ?, updated_at = ? WHERE id = ?",
  );

  return {
    /** Articles considered for the channel (alerted, capped, failed) since `since`. */
    considered(channelId: string, since: number): Set<number> {
      return new Set(considered.all(channelId, since) as number[]);
    },
    /** The newest stored article's id (0 for none): the alert sender scans only when it grows. */
    latestArticleId(): number {
      return Number(latestArticle.get());
    },
    /**
     * Unfinished alerts of channels that no longer want alerts (switched off, unsubscribed) are
     * settled as failed: no longer delivered, so their articles go in the digest instead.
     */
    releaseUnwanted(now: number): number {
      return release.run({ now }).changes;
    },
    /** Articles alerted (or being alerted) to the channel since `since`: the digest leaves them out. */
    delivered(channelId: string, since: number): number[] {
      return delivered.all(channelId, since) as number[];
    },
    /** Alerts counted against the hourly cap: those recorded since `since`. */
    countSince(channelId: string, since: number): number {
      return Number(countSince.get(channelId, since));
    },
    /** Alerts to post again: left posting by a stopped process, or pending and due. */
    unfinished(channelId: string, now: number): AlertRecord[] {
      return (unfinished.all(channelId, now) as AlertRow[]).map(toAlertRecord);
    },
    /** Records the attempt before posting; null when the alert is already settled. */
    begin(channelId: string, articleId: number, now: number, teamId = ""): AlertRecord | null {
      const row = begin.get({ channelId, articleId, now, teamId }) as AlertRow | undefined;
      return row ? toAlertRecord(row) : null;
    },
    /** Over the hourly cap: never alerted, left for the digest. */
    recordCapped(channelId: string, articleId: number, now: number, teamId = ""): void {
      capped.run(channelId, articleId, now, now, teamId);
    },
    markSent(id: number, ts: string, now: number): void {
      markSent.run(ts, now, now, id);
    },
    markPending(id: number, error: string, nextAttemptAt: number, now: number): void {
      markPending.run(error, nextAttemptAt, now, id);
    },
    markFailed(id: number, error: string, now: number): void {
      markFailed.run(error, now, id);
    },
  };
}

export type AlertRepository = ReturnType<typeof createAlertRepository>;
