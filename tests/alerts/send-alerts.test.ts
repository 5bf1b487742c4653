import { afterAll, describe, expect, it } from "vitest";
import { createAlertSender } from "../../src/alerts/send-alerts.js";
import { createManualClock } from "../../src/clock.js";
import { createPostPacer } from "../../src/digest/pace-posts.js";
import type { PostMessage } from "../../src/slack/post-message.js";
import { createAlertRepository } from "../../src/store/alert-repository.js";
import { openDatabase } from "../../src/store/open-database.js";
import { createSqliteStore } from "../../src/store/sqlite-store.js";
import {
  createSubscriptionRepository,
  type SubscriptionSettings,
} from "../../src/store/subscription-repository.js";
import { createFakePoster, distinctText, HOUR, messageText, storeArticle } from "../digest/helpers.js";
import { createCapturingLogger, createSenderHarness, createTempDir } from "../digest/sender-harness.js";

const START = Date.parse("2025-06-10T06:00:00Z");
const strong = [{ topic: "tariffs", score: 0.95, evidence: ["tariffs"] }];
const temp = createTempDir();
afterAll(() => temp.remove());

/** One bot "process" around the alert sender over a database file. */
function process_(dbPath: string, at: number, post?: PostMessage) {
  const db = openDatabase(dbPath);
  const clock = createManualClock(at);
  const poster = createFakePoster();
  const sleep = async (ms: number) => clock.advance(ms);
  const sender = createAlertSender({
    store: createSqliteStore(db),
    postMessage: post ?? poster.post,
    pacer: createPostPacer({ postsPerSecond: 10, clock, sleep }),
    clock,
    log: createCapturingLogger().log,
    settings: { minScore: 0.85, maxPerHour: 4 },
  });
  const subscribe = (extra: Partial<SubscriptionSettings> = {}) =>
    createSubscriptionRepository(db).subscribe({
      channelId: "C1",
      topics: ["tariffs"],
      localTime: "09:00",
      timeZone: "UTC",
      subscribedBy: "U1",
      now: clock.now(),
      alertMode: "alerts",
      ...extra,
    });
  return { db, clock, poster, sender, subscribe, close: () => db.close() };
}

let n = 0;
const dbFile = () => temp.path(`alerts-${++n}.db`);
const titles = (p: ReturnType<typeof createFakePoster>) => p.posted.map((x) => messageText(x.message));

describe("instant alerts", () => {
  it("alerts a high-scoring article on a subscribed topic once, however many passes run", async () => {
    const p = process_(dbFile(), START);
    p.subscribe();
    storeArticle(p.db, START + 1_000, { title: "Tariffs on steel doubled", topics: strong });
    p.clock.advance(60_000);
    expect((await p.sender.sendDue()).sent).toBe(1);
    expect((await p.sender.sendDue()).sent).toBe(0);
    expect(titles(p.poster)[0]).toContain("Tariffs on steel doubled");
    p.close();
  });

  it("posts each alert for the channel's own workspace and records the alert under that team", async () => {
    const teams: Array<string | undefined> = [];
    const p = process_(dbFile(), START, async (channel, _message, teamId) => {
      teams.push(teamId);
      return { ok: true, ts: "1700000000.000001", channel };
    });
    p.subscribe({ teamId: "T0SECOND" });
    storeArticle(p.db, START + 1_000, { title: "Tariffs on steel doubled", topics: strong });
    p.clock.advance(60_000);
    expect((await p.sender.sendDue()).sent).toBe(1);
    expect(teams).toEqual(["T0SECOND"]);
    expect(p.db.prepare("SELECT team_id FROM alerts").pluck().all()).toEqual(["T0SECOND"]);
    p.close();
  });

  it("leaves out weak scores, other topics, filtered articles, older news and digest-only channels", async () => {
    const p = process_(dbFile(), START);
    storeArticle(p.db, START - 1_000, { title: "Stored before alerts were on", topics: strong });
    p.subscribe({ excludeKeywords: ["pork"] });
    storeArticle(p.db, START + 1, { topics: [{ topic: "tariffs", score: 0.6, evidence: [] }] });
    storeArticle(p.db, START + 2, { topics: [{ topic: "huawei", score: 0.99, evidence: [] }] });
    storeArticle(p.db, START + 3, { title: "Pork tariffs rise", topics: strong });
    p.clock.advance(60_000);
    expect((await p.sender.sendDue()).sent).toBe(0);
    p.subscribe({ alertMode: "digest" });
    storeArticle(p.db, p.clock.now(), { topics: strong });
    p.clock.advance(60_000);
    expect((await p.sender.sendDue()).due).toBe(0);
    p.close();
  });

  it("sends at most ALERT_MAX_PER_HOUR an hour; the rest wait for the digest, later ones are alerted", async () => {
    const p = process_(dbFile(), START);
    p.subscribe();
    for (let i = 0; i < 6; i++) storeArticle(p.db, START + i, { topics: strong });
    p.clock.advance(60_000);
    expect(await p.sender.sendDue()).toMatchObject({ sent: 4, capped: 2 });
    storeArticle(p.db, p.clock.now(), { topics: strong });
    p.clock.advance(60_000);
    expect(await p.sender.sendDue()).toMatchObject({ sent: 0, capped: 1 });
    p.clock.advance(HOUR);
    storeArticle(p.db, p.clock.now(), { title: "Next hour's news on tariffs", topics: strong });
    p.clock.advance(1_000);
    expect(await p.sender.sendDue()).toMatchObject({ sent: 1, capped: 0 });
    expect(p.poster.posted).toHaveLength(5);
    p.close();
  });

  it("does not alert a same-story copy of an alerted article, in the same pass or later", async () => {
    const p = process_(dbFile(), START);
    p.subscribe();
    const body = `Officials said ${distinctText(4242, 40)}`;
    storeArticle(p.db, START + 1, {
      title: "Washington doubles tariffs on steel imports",
      body,
      topics: strong,
    });
    storeArticle(p.db, START + 2, {
      title: "Washington doubles tariffs on steel imports - Wire",
      body,
      topics: strong,
    });
    p.clock.advance(60_000);
    expect((await p.sender.sendDue()).sent).toBe(1);
    storeArticle(p.db, p.clock.now(), {
      title: "U.S. doubles tariffs on steel imports",
      body: `${body} Markets fell.`,
      topics: strong,
    });
    p.clock.advance(60_000);
    expect((await p.sender.sendDue()).sent).toBe(0);
    p.close();
  });

  it("is exactly once across a restart: a failed post is retried once, a sent one never again", async () => {
    const path = dbFile();
    const first = process_(path, START, async () => ({
      ok: false,
      kind: "transient",
      error: "internal_error",
      message: "Slack had an internal error.",
    }));
    first.subscribe();
    storeArticle(first.db, START + 1, { topics: strong });
    first.clock.advance(60_000);
    expect((await first.sender.sendDue()).pending).toBe(1);
    first.close();

    const second = process_(path, START + 5 * 60_000);
    expect((await second.sender.sendDue()).sent).toBe(1);
    second.close();
    const third = process_(path, START + 10 * 60_000);
    expect((await third.sender.sendDue()).sent).toBe(0);
    expect(third.poster.posted).toHaveLength(0);
    third.close();
  });

  it("re-posts an alert a stopped process left recorded as posting, once", async () => {
    const path = dbFile();
    const first = process_(path, START);
    first.subscribe();
    const id = storeArticle(first.db, START + 1, { topics: strong });
    createAlertRepository(first.db).begin("C1", id, START + 2);
    first.close();
    const second = process_(path, START + 60_000);
    expect((await second.sender.sendDue()).sent).toBe(1);
    expect((await second.sender.sendDue()).sent).toBe(0);
    second.close();
  });

  it("pauses the channel when Slack says the bot cannot post there", async () => {
    const p = process_(dbFile(), START);
    p.subscribe();
    p.poster.script("C1", {
      ok: false,
      kind: "channel_gone",
      error: "not_in_channel",
      message: "I'm not a member of <#C1>.",
    });
    storeArticle(p.db, START + 1, { topics: strong });
    p.clock.advance(60_000);
    expect((await p.sender.sendDue()).paused).toBe(1);
    expect(createSubscriptionRepository(p.db).get("C1")?.pausedReason).toContain("not a member");
    p.close();
  });
});

