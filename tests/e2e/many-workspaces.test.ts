import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../src/clock.js";
import { BOT_SCOPES, UNINSTALL_REASONS } from "../../src/slack/installation-store.js";
import type { StoreKind } from "../../src/store/store.js";
import { createTestDatabase, describePostgres } from "../store/contract/backends.js";
import { type BotHarness, replyText, SIGNING_SECRET, startBotHarness } from "../support/bot-harness.js";
import type { FakeWorkspace, RecordedCall } from "../support/fake-slack.js";
import { sendEvent, sendSlashCommand } from "../support/slack-request.js";

/**
 * Installs in many workspaces, end to end: a whole bot in HTTP mode with OAuth on and
 * SLACK_BOT_TOKEN standing for the first workspace (T0TEST); a second workspace installs through
 * Bolt's installer over real HTTP (/slack/install → Slack's consent → /slack/oauth_redirect, where
 * the fake Slack's oauth.v2.access grants its token), subscribes with signed commands carrying its
 * team_id, gets its digest with its own token, uninstalls and reinstalls. The clock can jump ahead.
 * The same flow runs on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL (a database of its own).
 */

const OAUTH = {
  SLACK_CLIENT_ID: "1111.2222",
  SLACK_CLIENT_SECRET: "client-secret-for-tests",
  SLACK_STATE_SECRET: "state-secret-for-tests-0123456789",
};
const second = (code: string, botToken: string): FakeWorkspace => ({
  code,
  teamId: "T0SECOND",
  teamName: "Second Co",
  botToken,
  botUserId: "USECONDBOT",
  botId: "BSECOND",
  installerUserId: "U0SECONDADMIN",
});
const SECOND = second("code-second", "xoxb-second-workspace");
const SECOND_AGAIN = second("code-second-again", "xoxb-second-reinstalled");
const FIRST_CHANNEL = "C0FIRSTDESK";
const SECOND_CHANNEL = "C0SECONDDESK";
const DAY_MS = 86_400_000;

interface Backend {
  kind: StoreKind;
  /** The variables that point the bot at its database, and how to drop that database afterwards. */
  open(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }>;
}

const SQLITE: Backend = { kind: "sqlite", open: async () => ({ env: {}, drop: async () => undefined }) };
const POSTGRES: Backend = {
  kind: "postgres",
  async open() {
    const database = await createTestDatabase();
    return { env: { DATABASE_URL: database.url }, drop: database.drop };
  },
};

