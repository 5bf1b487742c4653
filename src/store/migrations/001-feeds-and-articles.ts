import type { Migration } from "../migrate.js";

export const feedsAndArticles: Migration = {
  version: 1,
  name: "feeds and articles",
  sql: `
    CREATE TABLE feeds (
      id INTEGER PRIMARY KEY,
      url TEXT NOT NULL UNIQUE,
      title TEXT,
      origin TEXT NOT NULL,
      trusted INTEGER NOT NULL DEFAULT 1,
      added_by TEXT,
      added_at INTEGER NOT NULL,
      etag TEXT,
      last_modified TEXT,
      last_polled_at INTEGER,
      last_success_at INTEGER,
      last_error TEXT,
      last_error_at INTEGER,
      consecutive_failures INTEGER NOT NULL DEFAULT 0,
      next_poll_at INTEGER NOT NULL DEFAULT 0,
      items_seen INTEGER NOT NULL DEFAULT 0,
      items_stored INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE articles (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      url TEXT UNIQUE,
      guid TEXT UNIQUE,
      content_hash TEXT NOT NULL UNIQUE,
      source TEXT NOT NULL,
      feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
      published_at INTEGER NOT NULL,
      fetched_at INTEGER NOT NULL
    );
    CREATE INDEX articles_by_published ON articles(published_at DESC, id DESC);
    CREATE INDEX articles_by_fetched ON articles(fetched_at);

    CREATE TABLE article_topics (
      article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
      topic TEXT NOT NULL,
      score REAL NOT NULL,
      evidence TEXT NOT NULL,
      PRIMARY KEY (article_id, topic)
    ) WITHOUT ROWID;
    CREATE INDEX article_topics_by_topic ON article_topics(topic, article_id);
  `,
};
