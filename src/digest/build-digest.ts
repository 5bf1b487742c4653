import type { Article } from "../articles/article.js";
import type { CoveredArticle } from "../store/digest-repository.js";
import type { Subscription } from "../store/subscription-repository.js";
import { compileFilters } from "../subscriptions/keyword-filter.js";
import { localDateKey } from "../time-zone.js";
import { pickSummary } from "./pick-summary.js";
import {
  defaultSameStoryOptions,
  indexStories,
  type SameStoryOptions,
  type StoryIndex,
} from "./same-story.js";
import {
  countOutlets,
  type DigestCache,
  groupWindowStories,
  type StoryGroup,
  type WindowBounds,
} from "./window-stories.js";

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
 * The subscription's keyword filters leave out the articles they do not pass.
 */

export interface DigestWindow {
  /** Inclusive lower bound on fetchedAt (epoch ms). */
  since: number;
  /** Exclusive upper bound on fetchedAt: the next digest starts here. */
  until: number;
}

export type DigestSubscription = Pick<Subscription, "channelId" | "topics" | "timeZone"> &
  Partial<Pick<Subscription, "includeKeywords" | "excludeKeywords">>;

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
  /**
   * Articles of hidden stories stored within lateArrivalMs of the window's end: the only hidden
   * ones a later window could see again, so they are recorded as covered (not all: that would be
   * thousands of rows per channel per day).
   */
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
  /** Shared by the digests of one pass over one pool and story index (see createDigestCache). */
  cache?: DigestCache;
}

export const DEFAULT_MAX_AGE_MS = 7 * 24 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

/** Topics in display order: the fixed order first, then the subscription's others as given. */
export function orderTopics(topics: readonly string[], topicOrder: readonly string[]): string[] {
  const wanted = new Set(topics);
  const ordered = topicOrder.filter((t) => wanted.has(t));
  return [...new Set([...ordered, ...topics])];
}

/** A story ranked for one channel; entries are made for the shown ones alone. */
interface RankedStory {
  group: StoryGroup;
  members: Article[];
  topic: string;
  score: number;
  rank: number;
}

/**
 * Where a story is listed for a channel (its strongest topic among the channel's, ties in topic
 * order) and its rank: topic score, halved per day of age, raised when several outlets report it.
 */
function rankStory(
  group: StoryGroup,
  members: Article[],
  topics: readonly string[],
  now: number,
): RankedStory | null {
  let scores = group.scores;
  if (members !== group.members) {
    scores = new Map();
    for (const a of members)
      for (const t of a.topics) if (t.score > (scores.get(t.topic) ?? 0)) scores.set(t.topic, t.score);
  }
  let topic = "";
  let score = 0;
  for (const t of topics) {
    const s = scores.get(t) ?? 0;
    if (s > score) {
      score = s;
      topic = t;
    }
  }
  if (score <= 0) return null;
  const outlets = members === group.members ? group.outlets : countOutlets(members);
  const ageDays = Math.max(0, now - (members[0]?.publishedAt ?? now)) / DAY_MS;
  return {
    group,
    members,
    topic,
    score,
    rank: score * 0.5 ** ageDays * (1 + 0.25 * Math.min(outlets - 1, 4)),
  };
}

function toEntry(story: RankedStory, topics: readonly string[], cache: DigestCache | undefined): DigestEntry {
  const { members } = story;
  const first = members[0] as Article;
  const sources: DigestSource[] = [];
  const seen = new Set<string>();
  for (const article of members) {
    const key = article.source.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    sources.push({ name: article.source, url: article.url });
  }
  const tagged = new Set(members.flatMap((a) => a.topics.filter((t) => t.score > 0).map((t) => t.topic)));
  return {
    articleIds: members.map((a) => a.id),
    title: first.title,
    url: first.url,
    sources,
    publishedAt: first.publishedAt,
    summary: cache ? cache.summary(members) : pickSummary(members),
    topic: story.topic,
    labels: topics.filter((t) => t !== story.topic && tagged.has(t)),
    score: story.score,
  };
}

/** Keeps the best `max` by rank (ties: newer first) in `top`, sorted best first. */
function keepTop(top: RankedStory[], story: RankedStory, max: number): void {
  const better = (a: RankedStory, b: RankedStory) =>
    a.rank > b.rank ||
    (a.rank === b.rank && (a.members[0]?.publishedAt ?? 0) > (b.members[0]?.publishedAt ?? 0));
  if (top.length === max && !better(story, top[max - 1] as RankedStory)) return;
  let at = top.length;
  while (at > 0 && better(story, top[at - 1] as RankedStory)) at--;
  top.splice(at, 0, story);
  if (top.length > max) top.pop();
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
  const late = options.lateArrivalMs ?? 0;
  const bounds: WindowBounds = {
    from: window.since - late,
    until: window.until,
    oldest: window.until - (options.maxAgeMs ?? DEFAULT_MAX_AGE_MS),
    lateFrom: window.until - late,
  };
  const delivered = options.delivered ?? new Map<number, boolean>();
  const merge = options.mergeSameStories ?? true;
  let stories = options.stories;
  if (merge && !stories) {
    const inWindow = candidates.filter(
      (a) =>
        (a.fetchedAt >= bounds.from && a.fetchedAt < bounds.until && a.publishedAt >= bounds.oldest) ||
        delivered.get(a.id) === true,
    );
    stories = indexStories(inWindow, options.sameStory ?? defaultSameStoryOptions);
  }
  const storyOf = (id: number) => (merge ? (stories?.get(id) ?? id) : id);
  const groups = options.cache
    ? options.cache.stories(candidates, bounds, storyOf, merge)
    : groupWindowStories(candidates, bounds, storyOf);
  const cache = options.cache;
  const passes = compileFilters(
    { include: subscription.includeKeywords ?? [], exclude: subscription.excludeKeywords ?? [] },
    cache ? (a) => cache.words(a) : undefined,
  );
  const alreadyTold = new Set<number>();
  if (merge) for (const [id, shown] of delivered) if (shown) alreadyTold.add(storyOf(id));
  const top = new Map<string, RankedStory[]>(topics.map((t) => [t, []]));
  const counts = new Map<string, number>();
  const lateStories: RankedStory[] = [];
  for (const group of groups) {
    if (alreadyTold.has(group.key)) continue;
    // Keyword filters judge each article; delivered ones (digests, alerts) are never repeated.
    const members = group.members.some((a) => delivered.has(a.id) || !passes(a))
      ? group.members.filter((a) => !delivered.has(a.id) && passes(a))
      : group.members;
    if (members.length === 0) continue;
    const story = rankStory(group, members, topics, now);
    if (!story) continue;
    counts.set(story.topic, (counts.get(story.topic) ?? 0) + 1);
    keepTop(top.get(story.topic) as RankedStory[], story, options.maxPerTopic);
    if (story.group.lateIds.length > 0) lateStories.push(story);
  }
  const shown = new Set([...top.values()].flat());
  const lateHidden = new Map<string, number[]>(topics.map((t) => [t, []]));
  for (const story of lateStories) {
    if (shown.has(story)) continue;
    const ids = story.group.lateIds.filter((id) => !delivered.has(id));
    lateHidden.get(story.topic)?.push(...ids);
  }
  const sections = topics.map(
    (topic): DigestSection => ({
      topic,
      entries: (top.get(topic) ?? []).map((story) => toEntry(story, topics, options.cache)),
      hiddenStories: Math.max(0, (counts.get(topic) ?? 0) - options.maxPerTopic),
      hiddenArticleIds: lateHidden.get(topic) ?? [],
    }),
  );
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
