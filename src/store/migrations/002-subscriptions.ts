import type { Migration } from "../migrate.js";

export const subscriptions: Migration = {
  version: 2,
  name: "subscriptions",
  sql: `
    CREATE TABLE subscriptions (
      channel_id TEXT PRIMARY KEY,
      topics TEXT NOT NULL,
      local_time TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      subscribed_by TEXT NOT NULL,
      subscribed_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      active INTEGER NOT NULL DEFAULT 1,
      paused_reason TEXT,
      paused_at INTEGER
    );
  `,
};
