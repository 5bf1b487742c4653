import type { Database } from "better-sqlite3";
import type { Article } from "../articles/article.js";
import type { Clock } from "../clock.js";
import type { PostPacer } from "../digest/pace-posts.js";
import type { StorySignature } from "../digest/same-story.js";
import type { Logger } from "../log.js";
import { checkBlockKitLimits } from "../slack/block-kit-limits.js";
import type { PostMessage, PostOutcome } from "../slack/post-message.js";
import { createAlertRepository } from "../store/alert-repository.js";
import { createArticleRepository } from "../store/article-repository.js";
import { createDigestRepository } from "../store/digest-repository.js";
import { createSubscriptionRepository, type Subscription } from "../store/subscription-repository.js";
import { renderAlert } from "./render-alert.js";
import { selectAlerts } from "./select-alerts.js";

export interface AlertSettings {
  /** ALERT_MIN_SCORE: topic score an article needs for an instant alert. */
  minScore: number;
  /** ALERT_MAX_PER_HOUR: alerts per channel in any hour; the rest wait for the digest. */
  maxPerHour: number;
}

export interface AlertSenderDeps {
  db: Database;
  postMessage: PostMessage;
  /** The pacer digests use, so alerts and digests share one pace and one Retry-After hold. */
  pacer: PostPacer;
  clock: Clock;
  log: Logger;
  settings: AlertSettings;
}

export interface AlertRunReport {
  due: number;
  sent: number;
  capped: number;
  pending: number;
  paused: number;
  failed: number;
}

const HOUR_MS = 3_600_000;
/** Articles stored this long ago are no longer "right away" news. */
const LOOKBACK_MS = 6 * HOUR_MS;
/** Same-story copies are looked for among alerts this recent (the same-story time limit). */
const STORY_WINDOW_MS = 48 * HOUR_MS;
const RETRY_MS = 60_000;

/**
 * The instant-alert sender: after each poll (and every scheduler tick) it alerts channels in
 * alert mode to new high-scoring articles, exactly once each, through the digest's pacer and the
 * one poster: recorded as posting before the post and sent after it (a restart re-posts only an
 * unfinished one), at most maxPerHour per channel; channel_gone pauses the subscription like a digest.
 */
export function createAlertSender(deps: AlertSenderDeps) {
  const { clock, log, settings } = deps;
  const articles = createArticleRepository(deps.db);
  const alerts = createAlertRepository(deps.db);
  const digests = createDigestRepository(deps.db);
  const subscriptions = createSubscriptionRepository(deps.db);

  async function post(
    subscription: Subscription,
    article: Article,
    recordId: number,
    report: AlertRunReport,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const channel = subscription.channelId;
    const message = renderAlert(article, subscription.topics, subscription.timeZone);
    const problems = checkBlockKitLimits(message);
    if (problems.length > 0) {
      alerts.markFailed(recordId, `breaks Block Kit limits: ${problems.join("; ")}`, clock.now());
      log.error(
        { channel, problems },
        "alert breaks Slack's Block Kit limits (a rendering bug); not posting it",
      );
      report.failed++;
      return true;
    }
    await deps.pacer.wait(signal);
    let outcome: PostOutcome;
    try {
      outcome = signal?.aborted
        ? {
            ok: false,
            kind: "transient",
            error: "stopping",
            message: "The bot stopped before this alert went out.",
          }
        : await deps.postMessage(channel, message);
    } catch (error) {
      outcome = { ok: false, kind: "transient", error: "poster_threw", message: String(error) };
    }
    const now = clock.now();
    if (outcome.ok) {
      alerts.markSent(recordId, outcome.ts, now);
      report.sent++;
      log.info({ channel, article: article.id, ts: outcome.ts }, "alert sent");
      return true;
    }
    if (outcome.kind === "rate_limited")
      deps.pacer.holdUntil(now + Math.max(1, outcome.retryAfterSeconds) * 1_000);
    if (outcome.kind === "channel_gone") {
      subscriptions.pause(channel, outcome.message, now);
      alerts.markPending(recordId, outcome.message, now, now);
      report.paused++;
      log.warn(
        { channel, error: outcome.error },
        `alerts and digests to this channel are paused: ${outcome.message}`,
      );
      return false;
    }
    if (outcome.kind === "rejected") {
      alerts.markFailed(recordId, `${outcome.error}: ${outcome.message}`, now);
      report.failed++;
      log.error(
        { channel, error: outcome.error },
        "Slack rejected an alert (a rendering bug); not retrying it",
      );
      return true;
    }
    alerts.markPending(recordId, outcome.message, now + RETRY_MS, now);
    report.pending++;
    log.warn({ channel, error: outcome.error }, "alert not sent; it will be retried");
    return false;
  }

  /** One pass over every channel in alert mode; stops between posts when `signal` aborts. */
  async function sendDue(options: { signal?: AbortSignal } = {}): Promise<AlertRunReport> {
    const report: AlertRunReport = { due: 0, sent: 0, capped: 0, pending: 0, paused: 0, failed: 0 };
    const now = clock.now();
    const signatures = new Map<number, StorySignature>();
    for (const subscription of subscriptions.listActive()) {
      if (
        subscription.alertMode !== "alerts" ||
        subscription.pausedReason ||
        subscription.alertsSince === null
      )
        continue;
      const channel = subscription.channelId;
      let open = true;
      for (const record of alerts.unfinished(channel, now)) {
        const article = articles.get(record.articleId);
        const again = article ? alerts.begin(channel, record.articleId, clock.now()) : null;
        if (!article || !again) continue;
        report.due++;
        open = await post(subscription, article, again.id, report, options.signal);
        if (!open || options.signal?.aborted) break;
      }
      if (!open || options.signal?.aborted) continue;
      const candidates = articles.digestCandidates({
        fetchedSince: Math.max(subscription.alertsSince, now - LOOKBACK_MS),
        fetchedUntil: now + 1,
        publishedSince: now - 7 * 24 * HOUR_MS,
        topics: subscription.topics,
      });
      if (candidates.length === 0) continue;
      const skip = alerts.considered(channel);
      for (const id of digests.delivered(channel, now - STORY_WINDOW_MS).keys()) skip.add(id);
      const alerted = alerts
        .delivered(channel, now - STORY_WINDOW_MS)
        .map((id) => articles.get(id))
        .filter((a): a is Article => a !== undefined);
      const selection = selectAlerts({
        subscription,
        candidates,
        minScore: settings.minScore,
        skip,
        alerted,
        remaining: settings.maxPerHour - alerts.countSince(channel, now - HOUR_MS),
        signatures,
      });
      for (const article of selection.capped) alerts.recordCapped(channel, article.id, now);
      report.capped += selection.capped.length;
      if (selection.capped.length > 0)
        log.info(
          { channel, capped: selection.capped.length },
          "hourly alert cap reached; the rest wait for the digest",
        );
      for (const article of selection.alert) {
        const record = alerts.begin(channel, article.id, clock.now());
        if (!record) continue;
        report.due++;
        if (!(await post(subscription, article, record.id, report, options.signal))) break;
        if (options.signal?.aborted) break;
      }
    }
    return report;
  }

  return { sendDue };
}

export type AlertSender = ReturnType<typeof createAlertSender>;
