import type { Migration } from "../migrate.js";

/**
 * One row per channel and article considered for an instant alert (UNIQUE, so never twice):
 * posting (recorded before the post), sent (Slack's ts), pending (retry later), capped (over the
 * hourly cap: left for the digest), failed (Slack rejected it). Sent and posting rows count as
 * delivered, so the digest never repeats them.
 */
export const alerts: Migration = {
  version: 6,
  name: "instant alerts",
  sql: `
    CREATE TABLE alerts (
      id INTEGER PRIMARY KEY,
      channel_id TEXT NOT NULL,
      article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
      status TEXT NOT NULL CHECK (status IN ('posting', 'pending', 'sent', 'capped', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      sent_at INTEGER,
      slack_ts TEXT,
      error TEXT,
      UNIQUE (channel_id, article_id)
    );
    CREATE INDEX alerts_by_channel_time ON alerts(channel_id, created_at);
  `,
};
