import type { Article } from "../articles/article.js";
import type { CoveredArticle } from "../store/digest-repository.js";
import type { Subscription } from "../store/subscription-repository.js";
import { localDateKey } from "../time-zone.js";
import { pickSummary } from "./pick-summary.js";
import {
  defaultSameStoryOptions,
  indexStories,
  type SameStoryOptions,
  type StoryIndex,
} from "./same-story.js";

/**
 * A channel's digest content, as a pure function of the candidate articles, the subscription, the
 * window and `now`.
 *
 * "Since the previous digest" means *stored* since then: an article counts when its `fetchedAt`
 * lies in [window.since, window.until). Using the ingest time rather than `publishedAt` means an
 * item a feed publishes late (or a feed polled after an outage) is still delivered once; `publishedAt`
 * only filters out old news (older than `maxAgeMs` before the window's end), so a newly added feed's
 * backlog is not dumped into a digest. Articles already delivered to the channel are never repeated,
 * and a story already shown to the channel is not shown again when another outlet reports it later.
 */

export interface DigestWindow {
  /** Inclusive lower bound on fetchedAt (epoch ms). */
  since: number;
  /** Exclusive upper bound on fetchedAt: the next digest starts here. */
  until: number;
}

export type DigestSubscription = Pick<Subscription, "channelId" | "topics" | "timeZone">;

export interface DigestSource {
  name: string;
  url: string | null;
}

/** One story: the same event from one or more sources. */
export interface DigestEntry {
  /** Every article of the story, the listed one first. */
  articleIds: number[];
  title: string;
  url: string | null;
  /** Distinct outlets, earliest report first. */
  sources: DigestSource[];
  /** When the first report was published (epoch ms). */
  publishedAt: number;
  summary: string | null;
  /** The channel topic it is listed under: its strongest. */
  topic: string;
  /** The channel's other topics it is tagged with, in topic order. */
  labels: string[];
  /** Strongest topic score among its articles. */
  score: number;
}

export interface DigestSection {
  topic: string;
  /** Shown, best first. */
  entries: DigestEntry[];
  /** Stories counted but not shown ("and N more"). */
  hiddenStories: number;
  hiddenArticleIds: number[];
}

export interface Digest {
  channelId: string;
  timeZone: string;
  /** The local day the digest is for, "YYYY-MM-DD". */
  localDate: string;
  window: DigestWindow;
  builtAt: number;
  /** One per subscribed topic, in topic order, empty ones included (their count is 0). */
  sections: DigestSection[];
}

export interface BuildDigestOptions {
  /** Topic display order (the classifier's topic names); the subscription's others follow. */
  topicOrder: readonly string[];
  maxPerTopic: number;
  /** Articles published longer than this before window.until are old news. Default 7 days. */
  maxAgeMs?: number;
  /**
   * Also consider articles stored up to this long before window.since (default 0). An ingester that
   * stamps fetchedAt before a slow write cannot then slip between two windows; what the previous
   * digest already covered is excluded through `delivered`.
   */
  lateArrivalMs?: number;
  /** Already delivered to this channel: article id → whether it was shown (not only counted). */
  delivered?: ReadonlyMap<number, boolean>;
  /** The local day it is for; default the day of `now` in the channel's zone. */
  localDate?: string;
  /** Stories precomputed over a pool holding the candidates (shared by many channels' digests). */
  stories?: StoryIndex;
  /** False builds one entry per article (a benchmark baseline). Default true. */
  mergeSameStories?: boolean;
  sameStory?: SameStoryOptions;
  /** Memo of summaries by article id, shared across channels. */
  summaryCache?: Map<number, string | null>;
}

export const DEFAULT_MAX_AGE_MS = 7 * 24 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

/** Topics in display order: the fixed order first, then the subscription's others as given. */
export function orderTopics(topics: readonly string[], topicOrder: readonly string[]): string[] {
  const wanted = new Set(topics);
  const ordered = topicOrder.filter((t) => wanted.has(t));
  return [...new Set([...ordered, ...topics])];
}

function rankOf(entry: DigestEntry, now: number): number {
  const ageDays = Math.max(0, now - entry.publishedAt) / DAY_MS;
  const coverage = 1 + 0.25 * Math.min(entry.sources.length - 1, 4);
  return entry.score * 0.5 ** ageDays * coverage;
}

