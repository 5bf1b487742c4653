import type { Database } from "better-sqlite3";

/**
 * Where a channel's digest for one local day stands.
 * - posting: the attempt is recorded and the post may be in flight (or the process died during it);
 * - pending: not posted yet (Slack failing, or the channel paused); retried from next_attempt_at;
 * - sent: Slack accepted it (slack_ts set); empty: nothing new and empty digests are skipped;
 * - failed: Slack rejected the message (a rendering bug); not retried that day;
 * - superseded: never known to be posted, replaced by a later day's digest that covers its window.
 */
export type DigestStatus = "posting" | "pending" | "sent" | "empty" | "failed" | "superseded";

export interface DigestRecord {
  id: number;
  channelId: string;
  /** The channel's workspace when the record was written ('' when unknown: see migration 011). */
  teamId: string;
  /** "YYYY-MM-DD" in the channel's time zone: the day this digest is for. */
  localDate: string;
  /** The instant the digest was scheduled for (epoch ms). */
  scheduledAt: number;
  status: DigestStatus;
  /** Articles stored (fetchedAt) in [windowSince, windowUntil) were considered. */
  windowSince: number;
  windowUntil: number;
  attempts: number;
  nextAttemptAt: number | null;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
  slackTs: string | null;
  error: string | null;
}

/** An article a digest covers; `shown` is false for those only counted in "and N more". */
export interface CoveredArticle {
  id: number;
  shown: boolean;
}

export interface DigestAttempt {
  channelId: string;
  /** The channel's workspace (its subscription's team); '' when unknown. */
  teamId?: string;
  localDate: string;
  scheduledAt: number;
  window: { since: number; until: number };
  articles: readonly CoveredArticle[];
  now: number;
}

export interface DigestRow {
  id: number;
  channel_id: string;
  team_id?: string;
  local_date: string;
  scheduled_at: number;
  status: DigestStatus;
  window_since: number;
  window_until: number;
  attempts: number;
  next_attempt_at: number | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
  slack_ts: string | null;
  error: string | null;
}

export function toDigestRecord(row: DigestRow): DigestRecord {
  return {
    id: row.id,
    channelId: row.channel_id,
    teamId: row.team_id ?? "",
    localDate: row.local_date,
    scheduledAt: row.scheduled_at,
    status: row.status,
    windowSince: row.window_since,
    windowUntil: row.window_until,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
    slackTs: row.slack_ts,
    error: row.error,
  };
}

/**
 * Digest records: at most one per channel per local day (a UNIQUE key), each with the articles it
 * covers. Every write is one synchronous statement or transaction, so a crash leaves either the
 * state before or the state after it.
 */
