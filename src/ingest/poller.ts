import { setTimeout as sleep } from "node:timers/promises";
import pLimit from "p-limit";
import type { Clock } from "../clock.js";
import type { Logger } from "../log.js";
import type { Feed } from "../store/feed-repository.js";
import type { FeedStore } from "../store/store.js";
import { describeUnreachableDatabase } from "../store/unreachable.js";
import { type FetchFeedResult, fetchFeed } from "./fetch-feed.js";
import { createGuardedFetch, type GuardedFetch } from "./guarded-fetch.js";
import type { FeedSource, IngestSummary } from "./ingest-articles.js";
import type { FeedItem } from "./parse-feed.js";
import { checkFeedUrl, type Lookup } from "./url-guard.js";

/**
 * Polls every feed on its schedule, a few at a time, recording each outcome in the feed's
 * health. A feed that fails (or serves garbage) backs off and never delays or stops the others.
 */

/** Longest wait after failures, unless the poll interval itself is longer. */
export const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;
/** Longer than a fetch (10 s) and its ingest take; a replica that died frees its feeds after this. */
export const DEFAULT_FEED_LEASE_MS = 5 * 60_000;

/**
 * Delay before the next poll of a feed that has now failed `failures` times in a row:
 * interval × 2^(failures − 1), capped at max(6 h, interval). With the default 600 s interval:
 * 10 min, 20 min, 40 min, 80 min, 160 min, 320 min, then 6 h.
 */
export function backoffDelayMs(intervalMs: number, failures: number): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  return Math.min(intervalMs * 2 ** exponent, Math.max(MAX_BACKOFF_MS, intervalMs));
}

export type PollOutcome =
  | { feedUrl: string; status: "ingested"; itemsSeen: number; summary: IngestSummary }
  | { feedUrl: string; status: "not-modified" }
  | { feedUrl: string; status: "failed"; reason: string; consecutiveFailures: number; nextPollAt: number }
  | { feedUrl: string; status: "cancelled" };

export type FeedCheck =
  | { ok: true; feedTitle: string | null; items: FeedItem[] }
  | { ok: false; reason: string };

export interface PollerDeps {
  feeds: FeedStore;
  /** Normalises, classifies and stores one feed's items (ingestFeedItems with its deps bound). */
  ingest: (items: readonly FeedItem[], feed: FeedSource) => Promise<IngestSummary>;
  /** HTTP client for trusted feeds: Node's global fetch in production. */
  fetch: typeof fetch;
  /**
   * DNS for the untrusted-URL guard and for the guarded fetch that untrusted feeds connect
   * through (createGuardedFetch); the system resolver by default.
   */
  lookup?: Lookup;
  clock: Clock;
  log: Logger;
  /** POLL_INTERVAL_SECONDS. */
  intervalSeconds: number;
  /** Feeds fetched at once (default 4). */
  concurrency?: number;
  /** FEED_ALLOW_PRIVATE: untrusted feeds may reach private addresses. */
  allowPrivate?: boolean;
  /** How often start() looks for due feeds (default 5 s). */
  tickMs?: number;
  /**
   * How long a claimed feed belongs to this process (default 5 min): other processes sharing the
   * database poll it only if this one has not recorded the poll by then (it died mid-fetch).
   */
  leaseMs?: number;
  /**
   * start() makes every feed due first (default). False with replicas: a restarted replica must
   * not re-poll feeds the others polled this interval.
   */
  pollAllAtStart?: boolean;
  /** How long stop() lets in-flight fetches finish before aborting them (default 5 s). */
  graceMs?: number;
  /** Per-request limits, for tests; production uses fetchFeed's defaults (10 s, 5 MB). */
  timeoutMs?: number;
  maxBytes?: number;
  userAgent?: string;
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = "";
    u.password = "";
    return u.href;
  } catch {
    return url;
  }
}

