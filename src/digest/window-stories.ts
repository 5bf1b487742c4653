import type { Article } from "../articles/article.js";
import { articleWords } from "../subscriptions/keyword-filter.js";
import { pickSummary } from "./pick-summary.js";

/**
 * The stories of one window of a candidate pool, and a cache that computes them once for every
 * channel whose digest covers the same window (at a fan-out, nearly all of them): a channel's
 * digest then only picks, ranks and cuts stories instead of regrouping thousands of articles.
 */

/** One story in a window: its articles and the facts ranking needs. */
export interface StoryGroup {
  /** The story's id (the smallest article id of the story, or the article's own id unmerged). */
  key: number;
  /** Articles in the window, oldest first. */
  members: Article[];
  /** Strongest score per topic among the members (scores above 0 only). */
  scores: Map<string, number>;
  /** When the first report was published. */
  publishedAt: number;
  /** Distinct outlets reporting it. */
  outlets: number;
  /** Ids of members stored at or after the window's late-arrival zone (see BuildDigestOptions). */
  lateIds: number[];
}

/** Which candidates a window holds. */
export interface WindowBounds {
  /** Stored at or after this (window.since less the late-arrival tolerance). */
  from: number;
  /** Stored before this. */
  until: number;
  /** Published at or after this. */
  oldest: number;
  /** Members stored from here on are listed in lateIds. */
  lateFrom: number;
}

/** Distinct sources by name (case-insensitive), in the order given. */
export function countOutlets(members: readonly Article[]): number {
  if (members.length === 1) return 1;
  return new Set(members.map((a) => a.source.trim().toLowerCase())).size;
}

/** Groups the window's candidates into stories (`storyOf` maps an article id to its story). */
export function groupWindowStories(
  candidates: readonly Article[],
  bounds: WindowBounds,
  storyOf: (id: number) => number,
): StoryGroup[] {
  const groups = new Map<number, StoryGroup>();
  for (const a of candidates) {
    if (a.fetchedAt < bounds.from || a.fetchedAt >= bounds.until || a.publishedAt < bounds.oldest) continue;
    const key = storyOf(a.id);
    let group = groups.get(key);
    if (!group) {
      group = { key, members: [], scores: new Map(), publishedAt: a.publishedAt, outlets: 1, lateIds: [] };
      groups.set(key, group);
    }
    group.members.push(a);
    if (a.publishedAt < group.publishedAt) group.publishedAt = a.publishedAt;
    if (a.fetchedAt >= bounds.lateFrom) group.lateIds.push(a.id);
    for (const t of a.topics) {
      if (t.score > (group.scores.get(t.topic) ?? 0)) group.scores.set(t.topic, t.score);
    }
  }
  const out = [...groups.values()];
  for (const group of out) {
    if (group.members.length > 1) {
      group.members.sort((a, b) => a.publishedAt - b.publishedAt || a.id - b.id);
      group.outlets = countOutlets(group.members);
    }
  }
  return out;
}

/** Memo shared by the digests built from one candidate pool and one story index (one per pass). */
export interface DigestCache {
  /** The window's stories, grouped once per distinct window. */
  stories(
    candidates: readonly Article[],
    bounds: WindowBounds,
    storyOf: (id: number) => number,
    merged: boolean,
  ): StoryGroup[];
  /** The summary of a story (by its articles), picked once. */
  summary(members: readonly Article[]): string | null;
  /** An article's words for keyword filters, split once for every channel's filters. */
  words(article: { id?: number; title: string; body: string }): ReadonlySet<string>;
}

/** A fresh cache; do not share it between different candidate pools or story indexes. */
export function createDigestCache(): DigestCache {
  const windows = new Map<string, StoryGroup[]>();
  const summaries = new Map<string, string | null>();
  const words = new Map<number, Set<string>>();
  let pool: readonly Article[] | null = null;
  return {
    stories(candidates, bounds, storyOf, merged) {
      if (pool !== candidates) {
        windows.clear();
        pool = candidates;
      }
      const key = `${bounds.from}:${bounds.until}:${bounds.oldest}:${bounds.lateFrom}:${merged}`;
      let groups = windows.get(key);
      if (!groups) {
        groups = groupWindowStories(candidates, bounds, storyOf);
        windows.set(key, groups);
      }
      return groups;
    },
    summary(members) {
      const key = members.map((a) => a.id).join(",");
      let summary = summaries.get(key);
      if (summary === undefined) {
        summary = pickSummary(members);
        summaries.set(key, summary);
      }
      return summary;
    },
    words(article) {
      if (article.id === undefined) return articleWords(article);
      let set = words.get(article.id);
      if (!set) {
        set = articleWords(article);
        words.set(article.id, set);
      }
      return set;
    },
  };
}