export function createDigestRepository(db: Database) {
  const forDay = db.prepare("SELECT * FROM digests WHERE channel_id = ? AND local_date = ?");
  const byId = db.prepare("SELECT * FROM digests WHERE id = ?");
  const lastCompleted = db.prepare(`SELECT * FROM digests WHERE channel_id = ? AND status IN ('sent', 'empty')
    ORDER BY window_until DESC, id DESC LIMIT 1`);
  const firstSince = db.prepare("SELECT min(window_since) FROM digests WHERE channel_id = ?").pluck();
  const lastSent = db.prepare(
    "SELECT * FROM digests WHERE channel_id = ? AND status = 'sent' ORDER BY sent_at DESC, id DESC LIMIT 1",
  );
  const recent = db.prepare("SELECT * FROM digests WHERE channel_id = ? ORDER BY local_date DESC LIMIT ?");
  const supersede =
    db.prepare(`UPDATE digests SET status = 'superseded', next_attempt_at = NULL, updated_at = @now
    WHERE channel_id = @channelId AND local_date <> @localDate AND status IN ('posting', 'pending')`);
  const upsert = db.prepare(`
    INSERT INTO digests (channel_id, local_date, scheduled_at, status, window_since, window_until, attempts,
      created_at, updated_at, team_id)
    VALUES (@channelId, @localDate, @scheduledAt, @status, @since, @until, @attempts, @now, @now, @teamId)
    ON CONFLICT (channel_id, local_date) DO UPDATE SET
      status = excluded.status, window_since = excluded.window_since, window_until = excluded.window_until,
      attempts = digests.attempts + excluded.attempts, next_attempt_at = NULL, error = NULL,
      updated_at = excluded.updated_at
    WHERE digests.status IN ('posting', 'pending')
    RETURNING *`);
  const clearArticles = db.prepare("DELETE FROM digest_articles WHERE digest_id = ?");
  const addArticle = db.prepare(
    "INSERT INTO digest_articles (digest_id, article_id, shown) VALUES (?, ?, ?)",
  );
  const delivered = db.prepare(`SELECT da.article_id AS id, da.shown AS shown
    FROM digests d JOIN digest_articles da ON da.digest_id = d.id
    WHERE d.channel_id = ? AND d.status = 'sent' AND d.window_until > ?`);
  const covered = db.prepare(
    "SELECT article_id AS id, shown FROM digest_articles WHERE digest_id = ? ORDER BY article_id",
  );
  const markSent = db.prepare(`UPDATE digests SET status = 'sent', slack_ts = ?, sent_at = ?, updated_at = ?,
    error = NULL, next_attempt_at = NULL WHERE id = ?`);
  const markPending = db.prepare(
    "UPDATE digests SET status = 'pending', error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?",
  );
  const markFailed = db.prepare(
    "UPDATE digests SET status = 'failed', error = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ?",
  );

  function start(
    status: "posting" | "empty",
    a: Omit<DigestAttempt, "articles">,
    articles: readonly CoveredArticle[],
  ): DigestRecord | null {
    return db.transaction(() => {
      const existing = forDay.get(a.channelId, a.localDate) as DigestRow | undefined;
      if (existing && existing.status !== "posting" && existing.status !== "pending") return null;
      supersede.run({ channelId: a.channelId, localDate: a.localDate, now: a.now });
      const row = upsert.get({
        channelId: a.channelId,
        teamId: a.teamId ?? "",
        localDate: a.localDate,
        scheduledAt: a.scheduledAt,
        status,
        since: a.window.since,
        until: a.window.until,
        attempts: status === "posting" ? 1 : 0,
        now: a.now,
      }) as DigestRow | undefined;
      if (!row) return null;
      clearArticles.run(row.id);
      for (const article of articles) addArticle.run(row.id, article.id, article.shown ? 1 : 0);
      return toDigestRecord(row);
    })();
  }

  return {
    /** The record of a channel's digest for a local day, if any. */
    forDay(channelId: string, localDate: string): DigestRecord | undefined {
      const row = forDay.get(channelId, localDate) as DigestRow | undefined;
      return row ? toDigestRecord(row) : undefined;
    },

    get(id: number): DigestRecord | undefined {
      const row = byId.get(id) as DigestRow | undefined;
      return row ? toDigestRecord(row) : undefined;
    },

    /** The latest digest that settled its window (sent, or skipped as empty): the next one starts at its end. */
    lastCompleted(channelId: string): DigestRecord | undefined {
      const row = lastCompleted.get(channelId) as DigestRow | undefined;
      return row ? toDigestRecord(row) : undefined;
    },

    /**
     * Where a channel's next digest window starts: the end of its last completed digest; before
     * any completed, the start of its first attempt (one that failed hands its articles on); null
     * for a channel that never had a digest.
     */
    nextWindowSince(channelId: string): number | null {
      const last = lastCompleted.get(channelId) as DigestRow | undefined;
      if (last) return last.window_until;
      const first = firstSince.get(channelId) as number | null | undefined;
      return first ?? null;
    },

    /** The latest digest Slack accepted, for /trade status. */
    lastSent(channelId: string): DigestRecord | undefined {
      const row = lastSent.get(channelId) as DigestRow | undefined;
      return row ? toDigestRecord(row) : undefined;
    },

    /** A channel's digests, newest day first. */
    recent(channelId: string, limit: number): DigestRecord[] {
      return (recent.all(channelId, limit) as DigestRow[]).map(toDigestRecord);
    },

    /**
     * Articles already delivered to a channel (in sent digests whose window ended after `since`),
     * mapped to whether they were shown or only counted.
     */
    delivered(channelId: string, since: number): Map<number, boolean> {
      const out = new Map<number, boolean>();
      for (const row of delivered.all(channelId, since) as { id: number; shown: number }[]) {
        out.set(row.id, (out.get(row.id) ?? false) || row.shown === 1);
      }
      return out;
    },

    /** The articles a digest covers. */
    coveredArticles(digestId: number): CoveredArticle[] {
      return (covered.all(digestId) as { id: number; shown: number }[]).map((r) => ({
        id: r.id,
        shown: r.shown === 1,
      }));
    },

    /**
     * Records, before posting, that the day's digest is being posted with these articles (one
     * transaction). Unsent digests of earlier days are superseded: this one covers their window.
     * Returns null when the day's digest is already settled (sent, empty or failed).
     */
    beginAttempt(attempt: DigestAttempt): DigestRecord | null {
      return start("posting", attempt, attempt.articles);
    },

    /** Records that the day had nothing new and nothing was posted (empty digests skipped). */
    recordEmpty(attempt: Omit<DigestAttempt, "articles">): DigestRecord | null {
      return start("empty", attempt, []);
    },

    markSent(id: number, ts: string, now: number): void {
      markSent.run(ts, now, now, id);
    },

    /** Not posted; due again from `nextAttemptAt`. */
    markPending(id: number, failure: { error: string; nextAttemptAt: number; now: number }): void {
      markPending.run(failure.error, failure.nextAttemptAt, failure.now, id);
    },

    /** Rejected by Slack: settled for the day, its articles stay undelivered. */
    markFailed(id: number, failure: { error: string; now: number }): void {
      markFailed.run(failure.error, failure.now, id);
    },
  };
}

export type DigestRepository = ReturnType<typeof createDigestRepository>;
