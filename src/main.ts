import { setTimeout as sleep } from "node:timers/promises";
import { type AlertRunReport, createAlertSender } from "./alerts/send-alerts.js";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import { counted } from "./counted.js";
import { createDigestScheduler, type DigestScheduler } from "./digest/digest-scheduler.js";
import { createPostPacer } from "./digest/pace-posts.js";
import { createDigestSender } from "./digest/send-digests.js";
import { readFeedList, syncConfiguredFeeds } from "./ingest/feed-list.js";
import { ingestArticleFiles } from "./ingest/ingest-article-files.js";
import type { Logger } from "./log.js";
import { commandDepsFor, createServices, previewFor, type Services } from "./services.js";
import { type RunningSlackApp, startSlackApp } from "./slack/create-app.js";
import { setUpWorkspaces } from "./slack/set-up-workspaces.js";

/**
 * The composition root of a running bot: configuration → logger → database → services → the
 * Slack app (or local mode), the poller and the digest scheduler; owns the timers and shutdown.
 */

export interface RunOptions {
  log: Logger;
  clock: Clock;
  /** Where local mode prints what it would post. */
  out: (text: string) => void;
  /** Resolves when the process should stop (SIGINT/SIGTERM). */
  waitForStop: () => Promise<string>;
  fetch?: typeof fetch;
}

/** Adds FEEDS and FEEDS_FILE to the feeds table (removing ones no longer listed). */
export async function syncFeedsFromConfig(services: Services): Promise<void> {
  const { config, log, feeds, clock } = services;
  let file: string[] | null = [];
  if (config.feedsFile) {
    const list = await readFeedList(config.feedsFile);
    for (const problem of list.problems)
      log.warn({ file: config.feedsFile, problem }, `FEEDS_FILE: ${problem}`);
    file = list.readable ? list.urls : null;
  }
  const { added, removed } = await syncConfiguredFeeds(feeds, { config: config.feeds, file }, clock.now());
  if (added.length > 0) log.info({ added }, `Added ${added.length} configured feeds`);
  if (removed.length > 0) log.info({ removed }, `Removed ${removed.length} feeds no longer configured`);
}

/** Ingests ARTICLES_DIR (if any) and logs a line per failed file. */
export async function ingestArticlesDir(services: Services): Promise<void> {
  const dir = services.config.articlesDir;
  if (!dir) return;
  const summary = await ingestArticleFiles(services.ingestDeps, dir);
  for (const file of summary.files) {
    if (file.status === "failed")
      services.log.warn({ file: file.path, reason: file.reason }, `Article file skipped: ${file.reason}`);
  }
  if (summary.new > 0) {
    services.log.info({ dir, new: summary.new }, `Stored ${counted(summary.new, "new article")} from ${dir}`);
    services.notifyArticlesStored();
  }
}

async function localSummary(services: Services): Promise<string> {
  const counts = await services.articles.countByTopic();
  const total = await services.articles.count();
  const feeds = await services.feeds.list();
  const failing = feeds.filter((f) => f.consecutiveFailures > 0);
  const lines = [
    `Stored articles: ${total}`,
    ...services.classifier.topicNames.map((t) => `  ${t.padEnd(12)} ${counts[t] ?? 0}`),
    `Feeds: ${feeds.length}${failing.length > 0 ? ` (${failing.length} failing — run "npm run cli -- feeds")` : ""}`,
  ];
  return `${lines.join("\n")}\n`;
}

/** A started bot: where HTTP mode listens, its services, and how to stop it. */
export interface RunningBot {
  services: Services;
  /** HTTP mode: the port of /slack/events and /healthz; Socket Mode: HEALTH_PORT's, if any. */
  port: number | null;
  stop(): Promise<void>;
}

/**
 * Starts the bot. Without Slack credentials (local mode) it ingests the article folder and
 * feeds, prints a summary and the digest it would post, and keeps polling.
 */
