import type { Article } from "../articles/article.js";
import type { Clock } from "../clock.js";
import type { Logger } from "../log.js";
import { checkBlockKitLimits } from "../slack/block-kit-limits.js";
import type { PostMessage, PostOutcome, SlackMessage } from "../slack/post-message.js";
import type { DigestRecord } from "../store/digest-repository.js";
import type { Store } from "../store/store.js";
import type { Subscription } from "../store/subscription-repository.js";
import {
  buildDigest,
  countStories,
  coveredArticles,
  DEFAULT_MAX_AGE_MS,
  type DigestWindow,
} from "./build-digest.js";
import { createPostPacer, type PostPacer } from "./pace-posts.js";
import { recordSent } from "./record-sent.js";
import { fitDigestToSlack, type RenderDigestOptions, renderDigestBlocks } from "./render-digest.js";
import { indexStories, type StorySignature } from "./same-story.js";
import { dueDigestDay, isDigestDue, type Occurrence } from "./schedule.js";
import { prepareSignatures } from "./story-pool.js";
import { createDigestCache } from "./window-stories.js";

/**
 * The digest sender: finds the channels whose digest is owed, builds each one, records the attempt,
 * posts it through the injected PostMessage at a paced rate, and records the outcome.
 *
 * Exactly once, and its one gap. Before posting, one transaction records the day's digest as
 * "posting" with the articles it covers (UNIQUE per channel and local day); right after Slack
 * answers, one write records "sent" and the message ts. On restart a day recorded as
 * sent is never posted again, and a day recorded as "posting" is posted again, rebuilt over the same
 * window. So a crash before the request reached Slack still gives one digest, and the only way to
 * get two is a crash (or a lost response) after Slack accepted the message and before its ts was
 * written: the span of the one HTTP request. chat.postMessage has no idempotency key, and reading
 * the channel back would need history scopes the bot does not have, so a poster can only learn that
 * a message exists from the response; a record written before the request and another after it is
 * the narrowest bracket possible. Re-posting in that gap was chosen over skipping because a lost
 * digest loses news silently, while a duplicate is visible and harmless.
 *
 * Failures: 429 waits Retry-After (holding every post) and retries; 5xx/network retries with
 * backoff a few times, then stays pending for a later tick (never dropped; three such channels in a
 * row end the run, as Slack is likely down); channel_gone pauses the subscription with the reason
 * in words (cleared by /trade subscribe, after which the digest is owed again at once); rejected is
 * logged as a bug and the day is marked failed (its articles stay undelivered for the next day).
 */

export interface DigestRetryPolicy {
  /** Tries of one post on 5xx/network errors before leaving it for a later tick. */
  transientAttempts: number;
  /** First backoff between those tries (doubles each time). */
  transientBackoffMs: number;
  /** 429s in a row for one post before leaving it for a later tick. */
  rateLimitedAttempts: number;
  /** Wait before a later tick retries a pending digest (doubles per attempt, capped). */
  pendingBackoffMs: number;
  pendingBackoffMaxMs: number;
  /** Channels in a row left pending before the run stops early. */
  outageThreshold: number;
}

export const defaultRetryPolicy: DigestRetryPolicy = {
  transientAttempts: 3,
  transientBackoffMs: 2_000,
  rateLimitedAttempts: 5,
  pendingBackoffMs: 60_000,
  pendingBackoffMaxMs: 30 * 60_000,
  outageThreshold: 3,
};

export interface DigestSenderSettings {
  topicOrder: readonly string[];
  maxPerTopic: number;
  skipEmpty: boolean;
  maxPostsPerSecond: number;
  render?: RenderDigestOptions;
  retry?: Partial<DigestRetryPolicy>;
  /** Default 7 days. */
  maxAgeMs?: number;
}

export interface DigestSenderDeps {
  store: Store;
  postMessage: PostMessage;
  clock: Clock;
  log: Logger;
  /** Waits `ms`; resolves early (never rejects) when `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Lets other work (slash commands) run between digests; default setImmediate. */
  yieldToEventLoop?: () => Promise<void>;
  settings: DigestSenderSettings;
  /** The pacer shared with instant alerts; default one of its own. */
  pacer?: PostPacer;
}

export interface DigestRunReport {
  due: number;
  sent: number;
  empty: number;
  pending: number;
  paused: number;
  failed: number;
  /** Due but not attempted (stopped, or Slack looked down); still due. */
  deferred: number;
}

