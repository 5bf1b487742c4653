import { afterEach, describe, expect, it } from "vitest";
import { explainSlackError, type PostMessage } from "../../src/slack/post-message.js";
import { DAY, HOUR, messageText, readFixture, storeArticle } from "./helpers.js";
import { createSenderHarness, createTempDir } from "./sender-harness.js";

const utc = (iso: string) => Date.parse(iso);
const SUBSCRIBED = utc("2025-01-14T12:00:00Z");
const DIGEST_TIME = utc("2025-01-15T09:00:00Z");
const transient = {
  ok: false,
  kind: "transient",
  error: "http_503",
  message: "Slack answered HTTP 503.",
} as const;

const temps: Array<{ remove: () => void }> = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.remove();
});

function tempDb(): string {
  const dir = createTempDir();
  temps.push(dir);
  return dir.path("bot.db");
}

describe("sending digests on schedule", () => {
  it("sends nothing before the channel's local time and the digest once it has come", async () => {
    const h = createSenderHarness({ start: SUBSCRIBED });
    h.subscribe("C1", SUBSCRIBED);
    const id = storeArticle(h.db, DIGEST_TIME - 2 * HOUR, { title: "Tariff talks resume in Geneva" });
    expect((await h.tickAt(DIGEST_TIME - 60_000)).due).toBe(0);
    const report = await h.tickAt(DIGEST_TIME + 10_000);
    expect(report.sent).toBe(1);
    expect(h.poster.postedTo("C1")).toHaveLength(1);
    expect(messageText(h.poster.posted[0]?.message ?? { text: "" })).toContain(
      "Tariff talks resume in Geneva",
    );
    const record = h.digests.forDay("C1", "2025-01-15");
    expect(record).toMatchObject({ status: "sent", slackTs: "1700000000.000001" });
    expect(h.digests.coveredArticles(record?.id ?? 0)).toEqual([{ id, shown: true }]);
  });

  it("sends 09:00 London at 08:00 UTC in summer", async () => {
    const start = utc("2025-07-01T12:00:00Z");
    const h = createSenderHarness({ start });
    h.subscribe("C1", start);
    expect((await h.tickAt(utc("2025-07-02T07:59:00Z"))).sent).toBe(0);
    expect((await h.tickAt(utc("2025-07-02T08:00:05Z"))).sent).toBe(1);
  });

  it("sends a digest whose time is skipped by spring-forward at the next valid minute", async () => {
    const start = utc("2025-03-29T12:00:00Z");
    const h = createSenderHarness({ start });
    h.subscribe("C1", start, { localTime: "01:30" });
    expect((await h.tickAt(utc("2025-03-30T00:59:00Z"))).sent).toBe(0);
    expect((await h.tickAt(utc("2025-03-30T01:00:10Z"))).sent).toBe(1);
    expect(h.digests.forDay("C1", "2025-03-30")?.status).toBe("sent");
  });

  it("sends one digest on the fall-back day although its time occurs twice", async () => {
    const start = utc("2025-10-25T12:00:00Z");
    const h = createSenderHarness({ start });
    h.subscribe("C1", start, { localTime: "01:30" });
    expect((await h.tickAt(utc("2025-10-26T00:30:10Z"))).sent).toBe(1);
    expect((await h.tickAt(utc("2025-10-26T01:30:10Z"))).sent).toBe(0);
    expect(h.poster.posted).toHaveLength(1);
  });

  it("sends nothing to a channel that unsubscribed", async () => {
    const h = createSenderHarness({ start: SUBSCRIBED });
    h.subscribe("C1", SUBSCRIBED);
    h.subscriptions.unsubscribe("C1", SUBSCRIBED + HOUR);
    expect((await h.tickAt(DIGEST_TIME + 10_000)).due).toBe(0);
  });

  it("posts one short line on a day with nothing new", async () => {
    const h = createSenderHarness({ start: SUBSCRIBED });
    h.subscribe("C1", SUBSCRIBED, { topics: ["huawei"] });
    await h.tickAt(DIGEST_TIME + 10_000);
    expect(h.poster.posted[0]?.message.text).toBe("No new trade news on Huawei since Tue 14 Jan, 09:00 GMT.");
  });

  it("posts nothing on an empty day when empty digests are skipped, and records the day as done", async () => {
    const h = createSenderHarness({ start: SUBSCRIBED, settings: { skipEmpty: true } });
    h.subscribe("C1", SUBSCRIBED);
    expect((await h.tickAt(DIGEST_TIME + 10_000)).empty).toBe(1);
    expect(h.poster.attempts).toHaveLength(0);
    expect(h.digests.forDay("C1", "2025-01-15")?.status).toBe("empty");
    expect((await h.tickAt(DIGEST_TIME + 60_000)).due).toBe(0);
  });
});