/** An entry without its summary (picked later, for shown entries only: it is the costly part). */
function toEntry(story: readonly Article[], topics: readonly string[]): DigestEntry {
  const first = story[0] as Article;
  const scores = new Map<string, number>();
  for (const article of story) {
    for (const match of article.topics) {
      if (match.score > (scores.get(match.topic) ?? 0)) scores.set(match.topic, match.score);
    }
  }
  let topic = topics.find((t) => scores.has(t)) as string;
  for (const t of topics) if ((scores.get(t) ?? 0) > (scores.get(topic) ?? 0)) topic = t;
  const sources: DigestSource[] = [];
  const seen = new Set<string>();
  for (const article of story) {
    const key = article.source.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    sources.push({ name: article.source, url: article.url });
  }
  return {
    articleIds: story.map((a) => a.id),
    title: first.title,
    url: first.url,
    sources,
    publishedAt: first.publishedAt,
    summary: null,
    topic,
    labels: topics.filter((t) => t !== topic && scores.has(t)),
    score: scores.get(topic) ?? 0,
  };
}

function summaryOf(story: readonly Article[], cache: Map<number, string | null> | undefined): string | null {
  const key = story.length === 1 ? story[0]?.id : undefined;
  const cached = key === undefined ? undefined : cache?.get(key);
  if (cached !== undefined) return cached;
  const summary = pickSummary(story);
  if (key !== undefined) cache?.set(key, summary);
  return summary;
}

/** Builds a channel's digest (see the module comment for what it contains and why). */
export function buildDigest(
  candidates: readonly Article[],
  subscription: DigestSubscription,
  window: DigestWindow,
  now: number,
  options: BuildDigestOptions,
): Digest {
  const topics = orderTopics(subscription.topics, options.topicOrder);
  const topicSet = new Set(topics);
  const oldest = window.until - (options.maxAgeMs ?? DEFAULT_MAX_AGE_MS);
  const delivered = options.delivered ?? new Map<number, boolean>();
  const onTopic = (a: Article) => a.topics.some((t) => topicSet.has(t.topic) && t.score > 0);
  const fresh = candidates.filter(
    (a) =>
      a.fetchedAt >= window.since - (options.lateArrivalMs ?? 0) &&
      a.fetchedAt < window.until &&
      a.publishedAt >= oldest &&
      !delivered.has(a.id) &&
      onTopic(a),
  );
  const merge = options.mergeSameStories ?? true;
  const shownBefore = merge ? candidates.filter((a) => delivered.get(a.id) === true) : [];
  const stories =
    options.stories ??
    (merge
      ? indexStories([...fresh, ...shownBefore], options.sameStory ?? defaultSameStoryOptions)
      : new Map());
  const storyOf = (a: Article) => (merge ? (stories.get(a.id) ?? a.id) : a.id);
  const alreadyTold = new Set(shownBefore.map(storyOf));
  const groups = new Map<number, Article[]>();
  for (const article of fresh) {
    const story = storyOf(article);
    if (alreadyTold.has(story)) continue;
    const group = groups.get(story);
    if (group) group.push(article);
    else groups.set(story, [article]);
  }
  const byTopic = new Map<string, { entry: DigestEntry; rank: number; story: Article[] }[]>(
    topics.map((t) => [t, []]),
  );
  for (const story of groups.values()) {
    story.sort((a, b) => a.publishedAt - b.publishedAt || a.id - b.id);
    const entry = toEntry(story, topics);
    byTopic.get(entry.topic)?.push({ entry, rank: rankOf(entry, now), story });
  }
  const sections = topics.map((topic): DigestSection => {
    const ranked = (byTopic.get(topic) ?? []).sort(
      (a, b) => b.rank - a.rank || b.entry.publishedAt - a.entry.publishedAt,
    );
    const shown = ranked.slice(0, options.maxPerTopic);
    const hidden = ranked.slice(options.maxPerTopic).map((r) => r.entry);
    for (const { entry, story } of shown) entry.summary = summaryOf(story, options.summaryCache);
    return {
      topic,
      entries: shown.map((r) => r.entry),
      hiddenStories: hidden.length,
      hiddenArticleIds: hidden.flatMap((e) => e.articleIds),
    };
  });
  return {
    channelId: subscription.channelId,
    timeZone: subscription.timeZone,
    localDate: options.localDate ?? localDateKey(now, subscription.timeZone),
    window,
    builtAt: now,
    sections,
  };
}

/** Number of stories in a digest, shown or not. */
export function countStories(digest: Digest): number {
  return digest.sections.reduce((n, s) => n + s.entries.length + s.hiddenStories, 0);
}

/** The articles a digest covers, shown ones flagged, for recording delivery. */
export function coveredArticles(digest: Digest): CoveredArticle[] {
  const out = new Map<number, boolean>();
  for (const section of digest.sections) {
    for (const entry of section.entries) for (const id of entry.articleIds) out.set(id, true);
    for (const id of section.hiddenArticleIds) if (!out.has(id)) out.set(id, false);
  }
  return [...out].map(([id, shown]) => ({ id, shown }));
}
