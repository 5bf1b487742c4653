import type { Database } from "better-sqlite3";

/**
 * The team (workspace) side of subscriptions, digests and alerts (team_id, migration 011): rows
 * written before it belong to '' until claimed, and a whole workspace's subscriptions are paused
 * when it uninstalls the app and resumed when it installs it again. Async like the installation
 * store, so an asynchronous backend implements the same interface.
 */
export interface TeamRepository {
  /** Gives rows without a team ('') to `teamId` (SLACK_BOT_TOKEN's workspace); returns how many subscriptions. */
  claimUnassigned(teamId: string): Promise<number>;
  /** Pauses every active, unpaused subscription of the team with `reason`; returns their channels. */
  pauseTeam(teamId: string, reason: string, now: number): Promise<string[]>;
  /** Clears the pauses of the team's subscriptions whose reason is one of `reasons`; returns their channels. */
  resumeTeam(teamId: string, reasons: readonly string[], now: number): Promise<string[]>;
}

export function createTeamRepository(db: Database): TeamRepository {
  const claimSubscriptions = db.prepare("UPDATE subscriptions SET team_id = ? WHERE team_id = ''");
  const claimDigests = db.prepare("UPDATE digests SET team_id = ? WHERE team_id = ''");
  const claimAlerts = db.prepare("UPDATE alerts SET team_id = ? WHERE team_id = ''");
  const pause = db
    .prepare(`UPDATE subscriptions SET paused_reason = ?, paused_at = ?
      WHERE team_id = ? AND active = 1 AND paused_reason IS NULL RETURNING channel_id`)
    .pluck();
  const resume = db
    .prepare(`UPDATE subscriptions SET paused_reason = NULL, paused_at = NULL, updated_at = ?
      WHERE team_id = ? AND paused_reason IN (SELECT value FROM json_each(?)) RETURNING channel_id`)
    .pluck();

  return {
    async claimUnassigned(teamId) {
      return db.transaction(() => {
        const n = claimSubscriptions.run(teamId).changes;
        claimDigests.run(teamId);
        claimAlerts.run(teamId);
        return n;
      })();
    },
    async pauseTeam(teamId, reason, now) {
      return (pause.all(reason, now, teamId) as string[]).sort();
    },
    async resumeTeam(teamId, reasons, now) {
      return (resume.all(now, teamId, JSON.stringify(reasons)) as string[]).sort();
    },
  };
}
