/**
 * The digest sender under the faults the replica fault test provokes: a bot stopping while it holds
 * a claim hands it back at once, and a digest Slack accepted while the database was unreachable is
 * recorded once the database answers instead of being posted again after its lease; instant alerts
 * likewise.
 */
import { describe, expect, it } from "vitest";
import { createAlertSender } from "../../src/alerts/send-alerts.js";
import { createManualClock } from "../../src/clock.js";
import { createDigestScheduler } from "../../src/digest/digest-scheduler.js";
import { createPostPacer } from "../../src/digest/pace-posts.js";
import { recordSent } from "../../src/digest/record-sent.js";
import type { PostMessage } from "../../src/slack/post-message.js";
import { openDatabase } from "../../src/store/open-database.js";
import { createSqliteStore } from "../../src/store/sqlite-store.js";
import type { Store } from "../../src/store/store.js";
import { createSubscriptionRepository } from "../../src/store/subscription-repository.js";
import { describeUnreachableDatabase } from "../../src/store/unreachable.js";
import { createFakePoster, storeArticle } from "./helpers.js";
import { createCapturingLogger, createSenderHarness } from "./sender-harness.js";

const SUBSCRIBED = Date.parse("2025-01-14T12:00:00Z");
const DIGEST_TIME = Date.parse("2025-01-15T09:00:00Z");

/** An error shaped as node-postgres reports a server that went away mid-query. */
function connectionLost(): Error {
  return new Error("Connection terminated unexpectedly");
}

describe("digest claims when the bot stops or the database goes away", () => {
  it("hands a claimed digest back at once when the bot stops before posting it", async () => {
    const stopping = new AbortController();
    const h = createSenderHarness({
      start: SUBSCRIBED,
      post: async () => {
        throw new Error("must not post after stopping");
      },
      // SIGTERM arrives right after the claim, while the post waits for its turn.
      wrapStore: (store: Store) => ({
        ...store,
        digests: {
          ...store.digests,
          beginAttempt: async (attempt) => {
            const claimed = await store.digests.beginAttempt(attempt);
            stopping.abort();
            return claimed;
          },
        },
      }),
    });
    h.subscribe("C1", SUBSCRIBED);
    h.clock.set(DIGEST_TIME + 10_000);
    const report = await h.sender.sendDue({ signal: stopping.signal });
    expect(report).toMatchObject({ due: 1, sent: 0, pending: 0 });
    const record = h.digests.forDay("C1", "2025-01-15");
    expect(record).toMatchObject({ status: "pending", nextAttemptAt: DIGEST_TIME + 10_000 });
  });

  it("records a digest Slack accepted once the database answers again, without posting it twice", async () => {
    let failures = 2;
    const h = createSenderHarness({
      start: SUBSCRIBED,
      wrapStore: (store: Store) => ({
        ...store,
        digests: {
          ...store.digests,
          markSent: async (id, ts, now) => {
            if (failures-- > 0) throw connectionLost();
            return store.digests.markSent(id, ts, now);
          },
        },
      }),
    });
    h.subscribe("C1", SUBSCRIBED);
    const report = await h.tickAt(DIGEST_TIME + 10_000);
    expect(report.sent).toBe(1);
    expect(h.poster.posted).toHaveLength(1);
    expect(h.digests.forDay("C1", "2025-01-15")).toMatchObject({ status: "sent" });
    expect(h.sleeps).toEqual(expect.arrayContaining([250, 500]));
    const warnings = h.lines.filter((l) => String(l.msg).includes("recording it failed"));
    expect(warnings).toHaveLength(2);
    expect(String(warnings[0]?.msg)).toMatch(
      /the database is unreachable \(Connection terminated unexpectedly\); check that PostgreSQL is running/,
    );
    expect((await h.tickAt(DIGEST_TIME + 20 * 60_000)).due).toBe(0);
  });

  it("says a failed pass met an unreachable database, not a bug", async () => {
    const { log, lines } = createCapturingLogger();
    const scheduler = createDigestScheduler({
      sender: {
        sendDue: async () => {
          throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
        },
      },
      tickSeconds: 30,
      log,
    });
    await scheduler.tick();
    expect(lines.map((l) => l.msg)).toEqual([
      "digest pass stopped: the database is unreachable (connect ECONNREFUSED 127.0.0.1:5432); check that PostgreSQL is running and DATABASE_URL points at it. The next tick tries again; nothing is lost",
    ]);
  });

  it("tells connection losses from other errors", () => {
    const shutdown = Object.assign(new Error("terminating connection due to administrator command"), {
      code: "57P01",
    });
    const starting = Object.assign(new Error("the database system is starting up"), { code: "57P03" });
    expect(describeUnreachableDatabase(shutdown)).toMatch(/administrator command/);
    expect(describeUnreachableDatabase(starting)).toMatch(/starting up/);
    expect(describeUnreachableDatabase(connectionLost())).not.toBeNull();
    const syntax = Object.assign(new Error('syntax error at or near "SELEC"'), { code: "42601" });
    expect(describeUnreachableDatabase(syntax)).toBeNull();
    expect(describeUnreachableDatabase("nope")).toBeNull();
  });
});

