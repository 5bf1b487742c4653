import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Clock } from "../../src/clock.js";
import { ingestArticlesDir } from "../../src/main.js";
import { type BotHarness, startBotHarness } from "../support/bot-harness.js";
import type { RecordedCall } from "../support/fake-slack.js";

/**
 * Instant alerts end to end: a channel subscribed `with alerts` gets an article that scores high
 * on its topic as soon as the poll that stored it ends, once (not again after a restart), at most
 * ALERT_MAX_PER_HOUR of them, and the next digest leaves the alerted articles and their same-story
 * copies out while listing the one the cap held back.
 */

let offset = 0;
const clock: Clock = { now: () => Date.now() + offset };
const ZONE = "Asia/Tokyo";
const CHANNEL = "C0ALERTS01";
let h: BotHarness;
let articlesDir: string;

const posts = (calls: RecordedCall[]) =>
  calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === CHANNEL);
const localTime = (instant: number) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone: ZONE,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(instant);

const STEEL =
  "The United States will raise tariffs on Chinese steel to 50 percent next month, trade officials said on Tuesday. " +
  "The new duties follow a review of import tariffs under Section 301, and Beijing promised retaliatory tariffs on American goods. " +
  "Mills in Ohio and Pennsylvania welcomed the levies, while carmakers warned of higher costs.";
const STORIES: Record<string, string> = {
  "a-steel.txt": `U.S. raises tariffs on Chinese steel to 50 percent\n\n${STEEL}`,
  "b-solar.txt":
    "Tariffs on Chinese solar panels doubled in new duties\n\n" +
    "Washington doubled the tariff on solar panels made in China, the Commerce Department announced. Installers said " +
    "the duties would slow rooftop projects, and Chinese manufacturers vowed to fight the levies at the WTO. Beijing " +
    "called the tariffs protectionism and hinted at retaliatory duties on farm exports.",
  "c-toys.txt":
    "New tariffs hit Chinese toys and games ahead of holidays\n\n" +
    "Retailers braced for a 25 percent tariff on toys, games and sporting goods imported from China. The levies take " +
    "effect before the holiday season, and importers rushed containers through Long Beach to beat the duties. Toy " +
    "makers asked for exclusions from the tariffs, arguing that prices for families would rise.",
  "d-steel-copy.txt": `Washington lifts tariffs on Chinese steel to 50 percent\n\n${STEEL} Shares of steelmakers rose.`,
};

beforeAll(async () => {
  articlesDir = mkdtempSync(join(tmpdir(), "trade-news-alerts-e2e-"));
  cpSync("seeds", articlesDir, { recursive: true });
  h = await startBotHarness(
    {
      ARTICLES_DIR: articlesDir,
      SCHEDULER_TICK_SECONDS: "1",
      ALERT_MIN_SCORE: "0.75",
      ALERT_MAX_PER_HOUR: "2",
    },
    { clock },
  );
});

afterAll(async () => {
  await h.close();
  rmSync(articlesDir, { recursive: true, force: true });
});

let dueAt = 0;

it("alerts nothing stored before alerts were switched on", async () => {
  await expect.poll(() => h.bot.services.articles.count(), { timeout: 10_000 }).toBe(11);
  dueAt = (Math.floor(clock.now() / 60_000) + 3) * 60_000;
  const { reply } = await h.slash(`subscribe tariffs with alerts at ${localTime(dueAt)} ${ZONE}`, {
    channel_id: CHANNEL,
  });
  expect(reply.text).toContain("subscribed this channel");
  await sleep(2_500);
  expect(posts(h.slack.calls)).toHaveLength(0);
});

it("alerts new high-scoring articles right after the poll that stored them, up to the hourly cap, not a same-story copy", async () => {
  for (const [name, text] of Object.entries(STORIES)) writeFileSync(join(articlesDir, name), text);
  await ingestArticlesDir(h.bot.services);
  await h.slack.waitFor((calls) => posts(calls).length >= 2, 10_000);
  await sleep(2_500);
  const alerts = posts(h.slack.calls).map((c) => JSON.stringify(c.body));
  // Three stories (one told twice) and a cap of 2: the two best are alerted, the steel story once.
  expect(alerts).toHaveLength(2);
  expect(alerts.join()).toContain("Alert:");
  expect(alerts.filter((a) => /Chinese steel to 50 percent/.test(a))).toHaveLength(1);
  expect(alerts.join()).toContain("Chinese solar panels");
});

it("sends no alert twice after a restart", async () => {
  await h.restart();
  await sleep(2_500);
  expect(posts(h.slack.calls)).toHaveLength(2);
});

it("leaves alerted articles and their copies out of the digest, and lists the one over the cap", async () => {
  offset = dueAt + 1_000 - Date.now();
  await h.slack.waitFor((calls) => posts(calls).length === 3, 10_000);
  const digest = JSON.stringify(posts(h.slack.calls)[2]?.body);
  expect(digest).toContain("New Tariffs on $160 Billion of Chinese Goods");
  expect(digest).toContain("New tariffs hit Chinese toys and games ahead of holidays");
  expect(digest).not.toMatch(/Chinese steel to 50 percent|Chinese solar panels/);
});
