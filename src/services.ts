import { type Classifier, createClassifier, toTopicMatches } from "./classify/classifier.js";
import { builtInTopics, loadTopicDefinitions } from "./classify/topics.js";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import {
  type DigestPreview,
  type PreviewSettings,
  previewChannelDigest,
  previewDigest,
} from "./digest/preview-digest.js";
import { upcomingDigestAt } from "./digest/schedule.js";
import { addFeed, parseFeedUrl } from "./ingest/feed-list.js";
import { type IngestDeps, ingestFeedItems } from "./ingest/ingest-articles.js";
import { createIngestOffThread } from "./ingest/ingest-off-thread.js";
import { createPoller, type Poller } from "./ingest/poller.js";
import type { Lookup } from "./ingest/url-guard.js";
import type { Logger } from "./log.js";
import { loadAnswerModel } from "./search/answer-model.js";
import { createSearch, type Search } from "./search/create-search.js";
import { loadLanguageKit } from "./search/language/language-kit.js";
import type { HealthReport } from "./slack/create-app.js";
import type { AddFeedOutcome, CommandDeps } from "./slack/handle-command.js";
import { openStore } from "./store/open-store.js";
import type { ArticleStore, FeedStore, Store, SubscriptionStore } from "./store/store.js";

/** Everything the bot is made of, built once from the configuration. */
export interface Services {
  config: Config;
  log: Logger;
  clock: Clock;
  /** The database: SQLite at DATABASE_PATH, or PostgreSQL at DATABASE_URL. */
  store: Store;
  articles: ArticleStore;
  feeds: FeedStore;
  subscriptions: SubscriptionStore;
  classifier: Classifier;
  ingestDeps: IngestDeps;
  search: Search;
  poller: Poller;
  previewSettings: PreviewSettings;
  /** Fetches a feed once through the untrusted-URL guard, stores it and its items. */
  addFeed(url: string, origin: "slack" | "cli", addedBy: string | null): Promise<AddFeedOutcome>;
  health(): Promise<HealthReport>;
  /** Calls `listener` whenever a poll or a folder scan stored new articles (instant alerts). */
  onArticlesStored(listener: () => void): void;
  /** Tells the listeners that new articles were stored. */
  notifyArticlesStored(): void;
  close(): Promise<void>;
}

export interface ServiceOptions {
  log: Logger;
  clock: Clock;
  fetch?: typeof fetch;
  lookup?: Lookup;
}

/**
 * Opens the database (migrating it and checking the search index), loads the topics and builds
 * the repositories, classifier, search and poller. Throws TopicsFileError for a bad TOPICS_FILE.
 */
