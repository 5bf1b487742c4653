import { setTimeout as sleep } from "node:timers/promises";
import type { Article } from "../articles/article.js";
import type { Clock } from "../clock.js";
import type { PostPacer } from "../digest/pace-posts.js";
import { recordSent } from "../digest/record-sent.js";
import type { StorySignature } from "../digest/same-story.js";
import type { Logger } from "../log.js";
import { checkBlockKitLimits } from "../slack/block-kit-limits.js";
import type { PostMessage, PostOutcome } from "../slack/post-message.js";
import type { Store } from "../store/store.js";
import type { Subscription } from "../store/subscription-repository.js";
import { renderAlert } from "./render-alert.js";
import { selectAlerts } from "./select-alerts.js";

export interface AlertSettings {
  /** ALERT_MIN_SCORE: topic score an article needs for an instant alert. */
  minScore: number;
  /** ALERT_MAX_PER_HOUR: alerts per channel in any hour; the rest wait for the digest. */
  maxPerHour: number;
}

export interface AlertSenderDeps {
  store: Store;
  postMessage: PostMessage;
  /** The pacer digests use, so alerts and digests share one pace and one Retry-After hold. */
  pacer: PostPacer;
  clock: Clock;
  log: Logger;
  settings: AlertSettings;
  /** Waits between tries of recording a sent alert while the database is unreachable (default: a timer). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const timerSleep = (ms: number, signal?: AbortSignal) =>
  sleep(ms, undefined, signal ? { signal } : {}).catch(() => undefined);

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
  const { articles, alerts, digests, subscriptions } = deps.store;

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
      await alerts.markFailed(recordId, `breaks Block Kit limits: ${problems.join("; ")}`, clock.now());
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
        : await deps.postMessage(channel, message, subscription.teamId);
    } catch (error) {
      outcome = { ok: false, kind: "transient", error: "poster_threw", message: String(error) };
    }
    const now = clock.now();
    if (outcome.ok) {
      const ts = outcome.ts;
      await recordSent(() => alerts.markSent(recordId, ts, clock.now()), {
        log,
        channel,
        what: "alert",
        sleep: deps.sleep ?? timerSleep,
        ...(signal ? { signal } : {}),
      });
      report.sent++;
      log.info({ channel, article: article.id, ts: outcome.ts }, "alert sent");
      return true;
    }
    if (outcome.kind === "rate_limited")
      deps.pacer.holdUntil(now + Math.max(1, outcome.retryAfterSeconds) * 1_000);
    if (outcome.kind === "channel_gone") {
      await subscriptions.pause(channel, outcome.message, now);
      await alerts.markPending(recordId, outcome.message, now, now);
      report.paused++;
      log.warn(
        { channel, error: outcome.error },
        `alerts and digests to this channel are paused: ${outcome.message}`,
      );
      return false;
    }
    if (outcome.kind === "rejected") {
      await alerts.markFailed(recordId, `${outcome.error}: ${outcome.message}`, now);
      report.failed++;
      log.error(
        { channel, error: outcome.error },
        "Slack rejected an alert (a rendering bug); not retrying it",
      );
      return true;
    }
    // Stopping is not a Slack failure: the claim is handed back at once, for another replica.
    const retryAt = outcome.ok === false && outcome.error === "stopping" ? now : now + RETRY_MS;
    await alerts.markPending(recordId, outcome.message, retryAt, now);
    report.pending++;
    log.warn({ channel, error: outcome.error }, "alert not sent; it will be retried");
    return false;
  }

  /** Highest article id every alert channel has been checked against. */
  let checkedUpTo = 0;

  /** Posts a channel's unfinished alerts (left posting by a stop, or pending and due); false: stop. */
  async function retry(s: Subscription, now: number, report: AlertRunReport, signal?: AbortSignal) {
    for (const record of await alerts.unfinished(s.channelId, now)) {
      const article = await articles.get(record.articleId);
      const again = article ? await alerts.begin(s.channelId, record.articleId, clock.now(), s.teamId) : null;
      if (!article || !again) continue;
      report.due++;
      if (!(await post(s, article, again.id, report, signal)) || signal?.aborted) return false;
    }
    return true;
  }