describe("alerts and the digest", () => {
  it("hands an alert still waiting for a retry to the digest when alerts are switched off", async () => {
    const path = dbFile();
    const p = process_(path, START, async () => ({
      ok: false,
      kind: "transient",
      error: "internal_error",
      message: "Slack had an internal error.",
    }));
    p.subscribe();
    storeArticle(p.db, START + 1, { title: "Waiting alert on tariffs", topics: strong });
    p.clock.advance(60_000);
    expect((await p.sender.sendDue()).pending).toBe(1);
    p.subscribe({ alertMode: "digest" });
    await p.sender.sendDue();
    expect(createAlertRepository(p.db).delivered("C1", 0)).toEqual([]);
    p.close();
    const digest = createSenderHarness({ start: START, dbPath: path });
    await digest.tickAt(Date.parse("2025-06-10T09:00:30Z"));
    expect(messageText(digest.poster.posted[0]?.message ?? { text: "" })).toContain(
      "Waiting alert on tariffs",
    );
  });

  it("never lists an alerted article (or its same-story copy) in the channel's digest; capped ones are", async () => {
    const path = dbFile();
    const p = process_(path, START);
    p.subscribe();
    const body = `Officials said ${distinctText(777, 40)}`;
    storeArticle(p.db, START + 1, { title: "Alerted: tariffs on chips", body, topics: strong });
    for (let i = 0; i < 4; i++) storeArticle(p.db, START + 2 + i, { title: `Also big ${i}`, topics: strong });
    p.clock.advance(60_000);
    expect(await p.sender.sendDue()).toMatchObject({ sent: 4, capped: 1 });
    storeArticle(p.db, p.clock.now(), { title: "Alerted: tariffs on chips - copy", body, topics: strong });
    const alerted = titles(p.poster).join("\n");
    p.close();

    const digest = createSenderHarness({ start: START, dbPath: path });
    const report = await digest.tickAt(Date.parse("2025-06-10T09:00:30Z"));
    expect(report.sent).toBe(1);
    const shown = messageText(digest.poster.posted[0]?.message ?? { text: "" });
    const capped = ["Also big 0", "Also big 1", "Also big 2", "Also big 3"].find((t) => !alerted.includes(t));
    expect(shown).toContain(capped);
    expect(shown).not.toContain("Alerted: tariffs on chips");
    for (const t of ["Also big 0", "Also big 1", "Also big 2", "Also big 3"])
      if (alerted.includes(t)) expect(shown).not.toContain(t);
  });
});