describe("alert claims when the bot stops or the database goes away", () => {
  const START = Date.parse("2025-06-10T06:00:00Z");
  const strong = [{ topic: "tariffs", score: 0.95, evidence: ["tariffs"] }];

  function alertProcess(options: { wrapStore?: (store: Store) => Store; post?: PostMessage }) {
    const db = openDatabase(":memory:");
    const clock = createManualClock(START);
    const poster = createFakePoster();
    const sleeps: number[] = [];
    const sleep = async (ms: number) => {
      sleeps.push(ms);
      clock.advance(ms);
    };
    const { log, lines } = createCapturingLogger();
    const store = createSqliteStore(db);
    const sender = createAlertSender({
      store: options.wrapStore ? options.wrapStore(store) : store,
      postMessage: options.post ?? poster.post,
      pacer: createPostPacer({ postsPerSecond: 10, clock, sleep }),
      clock,
      log,
      sleep,
      settings: { minScore: 0.85, maxPerHour: 4 },
    });
    createSubscriptionRepository(db).subscribe({
      channelId: "C1",
      topics: ["tariffs"],
      localTime: "09:00",
      timeZone: "UTC",
      subscribedBy: "U1",
      now: START,
      alertMode: "alerts",
    });
    storeArticle(db, START + 1_000, { title: "Tariffs on steel doubled", topics: strong });
    clock.advance(60_000);
    return { db, clock, poster, sender, sleeps, lines };
  }

  it("records an alert Slack accepted once the database answers, without posting it twice", async () => {
    let failures = 2;
    const p = alertProcess({
      wrapStore: (store) => ({
        ...store,
        alerts: {
          ...store.alerts,
          markSent: async (id, ts, now) => {
            if (failures-- > 0) throw connectionLost();
            return store.alerts.markSent(id, ts, now);
          },
        },
      }),
    });
    expect((await p.sender.sendDue()).sent).toBe(1);
    expect(p.sleeps).toEqual(expect.arrayContaining([250, 500]));
    expect(
      p.lines.filter((l) => String(l.msg).startsWith("Slack accepted an alert but recording it failed")),
    ).toHaveLength(2);
    p.clock.advance(10 * 60_000);
    expect((await p.sender.sendDue()).sent).toBe(0);
    expect(p.poster.posted).toHaveLength(1);
  });

  it("hands a claimed alert back at once when the bot stops before posting it", async () => {
    const stopping = new AbortController();
    const p = alertProcess({
      post: async () => {
        throw new Error("must not post after stopping");
      },
      wrapStore: (store) => ({
        ...store,
        alerts: {
          ...store.alerts,
          begin: async (...args: Parameters<Store["alerts"]["begin"]>) => {
            const claimed = await store.alerts.begin(...args);
            stopping.abort();
            return claimed;
          },
        },
      }),
    });
    expect((await p.sender.sendDue({ signal: stopping.signal })).pending).toBe(1);
    const row = p.db.prepare("SELECT status, next_attempt_at FROM alerts").get() as {
      status: string;
      next_attempt_at: number;
    };
    expect(row).toEqual({ status: "pending", next_attempt_at: p.clock.now() });
  });
});

describe("recording a sent post", () => {
  it("does not retry an error that is not a lost connection", async () => {
    const { log } = createCapturingLogger();
    let tries = 0;
    const write = async () => {
      tries++;
      throw Object.assign(new Error("value too long for type character varying(32)"), { code: "22001" });
    };
    await expect(recordSent(write, { log, channel: "C1", sleep: async () => undefined })).rejects.toThrow(
      /value too long/,
    );
    expect(tries).toBe(1);
  });
});
