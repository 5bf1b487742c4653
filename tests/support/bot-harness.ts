import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Clock } from "../../src/clock.js";
import { systemClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config.js";
import { createLogger, createSilentLogger } from "../../src/log.js";
import { type RunningBot, startBot } from "../../src/main.js";
import { checkBlockKitLimits } from "../../src/slack/block-kit-limits.js";
import { checkViewLimits } from "../../src/slack/view-limits.js";
import { type FakeSlack, type FakeSlackOptions, startFakeSlack } from "./fake-slack.js";
import { sendSlashCommand } from "./slack-request.js";

export const SIGNING_SECRET = "test-signing-secret";

export interface BotHarness {
  bot: RunningBot;
  slack: FakeSlack;
  dbPath: string;
  eventsUrl: string;
  /** Sends a signed /trade command and waits for the reply posted to its response_url. */
  slash(
    text: string,
    fields?: { user_id?: string; channel_id?: string; team_id?: string },
  ): Promise<{ ackMs: number; reply: SlashReply }>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface SlashReply {
  response_type: "ephemeral" | "in_channel";
  text: string;
  blocks: unknown[];
}

/** Everything a reply would show, as one string (fallback text and every block). */
export function replyText(reply: SlashReply): string {
  return `${reply.text}\n${JSON.stringify(reply.blocks)}`;
}

let counter = 0;

/**
 * A whole bot in HTTP mode on an ephemeral port, with a real SQLite file, talking to a fake Slack
 * Web API on loopback that enforces Block Kit limits. Only the network edge is fake.
 */
export async function startBotHarness(
  env: Record<string, string> = {},
  options: {
    clock?: Clock;
    adminUserIds?: string[];
    socketModeUrl?: string;
    /** More of the fake Slack's behaviour, e.g. workspaces that install through OAuth. */
    slack?: Pick<FakeSlackOptions, "oauthClient" | "workspaces">;
  } = {},
): Promise<BotHarness> {
  const dir = mkdtempSync(join(tmpdir(), "trade-news-e2e-"));
  const dbPath = join(dir, "bot.db");
  const slack = await startFakeSlack({
    checkMessage: (m) => checkBlockKitLimits(m),
    checkView: (v) => checkViewLimits(v),
    adminUserIds: options.adminUserIds ?? [],
    ...(options.socketModeUrl ? { socketModeUrl: () => options.socketModeUrl as string } : {}),
    ...options.slack,
  });
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: "0",
    DATABASE_PATH: dbPath,
    ARTICLES_DIR: "seeds",
    LOG_LEVEL: "silent",
    // Socket Mode instead of HTTP; the bot's port is then the health server's.
    ...(options.socketModeUrl ? { SLACK_APP_TOKEN: "xapp-1-test-app-token", HEALTH_PORT: "0" } : {}),
    ...env,
  });
  const start = () =>
    startBot(config, {
      log: process.env.E2E_LOG ? createLogger({ level: "debug" }) : createSilentLogger(),
      clock: options.clock ?? systemClock,
      out: () => {},
    });
  let bot = await start();
  const harness: BotHarness = {
    get bot() {
      return bot;
    },
    slack,
    dbPath,
    get eventsUrl() {
      return `http://127.0.0.1:${bot.port}/slack/events`;
    },
    async slash(text, fields = {}) {
      counter += 1;
      const id = `r${counter}`;
      const sent = await sendSlashCommand(harness.eventsUrl, SIGNING_SECRET, {
        text,
        response_url: slack.responseUrl(id),
        ...fields,
      });
      if (sent.status !== 200) throw new Error(`slash command answered HTTP ${sent.status}: ${sent.body}`);
      await slack.waitFor((calls) => calls.some((c) => c.method === `response:${id}`), 10_000);
      const call = slack.callsTo(`response:${id}`)[0];
      return { ackMs: sent.ms, reply: call?.body as unknown as SlashReply };
    },
    async restart() {
      await bot.stop();
      bot = await start();
    },
    async close() {
      await bot.stop();
      await slack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

export function readSeed(name: string): string {
  return readFileSync(join("seeds", name), "utf8");
}
