import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { createManualClock } from "../../src/clock.js";
import { createDigestSender, type DigestSenderSettings } from "../../src/digest/send-digests.js";
import { createLogger } from "../../src/log.js";
import type { PostMessage } from "../../src/slack/post-message.js";
import { createDigestRepository } from "../../src/store/digest-repository.js";
import { type Database, openDatabase } from "../../src/store/open-database.js";
import { createSqliteStore } from "../../src/store/sqlite-store.js";
import type { Store } from "../../src/store/store.js";
import { createSubscriptionRepository } from "../../src/store/subscription-repository.js";
import { createFakePoster, TOPIC_ORDER } from "./helpers.js";

/** A temporary directory for a database file that outlives one "process". */
export function createTempDir(): { path: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "trade-news-digest-"));
  return { path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A logger whose JSON lines are kept for assertions. */
export function createCapturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: createLogger({ level: "debug", destination }), lines };
}

export interface HarnessOptions {
  start: number;
  dbPath?: string;
  settings?: Partial<DigestSenderSettings>;
  post?: PostMessage;
  /** Yield to the real event loop between digests (the production default) instead of counting. */
  realYields?: boolean;
  /** Wraps the store the sender sees (to make a write fail as a lost database would). */
  wrapStore?: (store: Store) => Store;
}

/**
 * One bot "process" around the digest sender: a database (file or memory), a manual clock that
 * the injected sleep advances, a fake poster and a capturing logger.
 */
export function createSenderHarness(options: HarnessOptions) {
  const db: Database = openDatabase(options.dbPath ?? ":memory:");
  const clock = createManualClock(options.start);
  const sleeps: number[] = [];
  const poster = createFakePoster();
  const postTimes: number[] = [];
  const { log, lines } = createCapturingLogger();
  let yields = 0;
  const post: PostMessage =
    options.post ??
    (async (channel, message) => {
      postTimes.push(clock.now());
      return poster.post(channel, message);
    });
  const sender = createDigestSender({
    store: (options.wrapStore ?? ((store: Store) => store))(createSqliteStore(db)),
    postMessage: post,
    clock,
    log,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
    yieldToEventLoop: options.realYields
      ? () => {
          yields++;
          return new Promise((resolve) => setImmediate(resolve));
        }
      : async () => {
          yields++;
        },
    settings: {
      topicOrder: TOPIC_ORDER,
      maxPerTopic: 5,
      skipEmpty: false,
      maxPostsPerSecond: 1,
      ...options.settings,
    },
  });
  const subscriptions = createSubscriptionRepository(db);
  return {
    db,
    clock,
    sleeps,
    poster,
    postTimes,
    lines,
    sender,
    subscriptions,
    digests: createDigestRepository(db),
    yields: () => yields,
    subscribe(
      channelId: string,
      at: number,
      extra: { topics?: string[]; localTime?: string; timeZone?: string } = {},
    ) {
      return subscriptions.subscribe({
        channelId,
        topics: extra.topics ?? ["huawei", "tariffs", "agriculture"],
        localTime: extra.localTime ?? "09:00",
        timeZone: extra.timeZone ?? "Europe/London",
        subscribedBy: "U1",
        now: at,
      });
    },
    /** Sets the clock and runs one pass. */
    async tickAt(instant: number) {
      clock.set(instant);
      return sender.sendDue();
    },
  };
}

export type SenderHarness = ReturnType<typeof createSenderHarness>;