/**
 * The feed poller. `pollDue()` runs one pass; `start()` polls every feed right away and then
 * looks for due feeds every few seconds; `stop()` waits for in-flight fetches (aborting them
 * after a grace period); `pollFeedNow(url)` checks a feed without storing anything.
 */
export function createPoller(deps: PollerDeps) {
  const intervalMs = deps.intervalSeconds * 1000;
  const limit = pLimit(deps.concurrency ?? 4);
  const shutdown = new AbortController();
  const inFlight = new Map<number, Promise<PollOutcome>>();
  let timer: NodeJS.Timeout | undefined;
  let lastPollAt: number | null = null;
  let guardedFetch: GuardedFetch | undefined;

  function fetchOptions(trusted: boolean) {
    const guarded = !trusted && !deps.allowPrivate;
    if (guarded) guardedFetch ??= createGuardedFetch({ lookup: deps.lookup });
    return {
      fetch: guarded && guardedFetch ? guardedFetch.fetch : deps.fetch,
      timeoutMs: deps.timeoutMs,
      maxBytes: deps.maxBytes,
      userAgent: deps.userAgent,
      signal: shutdown.signal,
      checkUrl: guarded ? (url: string) => checkFeedUrl(url, { lookup: deps.lookup }) : undefined,
    };
  }

  /** A poll given up on at shutdown: the claim is handed back, so the feed is due as before. */
  async function cancel(feed: Feed): Promise<PollOutcome> {
    await deps.feeds.releaseClaim(feed.id, feed.nextPollAt);
    return { feedUrl: feed.url, status: "cancelled" };
  }

  async function recordResult(feed: Feed, result: FetchFeedResult): Promise<PollOutcome> {
    if (!result.ok) {
      if (shutdown.signal.aborted) return cancel(feed);
      const at = deps.clock.now();
      const consecutiveFailures = feed.consecutiveFailures + 1;
      const nextPollAt = at + backoffDelayMs(intervalMs, consecutiveFailures);
      await deps.feeds.recordFailure(feed.id, { at, error: result.reason, nextPollAt });
      deps.log.warn(
        {
          feedUrl: redact(feed.url),
          reason: result.reason,
          consecutiveFailures,
          nextPollAt: new Date(nextPollAt).toISOString(),
        },
        `feed poll failed: ${result.reason}`,
      );
      return { feedUrl: feed.url, status: "failed", reason: result.reason, consecutiveFailures, nextPollAt };
    }
    if (result.status === 304) {
      const at = deps.clock.now();
      await deps.feeds.recordSuccess(feed.id, {
        at,
        nextPollAt: at + intervalMs,
        title: null,
        etag: result.etag,
        lastModified: result.lastModified,
        itemsSeen: null,
        itemsStored: 0,
      });
      deps.log.debug({ feedUrl: redact(feed.url) }, "feed not modified");
      return { feedUrl: feed.url, status: "not-modified" };
    }
    const summary = await deps.ingest(result.items, {
      id: feed.id,
      url: feed.url,
      title: result.feedTitle ?? feed.title,
    });
    const at = deps.clock.now();
    await deps.feeds.recordSuccess(feed.id, {
      at,
      nextPollAt: at + intervalMs,
      title: result.feedTitle,
      etag: result.etag,
      lastModified: result.lastModified,
      itemsSeen: result.items.length,
      itemsStored: summary.new,
    });
    deps.log.info(
      {
        feedUrl: redact(feed.url),
        items: result.items.length,
        new: summary.new,
        duplicates: summary.duplicates,
        rejected: summary.rejected,
      },
      "feed polled",
    );
    return { feedUrl: feed.url, status: "ingested", itemsSeen: result.items.length, summary };
  }

  async function pollFeed(feed: Feed): Promise<PollOutcome> {
    try {
      const result = await fetchFeed(feed.url, {
        ...fetchOptions(feed.trusted),
        etag: feed.etag,
        lastModified: feed.lastModified,
      });
      return await recordResult(feed, result);
    } catch (error) {
      const reason = `internal error while polling: ${error instanceof Error ? error.message : String(error)}`;
      deps.log.error({ feedUrl: redact(feed.url), err: error }, reason);
      try {
        return await recordResult(feed, { ok: false, reason });
      } catch {
        return {
          feedUrl: feed.url,
          status: "failed",
          reason,
          consecutiveFailures: feed.consecutiveFailures + 1,
          nextPollAt: 0,
        };
      }
    }
  }

  function schedule(feed: Feed): Promise<PollOutcome> {
    const running = limit(() => (shutdown.signal.aborted ? cancel(feed) : pollFeed(feed))).finally(() =>
      inFlight.delete(feed.id),
    );
    inFlight.set(feed.id, running);
    return running;
  }

  /** Reads of the due feeds under way: stop() waits for them, so every feed they found is waited for too. */
  const reading = new Set<Promise<unknown>>();

  async function pollDue(): Promise<PollOutcome[]> {
    if (shutdown.signal.aborted) return [];
    const read = deps.feeds
      .claimDue(deps.clock.now(), deps.leaseMs ?? DEFAULT_FEED_LEASE_MS)
      .then((found) => found.filter((feed) => !inFlight.has(feed.id)).map(schedule));
    reading.add(read);
    const running = await read.finally(() => reading.delete(read));
    const outcomes = await Promise.all(running);
    lastPollAt = deps.clock.now();
    return outcomes;
  }

  function tick() {
    pollDue().catch((error: unknown) => {
      const unreachable = describeUnreachableDatabase(error);
      deps.log.error(
        { err: error },
        unreachable
          ? `feed poll pass stopped: ${unreachable}. The next tick tries again`
          : "feed poll pass failed",
      );
    });
  }

  return {
    /** One pass: every due feed, at most `concurrency` fetches at once, each outcome recorded. */
    pollDue,

    /**
     * Makes every feed due, polls them all, then keeps polling due feeds every `tickMs`.
     * Resolves when the first pass is done (callers need not wait for it).
     */
    start(): Promise<PollOutcome[]> {
      if (timer || shutdown.signal.aborted) return Promise.resolve([]);
      timer = setInterval(tick, deps.tickMs ?? 5000);
      if (deps.pollAllAtStart === false) return pollDue();
      return deps.feeds.scheduleAll(deps.clock.now()).then(pollDue);
    },

    /** Stops ticking, waits up to `graceMs` for in-flight polls, then aborts the rest. */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await Promise.allSettled([...reading]);
      const pending = Promise.allSettled([...inFlight.values()]);
      const grace = new AbortController();
      const finished = await Promise.race([
        pending.then(() => true),
        sleep(deps.graceMs ?? 5000, false, { signal: grace.signal }).catch(() => false),
      ]);
      grace.abort();
      shutdown.abort();
      if (!finished) await Promise.allSettled([...inFlight.values()]);
      await guardedFetch?.close().catch(() => undefined);
      guardedFetch = undefined;
    },

    /**
     * Fetches a feed once (for `/trade feeds add`), through the URL guard unless `trusted`,
     * and says what it holds or why it cannot be used. Nothing is stored.
     */
    async pollFeedNow(url: string, options: { trusted?: boolean } = {}): Promise<FeedCheck> {
      const result = await fetchFeed(url, fetchOptions(options.trusted ?? false));
      if (!result.ok) return { ok: false, reason: result.reason };
      if (result.status === 304) return { ok: true, feedTitle: null, items: [] };
      return { ok: true, feedTitle: result.feedTitle, items: result.items };
    },

    /** When the last pass finished (epoch ms), or null before the first: for the health endpoint. */
    get lastPollAt(): number | null {
      return lastPollAt;
    },
  };
}

export type Poller = ReturnType<typeof createPoller>;
