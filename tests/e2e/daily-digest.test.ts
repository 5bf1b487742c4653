import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../src/clock.js";
import { type BotHarness, replyText, startBotHarness } from "../support/bot-harness.js";
import type { RecordedCall } from "../support/fake-slack.js";
import { type FeedServer, startFeedServer } from "../support/feed-server.js";

/**
 * The daily digest end to end: a whole bot in HTTP mode, real SQLite, signed /trade commands, and
 * the fake Slack Web API on loopback (which rejects anything over Block Kit's limits). The clock
 * runs in real time but can jump ahead, so "one minute later" does not take a minute.
 */

const ZONE = "Asia/Tokyo";
const TICK_SECONDS = 1;

let offset = 0;
const clock: Clock = { now: () => Date.now() + offset };
/** Moves the bot's clock to `instant` (it keeps running from there). */
const jumpTo = (instant: number) => {
  offset = instant - Date.now();
};

/** "HH:MM" of `instant` in ZONE, and an instant two minute boundaries ahead of the clock. */
function localTime(instant: number): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: ZONE,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(instant);
}
const twoMinutesAhead = () => (Math.floor(clock.now() / 60_000) + 2) * 60_000;

const postsTo = (calls: RecordedCall[], channel: string) =>
  calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === channel);

/** One farm story as two outlets wrote it, and a hostile item on the same topic. */
const STORY_BODY =
  "China's state buyers booked 1.2 million tonnes of American soybeans for shipment this autumn, " +
  "the Agriculture Department said on Thursday, the largest single-day purchase since the trade war began. " +
  "Growers in Iowa and Illinois had waited months for the orders, which traders linked to the truce agreed " +
  "by the two governments. Prices for November futures rose three percent in Chicago after the announcement.";