export async function createServices(config: Config, options: ServiceOptions): Promise<Services> {
  const { log, clock } = options;
  const definitions = config.topicsFile
    ? loadTopicDefinitions(config.topicsFile, builtInTopics)
    : builtInTopics;
  const classifier = createClassifier(definitions);
  const { store, index } = await openStore(config.database, {
    leaseMs: config.replicaLeaseSeconds * 1000,
  });
  if (index.rebuilt) log.warn({ reason: index.reason }, "Rebuilt the search index");
  const { articles, feeds, subscriptions } = store;
  // A SQLite file is shared with a worker thread that does the ingest work; ":memory:" cannot be.
  // On PostgreSQL, ingest runs on the main thread through the pool (its writes are awaited I/O).
  const offThread =
    config.database.kind === "postgres" || config.databasePath === ":memory:"
      ? undefined
      : createIngestOffThread({
          databasePath: config.databasePath,
          topics: definitions,
          onFailure: (reason) => log.warn({ reason }, "Ingest worker failed; ingesting on the main thread"),
        });
  const ingestDeps: IngestDeps = {
    articles,
    classify: (input) => toTopicMatches(classifier.classify(input)),
    clock,
    offThread,
  };
  const storedListeners: Array<() => void> = [];
  const notifyArticlesStored = () => {
    for (const listener of storedListeners) listener();
  };
  const poller = createPoller({
    feeds,
    ingest: async (items, feed) => {
      const summary = await ingestFeedItems(ingestDeps, items, feed);
      if (summary.new > 0) notifyArticlesStored();
      return summary;
    },
    fetch: options.fetch ?? globalThis.fetch,
    ...(options.lookup ? { lookup: options.lookup } : {}),
    clock,
    log,
    intervalSeconds: config.pollIntervalSeconds,
    allowPrivate: config.feedAllowPrivate,
    // Replicas share PostgreSQL: feeds are due on their shared schedule, not all again at each start.
    pollAllAtStart: store.kind === "sqlite",
    leaseMs: config.replicaLeaseSeconds * 1000,
  });
  const search = createSearch({
    index: store.search,
    articles,
    clock,
    timeZone: config.defaultTimeZone,
    topicHints: (text) => classifier.mentionedTopics(text),
    topicNames: classifier.topicNames,
    kit: loadLanguageKit,
    model: loadAnswerModel(),
  });

  return {
    config,
    log,
    clock,
    store,
    articles,
    feeds,
    subscriptions,
    classifier,
    ingestDeps,
    search,
    poller,
    previewSettings: { topicOrder: classifier.topicNames, maxPerTopic: config.digestMaxPerTopic },
    async addFeed(url, origin, addedBy) {
      const valid = parseFeedUrl(url);
      if (!valid.ok) return valid;
      const check = await poller.pollFeedNow(valid.url, { trusted: origin === "cli" });
      if (!check.ok) return { ok: false, reason: check.reason };
      const added = await addFeed(feeds, { url, origin, addedBy, now: clock.now() });
      if (!added.ok) return { ok: false, reason: added.reason };
      const stored = await ingestFeedItems(ingestDeps, check.items, {
        id: added.feed.id,
        url: added.feed.url,
        title: check.feedTitle,
      });
      const at = clock.now();
      await feeds.recordSuccess(added.feed.id, {
        at,
        nextPollAt: at + config.pollIntervalSeconds * 1000,
        title: check.feedTitle,
        etag: null,
        lastModified: null,
        itemsSeen: check.items.length,
        itemsStored: stored.new,
      });
      log.info(
        { feed: added.feed.url, origin, addedBy, items: check.items.length, new: stored.new },
        "Feed added",
      );
      return { ok: true, created: added.created, itemsFound: check.items.length, newArticles: stored.new };
    },
    async health() {
      const list = await feeds.list();
      const lastPollAt = poller.lastPollAt;
      return {
        ok: true,
        articles: await articles.count(),
        feeds: list.length,
        failingFeeds: list.filter((f) => f.consecutiveFailures > 0).length,
        lastPollAt: lastPollAt === null ? null : new Date(lastPollAt).toISOString(),
      };
    },
    onArticlesStored(listener) {
      storedListeners.push(listener);
    },
    notifyArticlesStored,
    async close() {
      await offThread?.close();
      await store.close();
    },
  };
}

const DAY_MS = 86_400_000;

/**
 * The digest a channel would get now: its own subscription's next digest, or, for a channel
 * without one, all topics over the last 24 hours. Records nothing.
 */
export async function previewFor(services: Services, channelId: string): Promise<DigestPreview> {
  const now = services.clock.now();
  return (
    (await previewChannelDigest(services.store, channelId, now, services.previewSettings)) ??
    previewDigest(
      services.store,
      {
        topics: services.classifier.topicNames,
        since: now - DAY_MS,
        now,
        timeZone: services.config.defaultTimeZone,
        channelId,
      },
      services.previewSettings,
    )
  );
}

/** What /trade needs, from the services; `isAdmin` differs between Slack and the local CLI. */
export function commandDepsFor(
  services: Services,
  isAdmin: CommandDeps["isAdmin"],
  feedOrigin: "slack" | "cli" = "slack",
): CommandDeps {
  const { feeds, poller } = services;
  const { digests } = services.store;
  return {
    topicNames: services.classifier.topicNames,
    defaultTimeZone: services.config.defaultTimeZone,
    clock: services.clock,
    log: services.log,
    articles: services.articles,
    feeds,
    subscriptions: services.subscriptions,
    ask: (question) => services.search.ask(question),
    previewDigest: async (channelId) => (await previewFor(services, channelId)).message,
    nextDigestAt: async (subscription, now) => {
      // Records exist only for days already owed, so the newest few cover every day looked at.
      const recent = await digests.recent(subscription.channelId, 7);
      const byDay = new Map(recent.map((record) => [record.localDate, record]));
      return upcomingDigestAt(subscription, (localDate) => byDay.get(localDate), now).at;
    },
    feedHealth: async () => {
      const list = await feeds.list();
      return {
        total: list.length,
        failing: list.filter((f) => f.consecutiveFailures > 0),
        lastPollAt: poller.lastPollAt,
      };
    },
    addFeed: (url, userId) => services.addFeed(url, feedOrigin, userId),
    isAdmin,
  };
}
