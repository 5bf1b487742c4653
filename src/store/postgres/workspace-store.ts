import type pg from "pg";
import {
  type InstallationRepository,
  type InstallationRow,
  toInstallation,
} from "../installation-repository.js";
import type { TeamRepository } from "../team-repository.js";
import { changed, inTransaction, one, rows } from "./pool.js";

/** Workspace installations on PostgreSQL (migration 3); the same rules as the SQLite repository. */
export function createPostgresInstallationStore(pool: pg.Pool): InstallationRepository {
  return {
    async save(i, now) {
      await pool.query(
        `INSERT INTO slack_installations (team_id, team_name, app_id, bot_token, bot_id, bot_user_id, bot_scopes,
           installed_by, installed_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
         ON CONFLICT (team_id) DO UPDATE SET
           team_name = excluded.team_name, app_id = excluded.app_id, bot_token = excluded.bot_token,
           bot_id = excluded.bot_id, bot_user_id = excluded.bot_user_id, bot_scopes = excluded.bot_scopes,
           installed_by = excluded.installed_by, updated_at = excluded.updated_at`,
        [
          i.teamId,
          i.teamName,
          i.appId,
          i.botToken,
          i.botId,
          i.botUserId,
          i.botScopes.join(","),
          i.installedBy,
          now,
        ],
      );
    },
    async find(teamId) {
      const row = await one<InstallationRow>(pool, "SELECT * FROM slack_installations WHERE team_id = $1", [
        teamId,
      ]);
      return row ? toInstallation(row) : undefined;
    },
    async remove(teamId) {
      return (await changed(pool, "DELETE FROM slack_installations WHERE team_id = $1", [teamId])) > 0;
    },
    async list() {
      return (
        await rows<InstallationRow>(pool, 'SELECT * FROM slack_installations ORDER BY team_id COLLATE "C"')
      ).map(toInstallation);
    },
  };
}

/**
 * The team side of subscriptions, digests and alerts on PostgreSQL: claiming rows without a team
 * in one transaction, pausing and resuming a workspace's subscriptions in one statement each.
 */
export function createPostgresTeamStore(pool: pg.Pool): TeamRepository {
  const channels = async (text: string, values: unknown[]) =>
    (await rows<{ channel_id: string }>(pool, text, values)).map((r) => r.channel_id).sort();
  return {
    async claimUnassigned(teamId) {
      return inTransaction(pool, async (client) => {
        const n = await changed(client, "UPDATE subscriptions SET team_id = $1 WHERE team_id = ''", [teamId]);
        await client.query("UPDATE digests SET team_id = $1 WHERE team_id = ''", [teamId]);
        await client.query("UPDATE alerts SET team_id = $1 WHERE team_id = ''", [teamId]);
        return n;
      });
    },
    async pauseTeam(teamId, reason, now) {
      return channels(
        `UPDATE subscriptions SET paused_reason = $1, paused_at = $2
         WHERE team_id = $3 AND active = 1 AND paused_reason IS NULL RETURNING channel_id`,
        [reason, now, teamId],
      );
    },
    async resumeTeam(teamId, reasons, now) {
      return channels(
        `UPDATE subscriptions SET paused_reason = NULL, paused_at = NULL, updated_at = $1
         WHERE team_id = $2 AND paused_reason = ANY($3::text[]) RETURNING channel_id`,
        [now, teamId, [...reasons]],
      );
    },
  };
}
