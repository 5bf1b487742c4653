import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { Clock } from "../clock.js";
import type { Logger } from "../log.js";
import type { InstallationRepository, WorkspaceInstallation } from "../store/installation-repository.js";
import type { TeamRepository } from "../store/team-repository.js";
import type { DefaultWorkspace } from "./team-clients.js";

/** The bot scopes an install asks for (the same as slack-manifest.yaml's). */
export const BOT_SCOPES = ["commands", "chat:write", "chat:write.public", "users:read"] as const;

/** Pause reasons an uninstall writes; a reinstall clears exactly these (not a channel's own pause). */
export const UNINSTALL_REASONS = {
  app_uninstalled:
    "The app was uninstalled from this workspace, so digests and alerts stopped. They resume when a workspace admin installs it again (/slack/install).",
  tokens_revoked:
    "The app's token for this workspace was revoked, so digests and alerts stopped. They resume when a workspace admin installs it again (/slack/install).",
} as const;

export type UninstallCause = keyof typeof UNINSTALL_REASONS;

export interface WorkspaceStoreDeps {
  installations: InstallationRepository;
  teams: TeamRepository;
  clock: Clock;
  log: Logger;
  /** SLACK_BOT_TOKEN's workspace: counts as installed without going through /slack/install. */
  defaultWorkspace: DefaultWorkspace | null;
}

function toBoltInstallation(i: WorkspaceInstallation): Installation<"v2", false> {
  return {
    team: { id: i.teamId, ...(i.teamName ? { name: i.teamName } : {}) },
    enterprise: undefined,
    user: { id: i.installedBy, token: undefined, scopes: undefined },
    bot: { token: i.botToken, id: i.botId, userId: i.botUserId, scopes: i.botScopes },
    ...(i.appId ? { appId: i.appId } : {}),
    tokenType: "bot",
    isEnterpriseInstall: false,
    authVersion: "v2",
  };
}

/**
 * Bolt's InstallationStore over the installation repository. Storing an install records the
 * workspace's bot token and resumes the subscriptions its last uninstall paused; fetching gives
 * Bolt the token for an incoming command or event. Org-wide (Enterprise Grid) installs are refused
 * with a reason Bolt shows on its failure page: the bot keys everything by workspace.
 */
export function createInstallationStore(deps: WorkspaceStoreDeps): InstallationStore {
  const { installations, teams, clock, log } = deps;
  return {
    async storeInstallation(installation) {
      if (installation.isEnterpriseInstall || !installation.team)
        throw new Error(
          "Org-wide (Enterprise Grid) installs are not supported: install the app in each workspace instead",
        );
      const bot = installation.bot;
      if (!bot?.token || !bot.userId || !bot.id)
        throw new Error("Slack granted no bot token: install the app with its bot scopes");
      const teamId = installation.team.id;
      const now = clock.now();
      await installations.save(
        {
          teamId,
          teamName: installation.team.name ?? null,
          appId: installation.appId ?? null,
          botToken: bot.token,
          botId: bot.id,
          botUserId: bot.userId,
          botScopes: bot.scopes ?? [],
          installedBy: installation.user.id,
        },
        now,
      );
      const resumed = await teams.resumeTeam(teamId, Object.values(UNINSTALL_REASONS), now);
      log.info(
        { team: teamId, teamName: installation.team.name, by: installation.user.id, resumed },
        resumed.length > 0
          ? `App installed in workspace ${teamId}; resumed digests to ${resumed.length} channels paused by its uninstall`
          : `App installed in workspace ${teamId}`,
      );
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const teamId = query.teamId;
      if (query.isEnterpriseInstall || !teamId)
        throw new Error("Org-wide (Enterprise Grid) installs are not supported");
      const found = await installations.find(teamId);
      if (found) return toBoltInstallation(found);
      const fallback = deps.defaultWorkspace;
      if (fallback?.teamId === teamId && fallback.botId && fallback.botUserId)
        return {
          team: { id: teamId },
          enterprise: undefined,
          user: { id: fallback.botUserId, token: undefined, scopes: undefined },
          bot: {
            token: fallback.token,
            id: fallback.botId,
            userId: fallback.botUserId,
            scopes: [...BOT_SCOPES],
          },
          isEnterpriseInstall: false,
          authVersion: "v2",
        };
      throw new Error(`The app is not installed in workspace ${teamId} (install it at /slack/install)`);
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      if (query.teamId) await installations.remove(query.teamId);
    },
  };
}

/**
 * What `app_uninstalled` and `tokens_revoked` do: forget the workspace's token and pause every
 * subscription of the workspace with a reason in words (shown by /trade status and App Home once
 * the app is back, and logged now). A reinstall resumes them (createInstallationStore).
 */
export function createWorkspaceRemover(
  deps: Omit<WorkspaceStoreDeps, "defaultWorkspace"> & {
    /** Whether rows without a team ('') belong to this workspace (SLACK_BOT_TOKEN's). */
    ownsUnassigned: (teamId: string) => boolean;
  },
) {
  return async (teamId: string, cause: UninstallCause): Promise<{ removed: boolean; paused: string[] }> => {
    const removed = await deps.installations.remove(teamId);
    const now = deps.clock.now();
    const paused = await deps.teams.pauseTeam(teamId, UNINSTALL_REASONS[cause], now);
    if (deps.ownsUnassigned(teamId))
      paused.push(...(await deps.teams.pauseTeam("", UNINSTALL_REASONS[cause], now)));
    deps.log.warn(
      { team: teamId, cause, tokenRemoved: removed, paused },
      `Workspace ${teamId}: ${cause.replace("_", " ")}; its token is forgotten and digests to ${paused.length} channels are paused until it installs the app again`,
    );
    return { removed, paused };
  };
}

export type WorkspaceRemover = ReturnType<typeof createWorkspaceRemover>;
