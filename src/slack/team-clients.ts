import { WebClient, type WebClientOptions } from "@slack/web-api";
import type { InstallationRepository } from "../store/installation-repository.js";
import { createPoster, explainSlackError, type PostMessage } from "./post-message.js";

/** The workspace SLACK_BOT_TOKEN belongs to (from auth.test), when a bot token is configured. */
export interface DefaultWorkspace {
  token: string;
  /** Null when auth.test could not tell (rows without a team still use the token). */
  teamId: string | null;
  botId: string | null;
  botUserId: string | null;
}

export interface TeamClientsOptions {
  /** False: single-workspace mode, every post uses SLACK_BOT_TOKEN exactly as before. */
  multiWorkspace: boolean;
  defaultWorkspace: DefaultWorkspace | null;
  installations: InstallationRepository;
  clientOptions: WebClientOptions;
}

/** Which workspace's token posts for which row, and which rows a workspace sees. */
export interface TeamClients {
  /** The Web API client holding `teamId`'s bot token; null when the app is not installed there. */
  clientFor(teamId: string): Promise<WebClient | null>;
  /** Whether a subscription of `rowTeamId` belongs to the workspace `teamId` (App Home lists only those). */
  servesTeam(rowTeamId: string, teamId: string | undefined): boolean;
}

/**
 * Clients per workspace. Single-workspace mode: SLACK_BOT_TOKEN for everything. Many workspaces:
 * the installed workspace's own token from the installation store (looked up at each post, so an
 * uninstall or a reinstall takes effect at once; one client kept per token), and SLACK_BOT_TOKEN
 * for its own workspace and for rows whose team is not known yet ('').
 */
export function createTeamClients(options: TeamClientsOptions): TeamClients {
  const byToken = new Map<string, WebClient>();
  const clientForToken = (token: string) => {
    let client = byToken.get(token);
    if (!client) {
      client = new WebClient(token, options.clientOptions);
      byToken.set(token, client);
    }
    return client;
  };
  const fallback = options.defaultWorkspace;
  const usesDefault = (teamId: string) => teamId === "" || teamId === fallback?.teamId;
  return {
    async clientFor(teamId) {
      if (!options.multiWorkspace) return fallback ? clientForToken(fallback.token) : null;
      const installed = teamId === "" ? undefined : await options.installations.find(teamId);
      if (installed) return clientForToken(installed.botToken);
      return fallback && usesDefault(teamId) ? clientForToken(fallback.token) : null;
    },
    servesTeam(rowTeamId, teamId) {
      if (!options.multiWorkspace || rowTeamId === teamId) return true;
      return rowTeamId === "" && teamId !== undefined && teamId === fallback?.teamId;
    },
  };
}

/**
 * The poster for scheduled posts (digests, alerts): each goes out with its own workspace's token.
 * A workspace without a token (uninstalled) answers `not_installed`, a channel_gone outcome, so the
 * senders pause the subscription with that reason as they do for any channel they cannot post to.
 */
export function createTeamPoster(clients: TeamClients): PostMessage {
  const posters = new WeakMap<WebClient, PostMessage>();
  return async (channel, message, teamId = "") => {
    const client = await clients.clientFor(teamId);
    if (!client)
      return {
        ok: false,
        kind: "channel_gone",
        error: "not_installed",
        message: explainSlackError("not_installed", channel),
      };
    let post = posters.get(client);
    if (!post) {
      post = createPoster(client);
      posters.set(client, post);
    }
    return post(channel, message);
  };
}
