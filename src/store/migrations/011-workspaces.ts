import type { Migration } from "../migrate.js";

/**
 * Many workspaces. `slack_installations` holds one row per workspace that installed the app through
 * Slack's OAuth flow (/slack/install): its bot token and who installed it; a row is deleted when the
 * workspace uninstalls the app or revokes the token. Subscriptions, digests and alerts carry the
 * team they belong to. Rows from before this migration get '' ("the workspace of SLACK_BOT_TOKEN"):
 * a migration runs without Slack, so it cannot ask which team that is; the bot claims them for
 * SLACK_BOT_TOKEN's team (from auth.test) when it next starts with that token.
 */
export const workspaces: Migration = {
  version: 11,
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
      installed_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );

    ALTER TABLE subscriptions ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE digests ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE alerts ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
    CREATE INDEX subscriptions_by_team ON subscriptions(team_id, channel_id);
    CREATE INDEX digests_by_team ON digests(team_id);
    CREATE INDEX alerts_by_team ON alerts(team_id);
  `,
};
