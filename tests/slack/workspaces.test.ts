import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSilentLogger } from "../../src/log.js";
import {
  BOT_SCOPES,
  createInstallationStore,
  createWorkspaceRemover,
  UNINSTALL_REASONS,
} from "../../src/slack/installation-store.js";
import { createTeamClients, createTeamPoster, type DefaultWorkspace } from "../../src/slack/team-clients.js";
import { openDatabase } from "../../src/store/open-database.js";
import { createSqliteStore } from "../../src/store/sqlite-store.js";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";

const NOW = Date.UTC(2026, 10, 2, 9);
const clock = { now: () => NOW };
const log = createSilentLogger();
const MAIN: DefaultWorkspace = {
  token: "xoxb-main",
  teamId: "T0MAIN",
  botId: "BMAIN",
  botUserId: "UMAINBOT",
};
const TWO = {
  teamId: "T0TWO",
  teamName: "Two",
  appId: "A0APP",
  botToken: "xoxb-two",
  botId: "BTWO",
  botUserId: "UTWOBOT",
  botScopes: [...BOT_SCOPES],
  installedBy: "U0ADMIN",
};
const message = { text: "hello" };

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack.close();
});

function setUp(multiWorkspace: boolean, defaultWorkspace: DefaultWorkspace | null = MAIN) {
  const { installations, teams, subscriptions } = createSqliteStore(openDatabase(":memory:"));
  const clients = createTeamClients({
    multiWorkspace,
    defaultWorkspace,
    installations,
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
  });
  const store = createInstallationStore({ installations, teams, clock, log, defaultWorkspace });
  /** A channel of `teamId` subscribed to tariffs at 08:00 UTC. */
  const subscribe = (channelId: string, teamId: string) =>
    subscriptions.subscribe({
      channelId,
      teamId,
      topics: ["tariffs"],
      localTime: "08:00",
      timeZone: "UTC",
      subscribedBy: "U1",
      now: NOW,
    });
  return { subscriptions, subscribe, installations, teams, clients, post: createTeamPoster(clients), store };
}
const tokenOfLastPost = () => slack.callsTo("chat.postMessage").at(-1)?.token;

describe("posting with each workspace's token", () => {
  it("uses SLACK_BOT_TOKEN for every post in single-workspace mode", async () => {
    const { post } = setUp(false);
    for (const team of ["", "T0MAIN", "T0ELSEWHERE"]) {
      expect((await post("C0DESK", message, team)).ok).toBe(true);
      expect(tokenOfLastPost()).toBe("xoxb-main");
    }
  });

  it("uses an installed workspace's own token, and SLACK_BOT_TOKEN for its workspace and rows without a team", async () => {
    const { post, installations } = setUp(true);
    await installations.save(TWO, NOW);
    await post("C0TWO", message, "T0TWO");
    expect(tokenOfLastPost()).toBe("xoxb-two");
    await post("C0MAIN", message, "T0MAIN");
    expect(tokenOfLastPost()).toBe("xoxb-main");
    await post("C0OLD", message, "");
    expect(tokenOfLastPost()).toBe("xoxb-main");
  });

  it("answers not_installed, a reason to pause, for a workspace without a token", async () => {
    const { post } = setUp(true);
    const before = slack.callsTo("chat.postMessage").length;
    const outcome = await post("C0GONE", message, "T0GONE");
    expect(outcome).toMatchObject({ ok: false, kind: "channel_gone", error: "not_installed" });
    expect(outcome.ok ? "" : outcome.message).toMatch(/install it again/);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(before);
  });

  it("shows a workspace only its own subscriptions when serving many", () => {
    const single = setUp(false).clients;
    expect(single.servesTeam("T0TWO", "T0MAIN")).toBe(true);
    const { clients } = setUp(true);
    expect(clients.servesTeam("T0TWO", "T0TWO")).toBe(true);
    expect(clients.servesTeam("T0TWO", "T0MAIN")).toBe(false);
    expect(clients.servesTeam("", "T0MAIN")).toBe(true);
    expect(clients.servesTeam("", "T0TWO")).toBe(false);
  });
});