export async function startBot(
  config: Config,
  options: Omit<RunOptions, "waitForStop">,
): Promise<RunningBot> {
  const { log, clock } = options;
  const services = await createServices(config, {
    log,
    clock,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const timers: NodeJS.Timeout[] = [];
  let slack: RunningSlackApp | null = null;
  let scheduler: DigestScheduler | null = null;
  let alertScheduler: DigestScheduler<AlertRunReport> | null = null;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const t of timers) clearInterval(t);
    await scheduler?.stop();
    await alertScheduler?.stop();
    await slack?.stop();
    await services.poller.stop();
    await services.close();
    log.info("Stopped cleanly");
  };
  try {
    await syncFeedsFromConfig(services);
    await ingestArticlesDir(services);
    if (config.articlesDir) {
      timers.push(
        setInterval(() => {
          ingestArticlesDir(services).catch((error: unknown) =>
            log.error({ err: error }, "Article folder scan failed"),
          );
        }, config.pollIntervalSeconds * 1000),
      );
    }
    const firstPoll = services.poller.start();
    if (!config.slack) {
      await firstPoll;
      options.out(
        `trade-news-bot — local mode (no SLACK_BOT_TOKEN): nothing is posted to Slack.\n\n${await localSummary(services)}`,
      );
      options.out(
        `\nThe digest I would post now (all topics, last 24 hours):\n\n${(await previewFor(services, "local")).text}\n`,
      );
      options.out(
        `\nPolling feeds every ${config.pollIntervalSeconds} s. Try "npm run cli -- slash help" in another terminal; Ctrl-C stops.\n`,
      );
      return { services, port: null, stop };
    }
    const slackConfig = config.slack;
    const loadStarted = clock.now();
    services.search.warmUp();
    log.info(
      { ms: clock.now() - loadStarted },
      "Loaded the language resources for questions (wink-nlp model, WordNet, domain map)",
    );
    const workspaces = await setUpWorkspaces({ store: services.store, config: slackConfig, clock, log });
    const isAdmin = async (userId: string, teamId?: string) => {
      if (slackConfig.adminUserIds.includes(userId)) return true;
      if (!slack) return false;
      // Many workspaces: ask the user's own workspace, with its token.
      const client = slackConfig.oauth ? await workspaces.clientFor(teamId ?? "") : slack.app.client;
      if (!client) return false;
      try {
        const info = await client.users.info({ user: userId });
        return Boolean(info.user?.is_admin || info.user?.is_owner || info.user?.is_primary_owner);
      } catch (error) {
        log.warn(
          { err: error, user: userId },
          "Could not check whether a user is an admin (users.info failed); treating them as not an admin",
        );
        return false;
      }
    };
    const deps = { ...commandDepsFor(services, isAdmin), workspaces: workspaces.deps };
    slack = await startSlackApp({
      config: slackConfig,
      deps,
      log,
      health: () => services.health(),
      installationStore: workspaces.installationStore,
    });
    const pause = (ms: number, signal?: AbortSignal) =>
      sleep(ms, undefined, { signal }).catch(() => undefined);
    const postMessage = workspaces.postMessage;
    // One pacer for digests and alerts: one pace, one Retry-After hold for every post.
    const pacer = createPostPacer({ postsPerSecond: config.slackMaxPostsPerSecond, clock, sleep: pause });
    // What the digest and alert senders share: the store, the poster, the pace, the clock and the log.
    const posting = { store: services.store, postMessage, pacer, clock, log, sleep: pause };
    const sender = createDigestSender({
      ...posting,
      settings: {
        topicOrder: services.classifier.topicNames,
        maxPerTopic: config.digestMaxPerTopic,
        skipEmpty: config.digestSkipEmpty,
        maxPostsPerSecond: config.slackMaxPostsPerSecond,
      },
    });
    scheduler = createDigestScheduler({ sender, tickSeconds: config.schedulerTickSeconds, log });
    scheduler.start();
    const alertSender = createAlertSender({
      ...posting,
      settings: { minScore: config.alertMinScore, maxPerHour: config.alertMaxPerHour },
    });
    const alerts = createDigestScheduler({
      sender: alertSender,
      tickSeconds: config.schedulerTickSeconds,
      log,
      passName: "alert pass finished",
    });
    alertScheduler = alerts;
    services.onArticlesStored(() => void alerts.tick());
    alerts.start();
    firstPoll.then(localCounts.bind(null, services)).then(
      (counts) => log.info(counts, "First poll done; the bot is running. Ctrl-C stops it"),
      (error: unknown) => log.error({ err: error }, "First poll failed"),
    );
    return { services, port: slack.port, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs the bot until SIGINT/SIGTERM, then shuts down cleanly. */
export async function runBot(config: Config, options: RunOptions): Promise<void> {
  const bot = await startBot(config, options);
  const signal = await options.waitForStop();
  options.log.info({ signal }, "Stopping: finishing in-flight work");
  await bot.stop();
}

async function localCounts(services: Services) {
  return { articles: await services.articles.count(), feeds: (await services.feeds.list()).length };
}
