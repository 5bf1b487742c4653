/**
 * Replicas on PostgreSQL: several bot "processes" (each its own pool, senders and poller) in one
 * test process against one database split the work: every due feed fetched once, every digest and
 * every alert posted once, and a claim left by a replica that died is taken over when its lease ends.
 */
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { createAlertSender } from "../../src/alerts/send-alerts.js";
import { createManualClock } from "../../src/clock.js";
import { createPostPacer } from "../../src/digest/pace-posts.js";
import { createDigestSender } from "../../src/digest/send-digests.js";
import { ingestFeedItems } from "../../src/ingest/ingest-articles.js";
import { createPoller } from "../../src/ingest/poller.js";
import { createLogger } from "../../src/log.js";
import type { PostMessage } from "../../src/slack/post-message.js";
import { openPostgresStore, type PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { createFakePoster, distinctText, TOPIC_ORDER } from "../digest/helpers.js";
import { type FeedServer, startFeedServer } from "../support/feed-server.js";
import { createTestDatabase, describePostgres } from "./contract/backends.js";

const T0 = Date.parse("2025-06-10T06:00:00Z");
const HOUR = 3_600_000;
const LEASE_MS = 60_000;
const silent = createLogger({ level: "silent" });
const strong = [{ topic: "tariffs", score: 0.95, evidence: ["tariffs"] }];

describePostgres("replicas sharing one database", () => {
  let url = "";
  let drop: () => Promise<void> = async () => undefined;
  let stores: PostgresStore[] = [];

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
  });
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
    stores = [];
    const cleaner = await openPostgresStore(url);
    await cleaner.pool.query(
      "TRUNCATE digest_articles, digests, alerts, article_topics, articles, feeds, subscriptions RESTART IDENTITY CASCADE",
    );
    await cleaner.close();
  });
  afterAll(() => drop());

  /** `n` replicas, each with its own pool. */
  async function replicas(n: number): Promise<PostgresStore[]> {
    stores = await Promise.all(
      Array.from({ length: n }, () => openPostgresStore(url, { leaseMs: LEASE_MS })),
    );
    return stores;
  }

  /** A poster that takes a few real milliseconds, so replicas interleave. */
  function slowPoster(poster: ReturnType<typeof createFakePoster>): PostMessage {
    return async (channel, message) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return poster.post(channel, message);
    };
  }

  async function seedChannels(store: PostgresStore, channels: number, alertMode: "digest" | "alerts") {
    for (let i = 0; i < channels; i++) {
      await store.subscriptions.subscribe({
        channelId: `C${String(i).padStart(4, "0")}`,
        topics: ["tariffs"],
        localTime: "09:00",
        timeZone: "UTC",
        subscribedBy: "U1",
        now: T0,
        alertMode,
      });
    }
    for (let n = 0; n < 5; n++) {
      await store.articles.insert(
        {
          title: `Tariff story ${n}: ${distinctText(n, 6)}`,
          body: `Negotiators said ${distinctText(n + 7_919, 30)} Tariffs on item ${n} fall.`,
          url: `https://news.example/replica-${n}`,
          guid: null,
          source: "Example News",
          publishedAt: T0 + HOUR,
          feedId: null,
        },
        strong,
        T0 + HOUR,
      );
    }
  }

  function digestSender(store: PostgresStore, post: PostMessage, at: number) {
    const clock = createManualClock(at);
    return createDigestSender({
      store,
      postMessage: post,
      clock,
      log: silent,
      sleep: async (ms) => clock.advance(ms),
      settings: { topicOrder: TOPIC_ORDER, maxPerTopic: 5, skipEmpty: false, maxPostsPerSecond: 1_000 },
    });
  }

  it("posts each of 40 due digests exactly once when three replicas run the same pass at once", async () => {
    const [a, b, c] = await replicas(3);
    if (!a || !b || !c) throw new Error("three replicas expected");
    await seedChannels(a, 40, "digest");
    const poster = createFakePoster();
    const due = Date.parse("2025-06-10T09:00:30Z");
    const reports = await Promise.all(
      [a, b, c].map((store) => digestSender(store, slowPoster(poster), due).sendDue()),
    );
    const channels = poster.posted.map((p) => p.channel);
    expect(channels).toHaveLength(40);
    expect(new Set(channels).size).toBe(40);
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(40);
    expect(reports.filter((r) => r.sent > 0).length).toBeGreaterThan(1);
    const statuses = await a.pool.query("SELECT status, count(*)::int AS n FROM digests GROUP BY status");
    expect(statuses.rows).toEqual([{ status: "sent", n: 40 }]);
  });

  it("leaves a digest claimed by a replica that died alone until its lease ends, then another posts it", async () => {
    const [dead, alive] = await replicas(2);
    if (!dead || !alive) throw new Error("two replicas expected");
    await seedChannels(alive, 1, "digest");
    const due = Date.parse("2025-06-10T09:00:30Z");
    // The first replica records "posting" and dies before Slack answers: its post never completes.
    const hung = digestSender(dead, () => new Promise(() => undefined), due);
    void hung.sendDue();
    await expect
      .poll(async () => (await alive.digests.forDay("C0000", "2025-06-10"))?.status)
      .toBe("posting");
    const poster = createFakePoster();
    expect((await digestSender(alive, poster.post, due + 1_000).sendDue()).sent).toBe(0);
    expect(poster.posted).toHaveLength(0);
    const report = await digestSender(alive, poster.post, due + LEASE_MS + 1_000).sendDue();
    expect(report.sent).toBe(1);
    expect(await alive.digests.forDay("C0000", "2025-06-10")).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("posts each instant alert once when two replicas run the alert pass at once", async () => {
    const [a, b] = await replicas(2);
    if (!a || !b) throw new Error("two replicas expected");
    await seedChannels(a, 4, "alerts");
    const poster = createFakePoster();
    const now = T0 + HOUR + 60_000;
    const sender = (store: PostgresStore) => {
      const clock = createManualClock(now);
      const sleep = async (ms: number) => clock.advance(ms);
      return createAlertSender({
        store,
        postMessage: slowPoster(poster),
        pacer: createPostPacer({ postsPerSecond: 1_000, clock, sleep }),
        clock,
        log: silent,
        settings: { minScore: 0.85, maxPerHour: 60 },
      });
    };
    await Promise.all([sender(a).sendDue(), sender(b).sendDue()]);
    const keys = poster.posted.map((p) => `${p.channel} ${JSON.stringify(p.message.blocks)}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(poster.posted).toHaveLength(4 * 5);
    const sent = await a.pool.query("SELECT count(*)::int AS n FROM alerts WHERE status = 'sent'");
    expect(sent.rows[0]).toEqual({ n: 20 });
  });

  it("fetches each due feed once per interval when two replicas poll at once, and not again within it", async () => {
    const server: FeedServer = await startFeedServer();
    try {
      const body = readFileSync(new URL("../fixtures/feeds/rss2.xml", import.meta.url));
      const [a, b] = await replicas(2);
      if (!a || !b) throw new Error("two replicas expected");
      for (let i = 0; i < 10; i++) {
        server.route(`/feed-${i}`, { body, delayMs: 5 });
        await a.feeds.add({ url: server.url(`/feed-${i}`), origin: "config", trusted: true, addedAt: T0 });
      }
      const poller = (store: PostgresStore, at: number) => {
        const clock = createManualClock(at);
        const deps = { articles: store.articles, classify: () => [], clock };
        return createPoller({
          feeds: store.feeds,
          ingest: (items, feed) => ingestFeedItems(deps, items, feed),
          fetch,
          clock,
          log: silent,
          intervalSeconds: 600,
          pollAllAtStart: false,
        });
      };
      const pollers = [poller(a, T0), poller(b, T0)];
      const outcomes = await Promise.all(pollers.map((p) => p.pollDue()));
      expect(outcomes.flat()).toHaveLength(10);
      for (let i = 0; i < 10; i++) expect(server.requests(`/feed-${i}`)).toBe(1);
      // A minute later nothing is due on either replica; after the interval each feed is due once again.
      const later = [poller(a, T0 + 60_000), poller(b, T0 + 60_000)];
      expect((await Promise.all(later.map((p) => p.pollDue()))).flat()).toEqual([]);
      const next = [poller(a, T0 + 601_000), poller(b, T0 + 601_000)];
      expect((await Promise.all(next.map((p) => p.pollDue()))).flat()).toHaveLength(10);
      for (let i = 0; i < 10; i++) expect(server.requests(`/feed-${i}`)).toBe(2);
      await Promise.all([...pollers, ...later, ...next].map((p) => p.stop()));
    } finally {
      await server.close();
    }
  });
});