describe("no repeats, nothing lost", () => {
  it("never repeats an article in a later digest", async () => {
    const h = createSenderHarness({ start: SUBSCRIBED });
    h.subscribe("C1", SUBSCRIBED);
    storeArticle(h.db, DIGEST_TIME - HOUR, { title: "First day story on tariffs" });
    await h.tickAt(DIGEST_TIME + 10_000);
    storeArticle(h.db, DIGEST_TIME + 5 * HOUR, { title: "Second day story on tariffs" });
    await h.tickAt(DIGEST_TIME + DAY + 10_000);
    const [first, second] = h.poster.postedTo("C1").map((p) => messageText(p.message));
    expect(first).toContain("First day story on tariffs");
    expect(second).toContain("Second day story on tariffs");
    expect(second).not.toContain("First day story on tariffs");
  });

  it("does not show a story again when another outlet reports it the next day", async () => {
    const [reuters, ap] = readFixture("same-story");
    if (!reuters || !ap) throw new Error("fixture");
    const h = createSenderHarness({ start: SUBSCRIBED });
    h.subscribe("C1", SUBSCRIBED);
    storeArticle(h.db, DIGEST_TIME - HOUR, { ...reuters, publishedAt: DIGEST_TIME - 2 * HOUR });
    await h.tickAt(DIGEST_TIME + 10_000);
    storeArticle(h.db, DIGEST_TIME + 3 * HOUR, { ...ap, publishedAt: DIGEST_TIME + 2 * HOUR });
    await h.tickAt(DIGEST_TIME + DAY + 10_000);
    const second = messageText(h.poster.postedTo("C1")[1]?.message ?? { text: "" });
    expect(second).toContain("No new trade news");
  });

  it("after days of downtime sends one digest covering everything since the last one", async () => {
    const h = createSenderHarness({ start: SUBSCRIBED });
    h.subscribe("C1", SUBSCRIBED);
    await h.tickAt(DIGEST_TIME + 10_000);
    const titles = ["Day two tariff story", "Day three soybean story", "Day four Huawei story"];
    titles.forEach((title, i) => {
      storeArticle(h.db, DIGEST_TIME + (i + 1) * DAY - 3 * HOUR, { title });
    });
    const back = DIGEST_TIME + 3 * DAY + 3 * HOUR;
    expect((await h.tickAt(back)).sent).toBe(1);
    expect((await h.tickAt(back + 30_000)).due).toBe(0);
    const posts = h.poster.postedTo("C1");
    expect(posts).toHaveLength(2);
    for (const title of titles) expect(messageText(posts[1]?.message ?? { text: "" })).toContain(title);
    expect(h.digests.forDay("C1", "2025-01-18")?.status).toBe("sent");
    expect(h.digests.forDay("C1", "2025-01-16")).toBeUndefined();
  });
});