  /** Alerts a channel to what in `pool` is new for it; false when a post left the rest for later. */
  async function alertNew(
    s: Subscription,
    pool: readonly Article[],
    now: number,
    signatures: Map<number, StorySignature>,
    report: AlertRunReport,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const channel = s.channelId;
    const since = Math.max(s.alertsSince ?? now, now - LOOKBACK_MS);
    const candidates = pool.filter(
      (a) => a.fetchedAt >= since && a.topics.some((t) => s.topics.includes(t.topic)),
    );
    if (candidates.length === 0) return true;
    const skip = await alerts.considered(channel, since);
    for (const id of (await digests.delivered(channel, now - STORY_WINDOW_MS)).keys()) skip.add(id);
    const alertedIds = await alerts.delivered(channel, now - STORY_WINDOW_MS);
    const alerted = (await Promise.all(alertedIds.map((id) => articles.get(id)))).filter(
      (a): a is Article => a !== undefined,
    );
    const selection = selectAlerts({
      subscription: s,
      candidates,
      minScore: settings.minScore,
      skip,
      alerted: () => alerted,
      remaining: settings.maxPerHour - (await alerts.countSince(channel, now - HOUR_MS)),
      signatures,
    });
    for (const article of selection.capped) await alerts.recordCapped(channel, article.id, now, s.teamId);
    report.capped += selection.capped.length;
    if (selection.capped.length > 0)
      log.info(
        { channel, capped: selection.capped.length },
        "hourly alert cap reached; the rest wait for the digest",
      );
    for (const article of selection.alert) {
      const record = await alerts.begin(channel, article.id, clock.now(), s.teamId);
      if (!record) continue;
      report.due++;
      if (!(await post(s, article, record.id, report, signal)) || signal?.aborted) return false;
    }
    return true;
  }

  /**
   * One pass: settles unfinished alerts of channels that stopped wanting them, retries unfinished
   * ones, and, when articles were stored since the last complete check, reads the new candidates
   * once for every alert channel and alerts each channel to its own. Stops on `signal`.
   */
  async function sendDue(options: { signal?: AbortSignal } = {}): Promise<AlertRunReport> {
    const report: AlertRunReport = { due: 0, sent: 0, capped: 0, pending: 0, paused: 0, failed: 0 };
    // The newest id first: an article stored after it is looked at by the next pass.
    const newest = await alerts.latestArticleId();
    const now = clock.now();
    await alerts.releaseUnwanted(now);
    const channels = (await subscriptions.listActive()).filter(
      (s) => s.alertMode === "alerts" && !s.pausedReason && s.alertsSince !== null,
    );
    const open = new Set<string>();
    for (const s of channels) {
      if (options.signal?.aborted) return report;
      if (await retry(s, now, report, options.signal)) open.add(s.channelId);
    }
    if (newest <= checkedUpTo || channels.length === 0) return report;
    const pool = await articles.digestCandidates({
      fetchedSince: Math.min(...channels.map((s) => Math.max(s.alertsSince ?? now, now - LOOKBACK_MS))),
      fetchedUntil: now + 1,
      publishedSince: now - 7 * 24 * HOUR_MS,
      topics: [...new Set(channels.flatMap((s) => s.topics))],
    });
    const signatures = new Map<number, StorySignature>();
    let complete = open.size === channels.length;
    for (const s of channels) {
      if (options.signal?.aborted) return report;
      if (!open.has(s.channelId)) continue;
      if (!(await alertNew(s, pool, now, signatures, report, options.signal))) complete = false;
    }
    if (complete) checkedUpTo = newest;
    return report;
  }

  return { sendDue };
}

export type AlertSender = ReturnType<typeof createAlertSender>;
