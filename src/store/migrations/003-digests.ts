import type { Migration } from "../migrate.js";

/**
 * One row per channel per local day ("YYYY-MM-DD" in the channel's zone), written before the post
 * and completed with Slack's ts after it; the articles each digest covered, so none is repeated.
 */
export const digests: Migration = {
  version: 3,
  name: "digests",
  sql: `
    CREATE TABLE digests (
      id INTEGER PRIMARY KEY,
      channel_id TEXT NOT NULL,
      local_date TEXT NOT NULL,
      scheduled_at INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('posting', 'pending', 'sent', 'empty', 'failed', 'superseded')),
      window_since INTEGER NOT NULL,
      window_until INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      sent_at INTEGER,
      slack_ts TEXT,
      error TEXT,
      UNIQUE (channel_id, local_date)
    );
    CREATE INDEX digests_by_channel_window ON digests(channel_id, window_until);

    CREATE TABLE digest_articles (
      digest_id INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE,
      article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
      shown INTEGER NOT NULL,
      PRIMARY KEY (digest_id, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX digest_articles_by_article ON digest_articles(article_id);
  `,
};
