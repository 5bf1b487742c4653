import type { Migration } from "../../migrate.js";

/**
 * Many workspaces, as SQLite's migration 011: `slack_installations` holds one row per workspace that
 * installed the app through Slack's OAuth flow (its bot token and who installed it), deleted when
 * the workspace uninstalls the app or revokes the token; subscriptions, digests and alerts carry the
 * team they belong to. Rows from before this migration get '' (the workspace of SLACK_BOT_TOKEN),
 * claimed for that team when the bot next starts with the token and OAuth on.
 */
export const workspaces: Migration = {
  version: 3,
  name: "workspaces: installations and rows keyed by team",
  sql: `
    CREATE TABLE slack_installations (
      team_id TEXT PRIMARY KEY,
      team_name TEXT,
      app_id TEXT,
      bot_token TEXT NOT NULL,
      bot_id TEXT NOT NULL,
      bot_user_id TEXT NOT NULL,
      bot_scopes TEXT NOT NULL,
      installed_by TEXT NOT NULL,
      installed_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );

    ALTER TABLE subscriptions ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE digests ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE alerts ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
    CREATE INDEX subscriptions_by_team ON subscriptions(team_id, channel_id);
    CREATE INDEX digests_by_team ON digests(team_id);
    CREATE INDEX alerts_by_team ON alerts(team_id);
  `,
};
