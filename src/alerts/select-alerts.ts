import type { Article } from "../articles/article.js";
import { computeStorySignature, isSameStory, type StorySignature } from "../digest/same-story.js";
import type { Subscription } from "../store/subscription-repository.js";
import { compileFilters } from "../subscriptions/keyword-filter.js";

export interface AlertSelection {
  /** To alert now, best first. */
  alert: Article[];
  /** Worth an alert but over the hourly cap: left for the digest. */
  capped: Article[];
}

export interface AlertSelectionInput {
  subscription: Pick<Subscription, "topics" | "includeKeywords" | "excludeKeywords" | "alertsSince">;
  /** Articles stored recently, on the subscription's topics. */
  candidates: readonly Article[];
  minScore: number;
  /** Articles already considered for this channel, or delivered in its digests. */
  skip: ReadonlySet<number>;
  /** Articles recently alerted to this channel (read only when something is worth an alert). */
  alerted: () => readonly Article[];
  /** Alerts left under the hourly cap. */
  remaining: number;
  /** Story signatures by article id, shared across channels of one pass. */
  signatures?: Map<number, StorySignature>;
}

/** The strongest score the article has on one of the subscription's topics. */
function bestScore(article: Article, topics: readonly string[]): number {
  return Math.max(0, ...article.topics.filter((t) => topics.includes(t.topic)).map((t) => t.score));
}

/**
 * Which new articles a channel is alerted to (pure): stored after alerts were switched on, scoring
 * at least `minScore` on a subscribed topic, passing the keyword filters, never considered before,
 * and not the same story as an article alerted already (in earlier passes or this one). Best score
 * first; those beyond the hourly cap are returned as capped.
 */
export function selectAlerts(input: AlertSelectionInput): AlertSelection {
  const { subscription: s } = input;
  const passes = compileFilters({ include: s.includeKeywords, exclude: s.excludeKeywords });
  const signatures = input.signatures ?? new Map<number, StorySignature>();
  const signature = (a: Article) => {
    let sig = signatures.get(a.id);
    if (!sig) {
      sig = computeStorySignature(a);
      signatures.set(a.id, sig);
    }
    return sig;
  };
  const worthy = input.candidates
    .filter(
      (a) =>
        s.alertsSince !== null &&
        a.fetchedAt >= s.alertsSince &&
        !input.skip.has(a.id) &&
        bestScore(a, s.topics) >= input.minScore &&
        passes(a),
    )
    .sort((a, b) => bestScore(b, s.topics) - bestScore(a, s.topics) || a.id - b.id);
  if (worthy.length === 0) return { alert: [], capped: [] };
  const told: Article[] = [...input.alerted()];
  const picked: Article[] = [];
  for (const article of worthy) {
    if (told.some((t) => isSameStory(t, article, signature(t), signature(article)))) continue;
    told.push(article);
    picked.push(article);
  }
  const room = Math.max(0, input.remaining);
  return { alert: picked.slice(0, room), capped: picked.slice(room) };
}
