import type { Database } from "better-sqlite3";
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
import { type ArticleRepository, createArticleRepository } from "./store/article-repository.js";
import { createDigestRepository } from "./store/digest-repository.js";
import { createFeedRepository, type FeedRepository } from "./store/feed-repository.js";
import { openDatabase } from "./store/open-database.js";
import { ensureSearchIndex } from "./store/search-index.js";
import {
  createSubscriptionRepository,
  type SubscriptionRepository,
} from "./store/subscription-repository.js";

/** Everything the bot is made of, built once from the configuration. */
export interface Services {
  config: Config;
  log: Logger;
  clock: Clock;
  db: Database;
  articles: ArticleRepository;
  feeds: FeedRepository;
  subscriptions: SubscriptionRepository;
  classifier: Classifier;
  ingestDeps: IngestDeps;
  search: Search;
  poller: Poller;
  previewSettings: PreviewSettings;
  /** Fetches a feed once through the untrusted-URL guard, stores it and its items. */
  addFeed(url: string, origin: "slack" | "cli", addedBy: string | null): Promise<AddFeedOutcome>;
  health(): HealthReport;
  /** Calls `listener` whenever a poll or a folder scan stored new articles (instant alerts). */
  onArticlesStored(listener: () => void): void;
  /** Tells the listeners that new articles were stored. */
  notifyArticlesStored(): void;
  close(): void;
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
export function createServices(config: Config, options: ServiceOptions): Services {
  const { log, clock } = options;
  const definitions = config.topicsFile
    ? loadTopicDefinitions(config.topicsFile, builtInTopics)
    : builtInTopics;
  const classifier = createClassifier(definitions);
  const db = openDatabase(config.databasePath);
  const index = ensureSearchIndex(db);
  if (index.rebuilt) log.warn({ reason: index.reason }, "Rebuilt the search index");
  const articles = createArticleRepository(db);
  const feeds = createFeedRepository(db);
  const subscriptions = createSubscriptionRepository(db);
  // A file database is shared with a worker thread that does the ingest work; ":memory:" cannot be.
  const offThread =
    config.databasePath === ":memory:"
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
  });
  const search = createSearch({
    db,
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
    db,
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
      const added = addFeed(feeds, { url, origin, addedBy, now: clock.now() });
      if (!added.ok) return { ok: false, reason: added.reason };
      const stored = await ingestFeedItems(ingestDeps, check.items, {
        id: added.feed.id,
        url: added.feed.url,
        title: check.feedTitle,
      });
      const at = clock.now();
      feeds.recordSuccess(added.feed.id, {
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
    health() {
      const list = feeds.list();
      const lastPollAt = poller.lastPollAt;
      return {
        ok: true,
        articles: articles.count(),
        feeds: list.length,
        failingFeeds: list.filter((f) => f.consecutiveFailures > 0).length,
        lastPollAt: lastPollAt === null ? null : new Date(lastPollAt).toISOString(),
      };
    },
    onArticlesStored(listener) {
      storedListeners.push(listener);
    },
    notifyArticlesStored,
    close() {
      void offThread?.close();
      db.close();
    },
  };
}

const DAY_MS = 86_400_000;

/**
 * The digest a channel would get now: its own subscription's next digest, or, for a channel
 * without one, all topics over the last 24 hours. Records nothing.
 */
export function previewFor(services: Services, channelId: string): DigestPreview {
  const now = services.clock.now();
  return (
    previewChannelDigest(services.db, channelId, now, services.previewSettings) ??
    previewDigest(
      services.db,
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
  const digests = createDigestRepository(services.db);
  return {
    topicNames: services.classifier.topicNames,
    defaultTimeZone: services.config.defaultTimeZone,
    clock: services.clock,
    log: services.log,
    articles: services.articles,
    feeds,
    subscriptions: services.subscriptions,
    ask: (question) => services.search.ask(question),
    previewDigest: (channelId) => previewFor(services, channelId).message,
    nextDigestAt: (subscription, now) =>
      upcomingDigestAt(subscription, (localDate) => digests.forDay(subscription.channelId, localDate), now)
        .at,
    feedHealth: () => {
      const list = feeds.list();
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