/** Tolerance for articles stamped before a slow write; the delivered set prevents repeats. */
const LATE_ARRIVAL_MS = 15 * 60_000;
/** How far before a window to look for stories the channel was already shown. */
const STORY_LOOKBACK_MS = 48 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

interface Plan {
  subscription: Subscription;
  occurrence: Occurrence;
  window: DigestWindow;
}

const yieldImmediate = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Creates the sender; `sendDue` runs one pass (the scheduler calls it every tick, never overlapping). */
export function createDigestSender(deps: DigestSenderDeps) {
  const { clock, log, settings } = deps;
  const retry = { ...defaultRetryPolicy, ...settings.retry };
  const maxAgeMs = settings.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  const { articles, subscriptions, digests, alerts } = deps.store;
  const pacer =
    deps.pacer ?? createPostPacer({ postsPerSecond: settings.maxPostsPerSecond, clock, sleep: deps.sleep });
  const pause = deps.yieldToEventLoop ?? yieldImmediate;

  async function planDue(now: number): Promise<Plan[]> {
    const plans: Plan[] = [];
    for (const subscription of await subscriptions.listActive()) {
      if (subscription.pausedReason) continue;
      const occurrence = dueDigestDay(subscription, now);
      if (!occurrence) continue;
      if (!isDigestDue(await digests.forDay(subscription.channelId, occurrence.localDate), now)) continue;
      const start = (await digests.nextWindowSince(subscription.channelId)) ?? now - DAY_MS;
      const since = Math.max(start, now - maxAgeMs);
      plans.push({ subscription, occurrence, window: { since, until: now } });
    }
    return plans.sort(
      (a, b) =>
        a.occurrence.at - b.occurrence.at || a.subscription.channelId.localeCompare(b.subscription.channelId),
    );
  }

  const STOPPING: PostOutcome = {
    ok: false,
    kind: "transient",
    error: "stopping",
    message: "The bot stopped before this digest went out; it stays due.",
  };

  /** One digest post with its retries; gives up (the digest stays due) as soon as `signal` aborts. */
  async function post(
    channel: string,
    teamId: string,
    message: SlackMessage,
    signal?: AbortSignal,
  ): Promise<PostOutcome> {
    let transient = 0;
    let rateLimited = 0;
    for (;;) {
      await pacer.wait(signal);
      if (signal?.aborted) return STOPPING;
      const outcome = await deps.postMessage(channel, message, teamId);
      if (outcome.ok) return outcome;
      if (outcome.kind === "rate_limited") {
        rateLimited++;
        pacer.holdUntil(clock.now() + Math.max(1, outcome.retryAfterSeconds) * 1_000);
        log.warn(
          { channel, retryAfterSeconds: outcome.retryAfterSeconds },
          "Slack rate-limited a digest post",
        );
        if (rateLimited >= retry.rateLimitedAttempts || signal?.aborted) return outcome;
        continue;
      }
      if (outcome.kind !== "transient") return outcome;
      transient++;
      if (transient >= retry.transientAttempts || signal?.aborted) return outcome;
      const backoff = retry.transientBackoffMs * 2 ** (transient - 1);
      log.warn({ channel, error: outcome.error, retryInMs: backoff }, "digest post failed; retrying");
      await deps.sleep(backoff, signal);
    }
  }

  async function leavePending(record: DigestRecord, error: string): Promise<void> {
    const backoff = Math.min(
      retry.pendingBackoffMs * 2 ** Math.max(0, record.attempts - 1),
      retry.pendingBackoffMaxMs,
    );
    const now = clock.now();
    await digests.markPending(record.id, { error, nextAttemptAt: now + backoff, now });
  }

  /** Sends every digest owed now; resolves with what happened. Stops between channels on `signal`. */
  async function sendDue(options: { signal?: AbortSignal } = {}): Promise<DigestRunReport> {
    const now = clock.now();
    const plans = await planDue(now);
    const report: DigestRunReport = {
      due: plans.length,
      sent: 0,
      empty: 0,
      pending: 0,
      paused: 0,
      failed: 0,
      deferred: 0,
    };
    if (plans.length === 0) return report;
    const poolSince = Math.min(...plans.map((p) => p.window.since)) - LATE_ARRIVAL_MS - STORY_LOOKBACK_MS;
    const pool: Article[] = await articles.digestCandidates({
      fetchedSince: poolSince,
      fetchedUntil: now,
      publishedSince: now - maxAgeMs - STORY_LOOKBACK_MS,
      topics: [...new Set(plans.flatMap((p) => p.subscription.topics))],
    });
    const signatures = new Map<number, StorySignature>();
    await prepareSignatures(pool, signatures, pause);
    const stories = indexStories(pool, undefined, signatures);
    const cache = createDigestCache();
    log.info({ due: plans.length, candidates: pool.length }, "sending digests");
    let outageStreak = 0;
    for (const [index, plan] of plans.entries()) {
      if (options.signal?.aborted || outageStreak >= retry.outageThreshold) {
        report.deferred = plans.length - index;
        log.warn(
          { deferred: report.deferred },
          options.signal?.aborted
            ? "stopping: the remaining digests stay due"
            : "Slack looks unavailable; the remaining digests stay due for the next tick",
        );
        break;
      }
      await pause();
      const channel = plan.subscription.channelId;
      const current = await subscriptions.get(channel);
      if (!current?.active || current.pausedReason) continue;
      // Articles alerted to the channel count as delivered: never again in its digest.
      const delivered = await digests.delivered(channel, poolSince);
      for (const id of await alerts.delivered(channel, poolSince)) delivered.set(id, true);
      const built = buildDigest(pool, current, plan.window, now, {
        topicOrder: settings.topicOrder,
        maxPerTopic: settings.maxPerTopic,
        maxAgeMs,
        lateArrivalMs: LATE_ARRIVAL_MS,
        delivered,
        localDate: plan.occurrence.localDate,
        stories,
        cache,
      });
      const digest = fitDigestToSlack(built, settings.render);
      const attempt = {
        channelId: channel,
        teamId: current.teamId,
        localDate: plan.occurrence.localDate,
        scheduledAt: plan.occurrence.at,
        window: plan.window,
        now: clock.now(),
      };
      if (countStories(digest) === 0 && settings.skipEmpty) {
        if (await digests.recordEmpty(attempt)) report.empty++;
        continue;
      }
      const message = renderDigestBlocks(digest, settings.render);
      const record = await digests.beginAttempt({ ...attempt, articles: coveredArticles(digest) });
      if (!record) continue;
      const problems = checkBlockKitLimits(message);
      if (problems.length > 0) {
        log.error(
          { channel, problems },
          "digest breaks Slack's Block Kit limits (a rendering bug); not posting it",
        );
        await digests.markFailed(record.id, {
          error: `breaks Block Kit limits: ${problems.join("; ")}`,
          now: clock.now(),
        });
        report.failed++;
        continue;
      }
      let outcome: PostOutcome;
      try {
        outcome = await post(channel, current.teamId, message, options.signal);
      } catch (error) {
        log.error({ channel, err: error }, "posting a digest threw (a bug in the poster); will retry later");
        await leavePending(record, error instanceof Error ? error.message : String(error));
        report.pending++;
        continue;
      }
      if (outcome.ok) {
        const ts = outcome.ts;
        await recordSent(() => digests.markSent(record.id, ts, clock.now()), {
          log,
          channel,
          sleep: deps.sleep,
          ...(options.signal ? { signal: options.signal } : {}),
        });
        outageStreak = 0;
        report.sent++;
        log.info({ channel, ts: outcome.ts, stories: countStories(digest) }, "digest sent");
      } else if (outcome === STOPPING) {
        // Stopping is not a Slack failure: hand the claim back at once, so another replica (or this
        // one, restarted) posts it on its next tick instead of after a retry backoff.
        const at = clock.now();
        await digests.markPending(record.id, { error: outcome.message, nextAttemptAt: at, now: at });
        report.deferred++;
      } else if (outcome.kind === "transient" || outcome.kind === "rate_limited") {
        await leavePending(record, outcome.message);
        outageStreak++;
        report.pending++;
        log.warn({ channel, error: outcome.error }, "digest not sent; it stays due and will be retried");
      } else if (outcome.kind === "channel_gone") {
        const at = clock.now();
        await subscriptions.pause(channel, outcome.message, at);
        await digests.markPending(record.id, { error: outcome.message, nextAttemptAt: at, now: at });
        report.paused++;
        log.warn({ channel, error: outcome.error }, `digests to this channel are paused: ${outcome.message}`);
      } else {
        await digests.markFailed(record.id, {
          error: `${outcome.error}: ${outcome.message}`,
          now: clock.now(),
        });
        report.failed++;
        log.error(
          { channel, error: outcome.error },
          "Slack rejected the digest (a bug in its rendering); not retrying it today",
        );
      }
    }
    return report;
  }

  return { sendDue };
}

export type DigestSender = ReturnType<typeof createDigestSender>;
