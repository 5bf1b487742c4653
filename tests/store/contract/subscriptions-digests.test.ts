import { expect, it } from "vitest";
import type { DigestAttempt } from "../../../src/store/digest-repository.js";
import { describeEachBackend } from "./backends.js";

const NOW = Date.parse("2025-03-01T12:00:00Z");
const HOUR = 3_600_000;
/** Longer than any lease: a "posting" attempt this old was left by a process that stopped. */
const LATER = NOW + 24 * HOUR;

const settings = (channelId: string, now = NOW) => ({
  channelId,
  topics: ["tariffs"],
  localTime: "09:00",
  timeZone: "Europe/London",
  subscribedBy: "U1",
  now,
});

const attempt = (localDate: string, now = NOW, extra: Partial<DigestAttempt> = {}): DigestAttempt => ({
  channelId: "C1",
  localDate,
  scheduledAt: now,
  window: { since: now - 24 * HOUR, until: now },
  articles: [],
  now,
  ...extra,
});

describeEachBackend("subscription store", ({ store }) => {
  it("subscribes with the defaults, and a new time restarts the schedule while the same one keeps it", async () => {
    const subs = store().subscriptions;
    const created = await subs.subscribe(settings("C1"));
    expect(created).toMatchObject({
      channelId: "C1",
      topics: ["tariffs"],
      active: true,
      subscribedAt: NOW,
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      alertMode: "digest",
      alertsSince: null,
      includeKeywords: [],
    });
    const same = await subs.subscribe({ ...settings("C1", NOW + HOUR), topics: ["huawei"] });
    expect(same).toMatchObject({ topics: ["huawei"], subscribedAt: NOW, updatedAt: NOW + HOUR });
    const moved = await subs.subscribe({ ...settings("C1", NOW + 2 * HOUR), localTime: "10:00" });
    expect(moved.subscribedAt).toBe(NOW + 2 * HOUR);
  });

  it("starts alerts from the moment they are switched on and keeps that start while they stay on", async () => {
    const subs = store().subscriptions;
    const on = await subs.subscribe({ ...settings("C1"), alertMode: "alerts", weekdays: [5, 1] });
    expect(on).toMatchObject({ alertMode: "alerts", alertsSince: NOW, weekdays: [1, 5] });
    const still = await subs.subscribe({ ...settings("C1", NOW + HOUR), alertMode: "alerts" });
    expect(still.alertsSince).toBe(NOW);
    const off = await subs.subscribe({ ...settings("C1", NOW + 2 * HOUR), alertMode: "digest" });
    expect(off.alertsSince).toBeNull();
  });

  it("unsubscribes (keeping the row), pauses with a reason, and a new subscribe clears the pause", async () => {
    const subs = store().subscriptions;
    await subs.subscribe(settings("C2"));
    await subs.subscribe(settings("C1"));
    expect((await subs.listActive()).map((s) => s.channelId)).toEqual(["C1", "C2"]);
    expect(await subs.unsubscribe("C2", NOW + 1)).toBe(true);
    expect(await subs.unsubscribe("C2", NOW + 2)).toBe(false);
    expect(await subs.get("C2")).toMatchObject({ active: false });
    await subs.pause("C1", "the bot was removed from the channel", NOW + 3);
    expect(await subs.get("C1")).toMatchObject({ pausedReason: "the bot was removed from the channel" });
    expect((await subs.subscribe(settings("C1", NOW + 4))).pausedReason).toBeNull();
    expect((await subs.listActive()).map((s) => s.channelId)).toEqual(["C1"]);
    expect(await subs.get("C404")).toBeUndefined();
  });
});

describeEachBackend("digest store", ({ store }) => {
  it("records an attempt with its articles, then sent; a settled day is not attempted again", async () => {
    const { articles, digests } = store();
    await articles.insert(
      {
        title: "T",
        body: "B",
        url: "https://x.example/1",
        guid: null,
        source: "S",
        publishedAt: NOW,
        feedId: null,
      },
      [],
      NOW,
    );
    const record = await digests.beginAttempt(
      attempt("2025-03-01", NOW, { articles: [{ id: 1, shown: true }] }),
    );
    expect(record).toMatchObject({ id: 1, status: "posting", attempts: 1, localDate: "2025-03-01" });
    expect(await digests.coveredArticles(1)).toEqual([{ id: 1, shown: true }]);
    await digests.markSent(1, "123.456", NOW + 1);
    expect(await digests.get(1)).toMatchObject({ status: "sent", slackTs: "123.456", sentAt: NOW + 1 });
    expect(await digests.beginAttempt(attempt("2025-03-01", LATER))).toBeNull();
    expect(await digests.delivered("C1", NOW - HOUR)).toEqual(new Map([[1, true]]));
    expect(await digests.lastSent("C1")).toMatchObject({ id: 1 });
    expect(await digests.nextWindowSince("C1")).toBe(NOW);
  });

  it("takes over an attempt left posting by a stopped process, counting the attempt", async () => {
    const { digests } = store();
    await digests.beginAttempt(attempt("2025-03-01"));
    const again = await digests.beginAttempt(attempt("2025-03-01", LATER));
    expect(again).toMatchObject({ id: 1, status: "posting", attempts: 2 });
  });

  it("retries a pending digest, supersedes an unsent earlier day, and settles failed and empty days", async () => {
    const { digests } = store();
    const first = await digests.beginAttempt(attempt("2025-03-01"));
    await digests.markPending(first?.id ?? 0, {
      error: "Slack is down",
      nextAttemptAt: NOW + HOUR,
      now: NOW,
    });
    expect(await digests.forDay("C1", "2025-03-01")).toMatchObject({
      status: "pending",
      error: "Slack is down",
      nextAttemptAt: NOW + HOUR,
    });
    const next = await digests.beginAttempt(attempt("2025-03-02", NOW + 24 * HOUR));
    expect(next).toMatchObject({ localDate: "2025-03-02", status: "posting" });
    expect(await digests.forDay("C1", "2025-03-01")).toMatchObject({ status: "superseded" });
    await digests.markFailed(next?.id ?? 0, { error: "invalid_blocks", now: NOW + 24 * HOUR });
    expect(await digests.beginAttempt(attempt("2025-03-02", LATER + 24 * HOUR))).toBeNull();
    const empty = await digests.recordEmpty(attempt("2025-03-03", NOW + 48 * HOUR));
    expect(empty).toMatchObject({ status: "empty", attempts: 0 });
    expect(await digests.lastCompleted("C1")).toMatchObject({ localDate: "2025-03-03" });
    expect((await digests.recent("C1", 2)).map((d) => d.localDate)).toEqual(["2025-03-03", "2025-03-02"]);
  });

  it("starts a channel's next window where its first attempt started when none completed", async () => {
    const { digests } = store();
    expect(await digests.nextWindowSince("C1")).toBeNull();
    await digests.beginAttempt(attempt("2025-03-01"));
    expect(await digests.nextWindowSince("C1")).toBe(NOW - 24 * HOUR);
  });
});