describe("Bolt's installation store", () => {
  const boltInstall = {
    team: { id: "T0TWO", name: "Two" },
    enterprise: undefined,
    user: { id: "U0ADMIN", token: undefined, scopes: undefined },
    bot: { token: "xoxb-two", id: "BTWO", userId: "UTWOBOT", scopes: [...BOT_SCOPES] },
    appId: "A0APP",
    isEnterpriseInstall: false,
    authVersion: "v2" as const,
  };

  it("stores an install and gives Bolt the workspace's bot token back", async () => {
    const { store, installations } = setUp(true);
    await store.storeInstallation(boltInstall);
    expect(await installations.find("T0TWO")).toMatchObject({ botToken: "xoxb-two", installedBy: "U0ADMIN" });
    const fetched = await store.fetchInstallation({
      teamId: "T0TWO",
      isEnterpriseInstall: false,
      enterpriseId: undefined,
    });
    expect(fetched.bot).toMatchObject({ token: "xoxb-two", id: "BTWO", userId: "UTWOBOT" });
  });

  it("counts SLACK_BOT_TOKEN's workspace as installed, and no other", async () => {
    const { store } = setUp(true);
    const main = await store.fetchInstallation({
      teamId: "T0MAIN",
      isEnterpriseInstall: false,
      enterpriseId: undefined,
    });
    expect(main.bot).toMatchObject({ token: "xoxb-main", id: "BMAIN", userId: "UMAINBOT" });
    await expect(
      store.fetchInstallation({ teamId: "T0NOPE", isEnterpriseInstall: false, enterpriseId: undefined }),
    ).rejects.toThrow(/not installed in workspace T0NOPE/);
  });

  it("refuses org-wide installs and installs without a bot token, storing nothing", async () => {
    const { store, installations } = setUp(true);
    await expect(
      store.storeInstallation({
        ...boltInstall,
        team: undefined,
        isEnterpriseInstall: true,
        enterprise: { id: "E1" },
      }),
    ).rejects.toThrow(/Org-wide/);
    await expect(store.storeInstallation({ ...boltInstall, bot: undefined })).rejects.toThrow(/no bot token/);
    expect(await installations.list()).toEqual([]);
  });

  it("pauses a workspace on uninstall and resumes it on reinstall, leaving a channel's own pause", async () => {
    const { subscriptions, subscribe, store, installations, teams } = setUp(true);
    await subscribe("C0TWO", "T0TWO");
    await subscribe("C0KICKED", "T0TWO");
    await subscriptions.pause("C0KICKED", "not in channel", NOW);
    await subscribe("C0MAIN", "T0MAIN");
    await store.storeInstallation(boltInstall);
    const remove = createWorkspaceRemover({ installations, teams, clock, log, ownsUnassigned: () => false });
    expect(await remove("T0TWO", "app_uninstalled")).toEqual({ removed: true, paused: ["C0TWO"] });
    expect((await subscriptions.get("C0TWO"))?.pausedReason).toBe(UNINSTALL_REASONS.app_uninstalled);
    expect((await subscriptions.get("C0MAIN"))?.pausedReason).toBeNull();
    await store.storeInstallation(boltInstall);
    expect((await subscriptions.get("C0TWO"))?.pausedReason).toBeNull();
    expect((await subscriptions.get("C0KICKED"))?.pausedReason).toBe("not in channel");
  });

  it("pauses the rows without a team too when they belong to the uninstalled workspace (SLACK_BOT_TOKEN's)", async () => {
    const { subscribe, installations, teams } = setUp(false);
    await subscribe("C0OLD", "");
    await subscribe("C0NEW", "T0MAIN");
    const remove = createWorkspaceRemover({ installations, teams, clock, log, ownsUnassigned: () => true });
    expect((await remove("T0MAIN", "app_uninstalled")).paused.sort()).toEqual(["C0NEW", "C0OLD"]);
  });
});
