import type { Database } from "better-sqlite3";

/** A workspace that installed the app through Slack's OAuth flow: the bot token it granted. */
export interface WorkspaceInstallation {
  teamId: string;
  teamName: string | null;
  appId: string | null;
  botToken: string;
  botId: string;
  botUserId: string;
  botScopes: string[];
  /** The Slack user who installed (or last reinstalled) the app. */
  installedBy: string;
  installedAt: number;
  updatedAt: number;
}

export interface InstallationRow {
  team_id: string;
  team_name: string | null;
  app_id: string | null;
  bot_token: string;
  bot_id: string;
  bot_user_id: string;
  bot_scopes: string;
  installed_by: string;
  installed_at: number;
  updated_at: number;
}

export const toInstallation = (r: InstallationRow): WorkspaceInstallation => ({
  teamId: r.team_id,
  teamName: r.team_name,
  appId: r.app_id,
  botToken: r.bot_token,
  botId: r.bot_id,
  botUserId: r.bot_user_id,
  botScopes: r.bot_scopes.split(",").filter((s) => s.length > 0),
  installedBy: r.installed_by,
  installedAt: r.installed_at,
  updatedAt: r.updated_at,
});

/**
 * Installations, one per workspace (SQLite migration 011, PostgreSQL migration 3). Async like Bolt's InstallationStore, so a
 * backend whose queries are asynchronous implements the same interface.
 */
export interface InstallationRepository {
  /** Records an install; a reinstall replaces the token and keeps the first install time. */
  save(installation: Omit<WorkspaceInstallation, "installedAt" | "updatedAt">, now: number): Promise<void>;
  find(teamId: string): Promise<WorkspaceInstallation | undefined>;
  /** Forgets a workspace's token (uninstalled or revoked); false when it had none. */
  remove(teamId: string): Promise<boolean>;
  list(): Promise<WorkspaceInstallation[]>;
}

export function createInstallationRepository(db: Database): InstallationRepository {
  const upsert = db.prepare(`
    INSERT INTO slack_installations (team_id, team_name, app_id, bot_token, bot_id, bot_user_id, bot_scopes,
      installed_by, installed_at, updated_at)
    VALUES (@teamId, @teamName, @appId, @botToken, @botId, @botUserId, @botScopes, @installedBy, @now, @now)
    ON CONFLICT (team_id) DO UPDATE SET
      team_name = excluded.team_name, app_id = excluded.app_id, bot_token = excluded.bot_token,
      bot_id = excluded.bot_id, bot_user_id = excluded.bot_user_id, bot_scopes = excluded.bot_scopes,
      installed_by = excluded.installed_by, updated_at = excluded.updated_at`);
  const byTeam = db.prepare("SELECT * FROM slack_installations WHERE team_id = ?");
  const remove = db.prepare("DELETE FROM slack_installations WHERE team_id = ?");
  const all = db.prepare("SELECT * FROM slack_installations ORDER BY team_id");

  return {
    async save(i, now) {
      upsert.run({
        teamId: i.teamId,
        teamName: i.teamName,
        appId: i.appId,
        botToken: i.botToken,
        botId: i.botId,
        botUserId: i.botUserId,
        botScopes: i.botScopes.join(","),
        installedBy: i.installedBy,
        now,
      });
    },
    async find(teamId) {
      const row = byTeam.get(teamId) as InstallationRow | undefined;
      return row ? toInstallation(row) : undefined;
    },
    async remove(teamId) {
      return remove.run(teamId).changes > 0;
    },
    async list() {
      return (all.all() as InstallationRow[]).map(toInstallation);
    },
  };
}
