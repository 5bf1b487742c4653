import type { InstallationStore } from "@slack/bolt";
import { WebClient, type WebClientOptions } from "@slack/web-api";
import type { Clock } from "../clock.js";
import type { SlackConfig } from "../config.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/store.js";
import type { WorkspaceDeps } from "./handle-command.js";
import { createInstallationStore, createWorkspaceRemover } from "./installation-store.js";
import type { PostMessage } from "./post-message.js";
import { createTeamClients, createTeamPoster, type DefaultWorkspace } from "./team-clients.js";

/** How the bot reaches each workspace: built once at start-up in main.ts. */
export interface Workspaces {
  /** The poster for digests and alerts: each post with its own workspace's token. */
  postMessage: PostMessage;
  /** A workspace's client (users.info for admin checks); null when not installed. */
  clientFor(teamId: string): Promise<WebClient | null>;
  /** Set with OAuth on: Bolt's store of installs. */
  installationStore: InstallationStore | undefined;
  deps: WorkspaceDeps;
}

/** Scheduled posts never wait on the client's own retries: the senders pace and retry themselves. */
export function posterClientOptions(config: SlackConfig): WebClientOptions {
  return {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
  };
}

async function identify(token: string, options: WebClientOptions, log: Logger): Promise<DefaultWorkspace> {
  try {
    const who = await new WebClient(token, options).auth.test();
    return {
      token,
      teamId: who.team_id ?? null,
      botId: who.bot_id ?? null,
      botUserId: who.user_id ?? null,
    };
  } catch (error) {
    log.warn(
      { err: error },
      "auth.test failed for SLACK_BOT_TOKEN: its workspace is unknown, so only rows without a team use it",
    );
    return { token, teamId: null, botId: null, botUserId: null };
  }
}

/**
 * Single-workspace mode (no OAuth): SLACK_BOT_TOKEN posts everything, as before. Many workspaces:
 * SLACK_BOT_TOKEN (if set) stands for its own workspace, found with auth.test, which also claims
 * the rows written before workspaces existed (team ''); every other workspace posts with the token
 * its install stored.
 */
export async function setUpWorkspaces(input: {
  store: Pick<Store, "installations" | "teams">;
  config: SlackConfig;
  clock: Clock;
  log: Logger;
}): Promise<Workspaces> {
  const { store, config, clock, log } = input;
  const multiWorkspace = config.oauth !== undefined;
  const options = posterClientOptions(config);
  const { installations, teams } = store;
  let defaultWorkspace: DefaultWorkspace | null = null;
  if (config.botToken) {
    defaultWorkspace = multiWorkspace
      ? await identify(config.botToken, options, log)
      : { token: config.botToken, teamId: null, botId: null, botUserId: null };
  }
  if (multiWorkspace && defaultWorkspace?.teamId) {
    const claimed = await teams.claimUnassigned(defaultWorkspace.teamId);
    if (claimed > 0)
      log.info(
        { team: defaultWorkspace.teamId, subscriptions: claimed },
        "Subscriptions from before workspaces were recorded now belong to SLACK_BOT_TOKEN's workspace",
      );
  }
  const clients = createTeamClients({
    multiWorkspace,
    defaultWorkspace,
    installations,
    clientOptions: options,
  });
  const remover = createWorkspaceRemover({
    installations,
    teams,
    clock,
    log,
    ownsUnassigned: (teamId) => !multiWorkspace || teamId === defaultWorkspace?.teamId,
  });
  return {
    postMessage: createTeamPoster(clients),
    clientFor: clients.clientFor,
    installationStore: multiWorkspace
      ? createInstallationStore({ installations, teams, clock, log, defaultWorkspace })
      : undefined,
    deps: { servesTeam: clients.servesTeam, remove: remover },
  };
}
