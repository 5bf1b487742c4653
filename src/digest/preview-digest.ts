import type { SlackMessage } from "../slack/post-message.js";
import type { Store } from "../store/store.js";
import { buildDigest, DEFAULT_MAX_AGE_MS, type Digest } from "./build-digest.js";
import { type RenderDigestOptions, renderDigestBlocks, renderDigestText } from "./render-digest.js";
import { dueDigestDay, isDigestDue, nextDigestAt } from "./schedule.js";

/**
 * Digests built on demand, for `trade-news digest`, local mode and `/trade digest`. They only read:
 * nothing is recorded as delivered, so a preview never takes anything out of the next digest.
 */

export interface DigestPreview {
  digest: Digest;
  /** Block Kit, within Slack's limits. */
  message: SlackMessage;
  /** Plain text for a terminal. */
  text: string;
}

export interface PreviewSettings {
  topicOrder: readonly string[];
  maxPerTopic: number;
  render?: RenderDigestOptions;
  /** Articles published longer ago than this are left out; default 7 days. */
  maxAgeMs?: number;
}

export interface PreviewRequest {
  topics: readonly string[];
  /** Articles stored at or after this instant (epoch ms). */
  since: number;
  now: number;
  timeZone: string;
  /** Shown as the channel in logs; default "local". */
  channelId?: string;
}

const LOOKBACK_UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "90m", "24h", "2d", "1w" → milliseconds; null for anything else (e.g. a CLI --since value). */
export function parseLookback(text: string): number | null {
  const match = /^\s*(\d{1,4})\s*([mhdw])\s*$/i.exec(text);
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = LOOKBACK_UNITS[(match[2] ?? "").toLowerCase()];
  return amount > 0 && unit ? amount * unit : null;
}

function present(digest: Digest, render: RenderDigestOptions | undefined): DigestPreview {
  return { digest, message: renderDigestBlocks(digest, render), text: renderDigestText(digest, render) };
}

/** An ad-hoc digest of the given topics over articles stored since `since`. */
export async function previewDigest(
  store: Pick<Store, "articles">,
  request: PreviewRequest,
  settings: PreviewSettings,
): Promise<DigestPreview> {
  const maxAgeMs = settings.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  const candidates = await store.articles.digestCandidates({
    fetchedSince: request.since,
    fetchedUntil: request.now,
    publishedSince: request.now - maxAgeMs,
    topics: request.topics,
  });
  const digest = buildDigest(
    candidates,
    { channelId: request.channelId ?? "local", topics: [...request.topics], timeZone: request.timeZone },
    { since: request.since, until: request.now },
    request.now,
    { topicOrder: settings.topicOrder, maxPerTopic: settings.maxPerTopic, maxAgeMs },
  );
  return present(digest, settings.render);
}

/**
 * What a subscribed channel's next digest would contain if it went out now (the window since its
 * last digest, nothing it already received), or null when the channel has no active subscription.
 */
export async function previewChannelDigest(
  store: Store,
  channelId: string,
  now: number,
  settings: PreviewSettings,
): Promise<DigestPreview | null> {
  const subscription = await store.subscriptions.get(channelId);
  if (!subscription?.active) return null;
  const { digests } = store;
  const maxAgeMs = settings.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  const due = dueDigestDay(subscription, now);
  const owed = due && isDigestDue(await digests.forDay(channelId, due.localDate), now) ? due : null;
  const since = Math.max((await digests.nextWindowSince(channelId)) ?? now - 86_400_000, now - maxAgeMs);
  const lookback = since - 48 * 3_600_000;
  const candidates = await store.articles.digestCandidates({
    fetchedSince: lookback,
    fetchedUntil: now,
    publishedSince: now - maxAgeMs - 48 * 3_600_000,
    topics: subscription.topics,
  });
  const delivered = await digests.delivered(channelId, lookback);
  for (const id of await store.alerts.delivered(channelId, lookback)) delivered.set(id, true);
  const digest = buildDigest(candidates, subscription, { since, until: now }, now, {
    topicOrder: settings.topicOrder,
    maxPerTopic: settings.maxPerTopic,
    maxAgeMs,
    delivered,
    localDate: owed ? owed.localDate : nextDigestAt(subscription, now).localDate,
  });
  return present(digest, settings.render);
}