/** The whole install flow against one backend (the harness keeps SQLite unless DATABASE_URL is given). */
function specifyManyWorkspaces({ kind, open: openDatabase }: Backend) {
  let offset = 0;
  const clock: Clock = { now: () => Date.now() + offset };
  const jumpTo = (instant: number) => {
    offset = instant - Date.now();
  };
  const utcTime = (instant: number) => new Date(instant).toISOString().slice(11, 16);
  const postsTo = (calls: RecordedCall[], channel: string) =>
    calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === channel);

  let h: BotHarness;
  let dropDatabase: () => Promise<void> = async () => undefined;
  const base = () => `http://127.0.0.1:${h.bot.port}`;
  const installations = () => h.bot.services.store.installations;

  /** A browser's trip through the install: /slack/install, Slack's consent page, then the redirect. */
  async function install(code: string, options: { withCookie?: boolean } = {}) {
    const start = await fetch(`${base()}/slack/install`, { redirect: "manual" });
    const consent = new URL(start.headers.get("location") ?? "");
    const state = consent.searchParams.get("state") ?? "";
    const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const back = await fetch(
      `${base()}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`,
      { redirect: "manual", headers: options.withCookie === false ? {} : { cookie } },
    );
    return { start, consent, state, cookie, back, page: await back.text() };
  }

  beforeAll(async () => {
    const database = await openDatabase();
    dropDatabase = database.drop;
    h = await startBotHarness(
      { ...OAUTH, SCHEDULER_TICK_SECONDS: "1", SLACK_MAX_POSTS_PER_SECOND: "10", ...database.env },
      {
        clock,
        slack: {
          oauthClient: { clientId: OAUTH.SLACK_CLIENT_ID, clientSecret: OAUTH.SLACK_CLIENT_SECRET },
          workspaces: [SECOND, SECOND_AGAIN],
        },
      },
    );
  });

  afterAll(async () => {
    await h?.close();
    await dropDatabase();
  });

  let dueAt = 0;

  it(`keeps its installations and subscriptions in ${kind}`, () => {
    expect(h.bot.services.store.kind).toBe(kind);
  });

  it("sends the installer's browser to Slack's consent page with the bot scopes and a state cookie", async () => {
    const { start, consent, state, cookie } = await install("never-used", { withCookie: false });
    expect(start.status).toBe(302);
    expect(`${consent.origin}${consent.pathname}`).toBe("https://slack.com/oauth/v2/authorize");
    expect(consent.searchParams.get("client_id")).toBe(OAUTH.SLACK_CLIENT_ID);
    expect(consent.searchParams.get("scope")?.split(",")).toEqual([...BOT_SCOPES]);
    expect(state.length).toBeGreaterThan(20);
    expect(cookie).toContain(state);
  });

  it("refuses a redirect that does not come back to the browser that started it, storing nothing", async () => {
    const { back } = await install(SECOND.code, { withCookie: false });
    expect(back.status).toBe(400);
    expect(h.slack.callsTo("oauth.v2.access")).toHaveLength(0);
    expect(await installations().find(SECOND.teamId)).toBeUndefined();
  });

  it("stores the second workspace's installation when Slack sends the browser back with a code", async () => {
    const { back, page } = await install(SECOND.code);
    expect(back.status).toBe(200);
    expect(page).toMatch(/Thank you|success/i);
    const [access] = h.slack.callsTo("oauth.v2.access");
    expect(access?.body.code).toBe(SECOND.code);
    expect(h.slack.callsTo("auth.test").some((c) => c.token === SECOND.botToken)).toBe(true);
    expect(await installations().find(SECOND.teamId)).toMatchObject({
      teamId: SECOND.teamId,
      teamName: SECOND.teamName,
      botToken: SECOND.botToken,
      botUserId: SECOND.botUserId,
      botId: SECOND.botId,
      installedBy: SECOND.installerUserId,
      botScopes: [...BOT_SCOPES],
    });
  });

  it("gives each workspace its own subscriptions and posts each digest with its own workspace's token", async () => {
    dueAt = (Math.floor(clock.now() / 60_000) + 2) * 60_000;
    const at = utcTime(dueAt);
    const first = await h.slash(`subscribe agriculture at ${at} UTC`, { channel_id: FIRST_CHANNEL });
    expect(first.reply.response_type).toBe("in_channel");
    const other = await h.slash(`subscribe tariffs at ${at} UTC`, {
      channel_id: SECOND_CHANNEL,
      team_id: SECOND.teamId,
      user_id: "U0SECONDUSER",
    });
    expect(other.reply.response_type).toBe("in_channel");
    expect((await h.bot.services.subscriptions.get(FIRST_CHANNEL))?.teamId).toBe("T0TEST");
    expect((await h.bot.services.subscriptions.get(SECOND_CHANNEL))?.teamId).toBe(SECOND.teamId);

    jumpTo(dueAt + 1_000);
    await h.slack.waitFor(
      (calls) => postsTo(calls, FIRST_CHANNEL).length === 1 && postsTo(calls, SECOND_CHANNEL).length === 1,
      15_000,
    );
    expect(postsTo(h.slack.calls, FIRST_CHANNEL)[0]?.token).toBe("xoxb-test-token");
    expect(postsTo(h.slack.calls, SECOND_CHANNEL)[0]?.token).toBe(SECOND.botToken);
    expect(JSON.stringify(postsTo(h.slack.calls, SECOND_CHANNEL)[0]?.body)).toContain("tariffs");
    const teams = async () =>
      Promise.all(
        [FIRST_CHANNEL, SECOND_CHANNEL].map(async (channel) => {
          const [latest] = await h.bot.services.store.digests.recent(channel, 1);
          return { channel, teamId: latest?.teamId, status: latest?.status };
        }),
      );
    await expect.poll(teams).toEqual([
      { channel: FIRST_CHANNEL, teamId: "T0TEST", status: "sent" },
      { channel: SECOND_CHANNEL, teamId: SECOND.teamId, status: "sent" },
    ]);
  });

  it("shows each workspace's App Home only its own channels, published with its own token", async () => {
    const sent = await sendEvent(
      h.eventsUrl,
      SIGNING_SECRET,
      { type: "app_home_opened", user: "U0SECONDUSER", tab: "home" },
      SECOND.teamId,
    );
    expect(sent.status).toBe(200);
    await h.slack.waitFor((calls) => calls.some((c) => c.method === "views.publish"), 10_000);
    const [publish] = h.slack.callsTo("views.publish");
    expect(publish?.token).toBe(SECOND.botToken);
    const view = JSON.stringify(publish?.body.view);
    expect(view).toContain(SECOND_CHANNEL);
    expect(view).not.toContain(FIRST_CHANNEL);
  });

  it("forgets the token and pauses the subscriptions of a workspace that uninstalls, while the first keeps its digests", async () => {
    h.slack.revokeToken(SECOND.botToken);
    const sent = await sendEvent(h.eventsUrl, SIGNING_SECRET, { type: "app_uninstalled" }, SECOND.teamId);
    expect(sent.status).toBe(200);
    await expect.poll(() => installations().find(SECOND.teamId)).toBeUndefined();
    await expect
      .poll(async () => (await h.bot.services.subscriptions.get(SECOND_CHANNEL))?.pausedReason)
      .toBe(UNINSTALL_REASONS.app_uninstalled);
    expect((await h.bot.services.subscriptions.get(FIRST_CHANNEL))?.pausedReason).toBeNull();
    // A command that still arrives from it is acknowledged and does nothing: no token to act with.
    const stray = await sendSlashCommand(h.eventsUrl, SIGNING_SECRET, {
      text: "unsubscribe",
      channel_id: SECOND_CHANNEL,
      team_id: SECOND.teamId,
      response_url: h.slack.responseUrl("stray"),
    });
    expect(stray.status).toBe(200);
    expect((await h.bot.services.subscriptions.get(SECOND_CHANNEL))?.active).toBe(true);

    jumpTo(dueAt + DAY_MS + 1_000);
    await h.slack.waitFor((calls) => postsTo(calls, FIRST_CHANNEL).length === 2, 15_000);
    expect(postsTo(h.slack.calls, FIRST_CHANNEL)[1]?.token).toBe("xoxb-test-token");
    await sleep(2_500);
    expect(postsTo(h.slack.calls, SECOND_CHANNEL)).toHaveLength(1);
    expect(h.slack.callsTo("response:stray")).toHaveLength(0);
    const { reply } = await h.slash("status", { channel_id: FIRST_CHANNEL });
    expect(replyText(reply)).not.toContain("Paused");
  });

  it("resumes the workspace's digests when it installs the app again, with the new token", async () => {
    const { back } = await install(SECOND_AGAIN.code);
    expect(back.status).toBe(200);
    expect((await installations().find(SECOND.teamId))?.botToken).toBe(SECOND_AGAIN.botToken);
    expect((await h.bot.services.subscriptions.get(SECOND_CHANNEL))?.pausedReason).toBeNull();
    // The day it missed is owed at once.
    await h.slack.waitFor((calls) => postsTo(calls, SECOND_CHANNEL).length === 2, 15_000);
    expect(postsTo(h.slack.calls, SECOND_CHANNEL)[1]?.token).toBe(SECOND_AGAIN.botToken);
    const { reply } = await h.slash("status", { channel_id: SECOND_CHANNEL, team_id: SECOND.teamId });
    expect(replyText(reply)).toContain("tariffs");
    expect(replyText(reply)).not.toContain("Paused");
  });

  it("pauses the workspace on tokens_revoked for its bot token, and not for user tokens alone", async () => {
    const revoke = (tokens: Record<string, string[]>) =>
      sendEvent(h.eventsUrl, SIGNING_SECRET, { type: "tokens_revoked", tokens }, SECOND.teamId);
    expect((await revoke({ oauth: ["U0SECONDADMIN"] })).status).toBe(200);
    await sleep(300);
    expect(await installations().find(SECOND.teamId)).toBeDefined();
    expect((await h.bot.services.subscriptions.get(SECOND_CHANNEL))?.pausedReason).toBeNull();

    expect((await revoke({ bot: [SECOND.botUserId] })).status).toBe(200);
    await expect
      .poll(async () => (await h.bot.services.subscriptions.get(SECOND_CHANNEL))?.pausedReason)
      .toBe(UNINSTALL_REASONS.tokens_revoked);
    expect(await installations().find(SECOND.teamId)).toBeUndefined();
    expect((await h.bot.services.subscriptions.get(FIRST_CHANNEL))?.pausedReason).toBeNull();
  });
}

describe("installs in many workspaces [sqlite]", () => specifyManyWorkspaces(SQLITE));
describePostgres("installs in many workspaces", () => specifyManyWorkspaces(POSTGRES));