describe("exactly once across restarts", () => {
  it("sends no second digest when the bot restarts right after a successful post", async () => {
    const path = tempDb();
    const first = createSenderHarness({ start: SUBSCRIBED, dbPath: path });
    first.subscribe("C1", SUBSCRIBED);
    await first.tickAt(DIGEST_TIME + 10_000);
    first.db.close();
    const second = createSenderHarness({ start: DIGEST_TIME + 20_000, dbPath: path });
    expect((await second.tickAt(DIGEST_TIME + 40_000)).due).toBe(0);
    expect(second.poster.attempts).toHaveLength(0);
  });

  it("sends the digest once when the bot died after recording the attempt, before the post reached Slack", async () => {
    const path = tempDb();
    const hung: PostMessage = () => new Promise(() => undefined);
    const first = createSenderHarness({ start: SUBSCRIBED, dbPath: path, post: hung });
    first.subscribe("C1", SUBSCRIBED);
    storeArticle(first.db, DIGEST_TIME - HOUR, { title: "Story that must not be lost" });
    void first.tickAt(DIGEST_TIME + 10_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(first.digests.forDay("C1", "2025-01-15")?.status).toBe("posting");
    first.db.close();

    const second = createSenderHarness({ start: DIGEST_TIME + 5 * 60_000, dbPath: path });
    expect((await second.tickAt(DIGEST_TIME + 5 * 60_000)).sent).toBe(1);
    expect(second.poster.posted).toHaveLength(1);
    expect(messageText(second.poster.posted[0]?.message ?? { text: "" })).toContain(
      "Story that must not be lost",
    );
    expect(second.digests.forDay("C1", "2025-01-15")).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("posts again after a crash between Slack accepting the digest and its ts being recorded (the documented duplicate)", async () => {
    const path = tempDb();
    const delivered: string[] = [];
    const acceptedThenDied: PostMessage = (channel) => {
      delivered.push(channel);
      return new Promise(() => undefined);
    };
    const first = createSenderHarness({ start: SUBSCRIBED, dbPath: path, post: acceptedThenDied });
    first.subscribe("C1", SUBSCRIBED);
    void first.tickAt(DIGEST_TIME + 10_000);
    await new Promise((resolve) => setImmediate(resolve));
    first.db.close();

    const second = createSenderHarness({ start: DIGEST_TIME + 60_000, dbPath: path });
    await second.tickAt(DIGEST_TIME + 60_000);
    expect(delivered.length + second.poster.postedTo("C1").length).toBe(2);
    expect((await second.tickAt(DIGEST_TIME + 120_000)).due).toBe(0);
  });

  it("keeps one record per channel and local day even if asked twice", () => {
    const h = createSenderHarness({ start: SUBSCRIBED });
    const attempt = {
      channelId: "C1",
      localDate: "2025-01-15",
      scheduledAt: DIGEST_TIME,
      window: { since: 0, until: DIGEST_TIME },
      articles: [],
      now: DIGEST_TIME,
    };
    const record = h.digests.beginAttempt(attempt);
    h.digests.markSent(record?.id ?? 0, "1.2", DIGEST_TIME);
    expect(h.digests.beginAttempt(attempt)).toBeNull();
    expect(h.db.prepare("SELECT count(*) FROM digests").pluck().get()).toBe(1);
  });
});

describe("Slack failures", () => {
  it("pauses a channel the bot was removed from, with the reason in words, and stops trying", async () => {
    const h = createSenderHarness({ start: SUBSCRIBED });
    h.subscribe("C1", SUBSCRIBED);
    const message = explainSlackError("not_in_channel", "C1");
    h.poster.script("C1", { ok: false, kind: "channel_gone", error: "not_in_channel", message });
    expect((await h.tickAt(DIGEST_TIME + 10_000)).paused).toBe(1);
    expect(h.subscriptions.get("C1")?.pausedReason).toBe(message);
    await h.tickAt(DIGEST_TIME + 60_000);
    await h.tickAt(DIGEST_TIME + DAY + 10_000);
    expect(h.poster.attempts).toHaveLength(1);
  });

  it("sends the owed digest once the channel subscribes again", async () => {
    const h = createSenderHarness({ start: SUBSCRIBED });
    h.subscribe("C1", SUBSCRIBED);
    storeArticle(h.db, DIGEST_TIME - HOUR, { title: "Held while paused" });
    h.poster.script("C1", { ok: false, kind: "channel_gone", error: "not_in_channel", message: "gone" });
    await h.tickAt(DIGEST_TIME + 10_000);
    h.subscribe("C1", DIGEST_TIME + HOUR);
    expect((await h.tickAt(DIGEST_TIME + HOUR + 10_000)).sent).toBe(1);
    expect(messageText(h.poster.posted[0]?.message ?? { text: "" })).toContain("Held while paused");
  });

  it("waits Retry-After on a 429, then posts", async () => {
    const h = createSenderHarness({ start: SUBSCRIBED });
    h.subscribe("C1", SUBSCRIBED);
    h.poster.script("C1", {
      ok: false,
      kind: "rate_limited",
      error: "ratelimited",
      retryAfterSeconds: 7,
      message: "slow down",
    });
    const report = await h.tickAt(DIGEST_TIME + 10_000);
    expect(report.sent).toBe(1);
    expect(h.poster.attempts).toHaveLength(2);
    expect(h.postTimes[1]).toBeGreaterThanOrEqual((h.postTimes[0] ?? 0) + 7_000);
  });

  it("stops waiting out Retry-After when the bot is stopping, leaving the digest due", async () => {
    const stopping = new AbortController();
    const rateLimited = {
      ok: false,
      kind: "rate_limited",
      error: "ratelimited",
      retryAfterSeconds: 120,
      message: "slow down",
    } as const;
    const h = createSenderHarness({
      start: SUBSCRIBED,
      post: async () => {
        stopping.abort();
        return rateLimited;
      },
    });
    h.subscribe("C1", SUBSCRIBED);
    h.clock.set(DIGEST_TIME + 10_000);
    const report = await h.sender.sendDue({ signal: stopping.signal });
    expect(report).toMatchObject({ pending: 1, sent: 0 });
    expect(h.sleeps.filter((ms) => ms >= 1_000)).toEqual([]);
    expect(h.digests.forDay("C1", "2025-01-15")?.status).toBe("pending");
  });

  it("retries a 5xx with growing backoff and posts once Slack recovers", async () => {
    const h = createSenderHarness({ start: SUBSCRIBED });
    h.subscribe("C1", SUBSCRIBED);
    h.poster.script("C1", transient, transient);
    expect((await h.tickAt(DIGEST_TIME + 10_000)).sent).toBe(1);
    expect(h.sleeps.filter((ms) => ms >= 2_000)).toEqual([2_000, 4_000]);
    expect(h.poster.posted).toHaveLength(1);
  });

  it("leaves a digest pending when Slack keeps failing and sends it at a later tick", async () => {
    const h = createSenderHarness({ start: SUBSCRIBED });
    h.subscribe("C1", SUBSCRIBED);
    h.poster.script("C1", transient, transient, transient);
    expect((await h.tickAt(DIGEST_TIME + 10_000)).pending).toBe(1);
    const pending = h.digests.forDay("C1", "2025-01-15");
    expect(pending?.status).toBe("pending");
    expect((await h.tickAt(h.clock.now() + 1_000)).due).toBe(0);
    expect((await h.tickAt(pending?.nextAttemptAt ?? 0)).sent).toBe(1);
  });

  it("stops a pass when three channels in a row find Slack down, leaving the rest due", async () => {
    const h = createSenderHarness({ start: SUBSCRIBED });
    for (const channel of ["C1", "C2", "C3", "C4", "C5"]) {
      h.subscribe(channel, SUBSCRIBED);
      h.poster.script(channel, transient, transient, transient);
    }
    const report = await h.tickAt(DIGEST_TIME + 10_000);
    expect(report).toMatchObject({ due: 5, pending: 3, deferred: 2 });
    expect(h.digests.forDay("C4", "2025-01-15")).toBeUndefined();
  });

  it("logs a rejected digest as a bug, marks the day failed and does not retry it", async () => {
    const h = createSenderHarness({ start: SUBSCRIBED });
    h.subscribe("C1", SUBSCRIBED);
    storeArticle(h.db, DIGEST_TIME - HOUR, { title: "Story in a rejected digest" });
    h.poster.script("C1", { ok: false, kind: "rejected", error: "invalid_blocks", message: "refused" });
    expect((await h.tickAt(DIGEST_TIME + 10_000)).failed).toBe(1);
    expect(h.digests.forDay("C1", "2025-01-15")?.status).toBe("failed");
    expect(h.lines.some((l) => l.level === 50 && String(l.msg).includes("bug"))).toBe(true);
    expect((await h.tickAt(DIGEST_TIME + 60_000)).due).toBe(0);
    await h.tickAt(DIGEST_TIME + DAY + 10_000);
    expect(messageText(h.poster.posted[0]?.message ?? { text: "" })).toContain("Story in a rejected digest");
  });
});