const rss = (outlet: string, items: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${outlet}</title>${items}</channel></rss>`;
const item = (title: string, link: string, body: string) =>
  `<item><title><![CDATA[${title}]]></title><link>${link}</link><guid>${link}</guid>` +
  `<pubDate>${new Date().toUTCString()}</pubDate><description><![CDATA[${body}]]></description></item>`;
const FARM_WIRE = rss(
  "Farm Wire",
  item("China books 1.2 million tonnes of U.S. soybeans", "https://farmwire.example/soy", STORY_BODY) +
    item(
      "<!channel> Soybean growers <@U0VICTIM> <https://evil.example|claim aid> now",
      "javascript:alert(1)",
      "Farmers were told to click a link to claim soybean aid for their farm. Growers should ignore it.",
    ),
);
const PRAIRIE_POST = rss(
  "Prairie Post",
  item(
    "Chinese buyers snap up U.S. soybeans in biggest purchase since trade war",
    "https://prairiepost.example/soybeans",
    `${STORY_BODY} Farm groups welcomed the news.`,
  ),
);

let h: BotHarness;
let articlesDir: string;
let feeds: FeedServer;

beforeAll(async () => {
  // A fresh copy, so the sample articles' file times (their publication time) are "now".
  articlesDir = mkdtempSync(join(tmpdir(), "trade-news-digest-e2e-"));
  cpSync("seeds", articlesDir, { recursive: true });
  feeds = await startFeedServer({
    "/farm-wire.xml": { body: FARM_WIRE },
    "/prairie-post.xml": { body: PRAIRIE_POST },
  });
  h = await startBotHarness(
    {
      ARTICLES_DIR: articlesDir,
      FEEDS: `${feeds.url("/farm-wire.xml")} ${feeds.url("/prairie-post.xml")}`,
      FEED_ALLOW_PRIVATE: "true",
      SCHEDULER_TICK_SECONDS: String(TICK_SECONDS),
      SLACK_MAX_POSTS_PER_SECOND: "10",
    },
    { clock },
  );
});

afterAll(async () => {
  await h.close();
  await feeds.close();
  rmSync(articlesDir, { recursive: true, force: true });
});

describe("daily digest, end to end", () => {
  const farmChannel = "C0FARMDESK";
  let dueAt = 0;

  it("stores the sample articles and polls both feeds at start-up", async () => {
    await expect.poll(() => h.bot.services.articles.count(), { timeout: 10_000 }).toBe(14);
  });

  it("posts nothing before the subscribed minute", async () => {
    dueAt = twoMinutesAhead();
    const at = localTime(dueAt);
    const { reply } = await h.slash(`subscribe agriculture at ${at} ${ZONE}`, { channel_id: farmChannel });
    expect(reply.response_type).toBe("in_channel");
    expect(reply.text).toContain(`Next digest: `);
    expect(reply.text).toContain(`${at} GMT+9`);
    await sleep(TICK_SECONDS * 2_500);
    expect(postsTo(h.slack.calls, farmChannel)).toHaveLength(0);
  });

  it("posts the digest once that minute comes, with only the subscribed topics", async () => {
    jumpTo(dueAt + 1_000);
    await h.slack.waitFor((calls) => postsTo(calls, farmChannel).length > 0, 10_000);
    const [post] = postsTo(h.slack.calls, farmChannel);
    const shown = JSON.stringify(post?.body);
    expect(shown).toContain("Farmers Hurt by Trade War to Receive Second Round of Federal Aid");
    expect(shown).toContain("Soybean Exports to China Rebound as Buyers Return to U.S. Farms");
    // An article tagged with both topics appears under agriculture, its other topic as a label.
    expect(shown).toContain("China Waives Tariffs on U.S. Pork and Soybeans in Goodwill Gesture");
    // Articles only on topics this channel did not subscribe to stay out.
    expect(shown).not.toContain("Commerce Department Begins Granting Licences for Sales to Huawei");
    expect(shown).not.toContain("New Tariffs on $160 Billion of Chinese Goods");
    expect(shown).not.toContain("Energy Price Cap");
    // The same story from two outlets is one entry naming both.
    const story = [
      "China books 1.2 million tonnes of U.S. soybeans",
      "Chinese buyers snap up U.S. soybeans in biggest purchase since trade war",
    ].map((title) => shown.split(title).length - 1);
    expect(story.sort()).toEqual([0, 1]);
    expect(shown).toContain("Farm Wire");
    expect(shown).toContain("Prairie Post");
    // The hostile title is shown, escaped: it cannot ping, mention or forge a link.
    expect(shown).toContain("&lt;!channel&gt; Soybean growers &lt;@U0VICTIM&gt;");
    expect(shown).not.toMatch(/<[!@#]/);
    expect(shown).not.toMatch(/<javascript:|<https:\/\/evil\.example/);
    const records = async () =>
      (await h.bot.services.store.digests.recent(farmChannel, 10)).map((d) => ({
        status: d.status,
        slack_ts: d.slackTs,
      }));
    await expect.poll(records).toEqual([{ status: "sent", slack_ts: expect.stringMatching(/^\d+\.\d+$/) }]);
  });

  it("sends no second digest that day after a restart", async () => {
    await h.restart();
    await sleep(TICK_SECONDS * 2_500);
    expect(postsTo(h.slack.calls, farmChannel)).toHaveLength(1);
    const { reply } = await h.slash("status", { channel_id: farmChannel });
    expect(replyText(reply)).toContain("agriculture");
    expect(replyText(reply)).not.toContain("Paused");
  });

  it("moving the time after today's digest promises tomorrow's, and sends no second one today", async () => {
    const [found] = await h.bot.services.store.digests.recent(farmChannel, 10);
    const record = found ? { local_date: found.localDate } : undefined;
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(dueAt + 60_000);
    // A minute later the same local day (or a minute earlier, when the digest went out at 23:59).
    const movedTo = day === record?.local_date ? dueAt + 60_000 : dueAt - 60_000;
    const { reply } = await h.slash(`subscribe agriculture at ${localTime(movedTo)}`, {
      channel_id: farmChannel,
    });
    const tomorrow = new Intl.DateTimeFormat("en-GB", {
      timeZone: ZONE,
      weekday: "short",
      day: "numeric",
      month: "short",
    })
      .format(Date.parse(`${record?.local_date}T12:00:00+09:00`) + 86_400_000)
      .replace(/,/g, "");
    expect(reply.text).toContain(`Next digest: ${tomorrow}, ${localTime(movedTo)}`);
    jumpTo(Math.max(movedTo, dueAt) + 61_000);
    await sleep(TICK_SECONDS * 2_500);
    expect(postsTo(h.slack.calls, farmChannel)).toHaveLength(1);
  });

  it("pauses a channel the bot was removed from, says why in /trade status, and does not retry in a loop", async () => {
    const goneChannel = "C0GONEDESK";
    const goneDue = twoMinutesAhead();
    await h.slash(`subscribe all at ${localTime(goneDue)} ${ZONE}`, { channel_id: goneChannel });
    h.slack.setChannelError(goneChannel, "not_in_channel");
    jumpTo(goneDue + 1_000);
    await h.slack.waitFor((calls) => postsTo(calls, goneChannel).length > 0, 10_000);
    await expect
      .poll(async () => (await h.bot.services.subscriptions.get(goneChannel))?.pausedReason)
      .toBeTruthy();

    const { reply } = await h.slash("status", { channel_id: goneChannel });
    expect(replyText(reply)).toContain("Paused");
    expect(replyText(reply)).toMatch(/invite/i);
    expect((await h.bot.services.subscriptions.get(goneChannel))?.active).toBe(true);

    await sleep(TICK_SECONDS * 2_500);
    expect(postsTo(h.slack.calls, goneChannel)).toHaveLength(1);

    // Once the bot is invited back, subscribing again clears the pause and the owed digest goes out.
    h.slack.setChannelError(goneChannel, null);
    await h.slash("subscribe all", { channel_id: goneChannel });
    expect((await h.bot.services.subscriptions.get(goneChannel))?.pausedReason).toBeFalsy();
    await h.slack.waitFor((calls) => postsTo(calls, goneChannel).length > 1, 10_000);
    expect(JSON.stringify(postsTo(h.slack.calls, goneChannel)[1]?.body)).toContain(
      "Commerce Department Begins Granting Licences for Sales to Huawei",
    );
    // The first channel still has its one digest.
    expect(postsTo(h.slack.calls, farmChannel)).toHaveLength(1);
  });
});
