import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { ArticleDraft, TopicMatch } from "../articles/article.js";
import type { Clock } from "../clock.js";
import type { ArticleRepository, InsertResult } from "../store/article-repository.js";
import { normaliseItem, sourceName } from "./normalise-item.js";
import type { FeedItem } from "./parse-feed.js";

/**
 * The ingest pipeline: drafts → classify → store, in chunks of a few hundred per transaction with
 * a turn of the event loop between chunks, so a 10,000-item ingest never holds up Slack acks.
 */

/** Topic tagging, injected (createClassifier(...) + toTopicMatches in production). */
export type ClassifyArticle = (input: { title: string; body: string }) => TopicMatch[];

export interface IngestDeps {
  articles: ArticleRepository;
  classify: ClassifyArticle;
  clock: Clock;
  /** Articles per transaction (default 200). */
  chunkSize?: number;
}

/** An item that could not become an article, and why. */
export interface Rejection {
  /** The item's link or GUID, or a file path. */
  item: string;
  reason: string;
}

export interface IngestSummary {
  new: number;
  duplicates: number;
  rejected: number;
  rejections: Rejection[];
  /** Per draft, in input order: what the store did with it. */
  results: InsertResult[];
}

/** Where feed items came from. */
export interface FeedSource {
  id: number | null;
  /** The feed's configured URL. */
  url: string;
  /** The feed's title as plain text, if known. */
  title: string | null;
}

export const DEFAULT_CHUNK_SIZE = 200;

function emptySummary(rejections: Rejection[]): IngestSummary {
  return { new: 0, duplicates: 0, rejected: rejections.length, rejections, results: [] };
}

function storeChunk(
  deps: IngestDeps,
  drafts: readonly ArticleDraft[],
  fetchedAt: number,
  into: IngestSummary,
) {
  const items = drafts.map((draft) => ({
    draft,
    topics: deps.classify({ title: draft.title, body: draft.body }),
  }));
  for (const result of deps.articles.insertMany(items, fetchedAt)) {
    if (result.status === "new") into.new++;
    else into.duplicates++;
    into.results.push(result);
  }
}

/**
 * Turns inputs into drafts and stores them, a chunk per transaction with a turn of the event loop
 * between chunks. `toDraft` returns null for an input it rejected (after noting why).
 */
async function storeInChunks<T>(
  deps: IngestDeps,
  inputs: readonly T[],
  toDraft: (input: T, rejections: Rejection[]) => ArticleDraft | null,
  rejections: Rejection[],
  fetchedAt: number,
): Promise<IngestSummary> {
  const size = deps.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const summary = emptySummary(rejections);
  for (let start = 0; start < inputs.length; start += size) {
    if (start > 0) await yieldToEventLoop();
    const drafts: ArticleDraft[] = [];
    for (const input of inputs.slice(start, start + size)) {
      const draft = toDraft(input, summary.rejections);
      if (draft) drafts.push(draft);
    }
    storeChunk(deps, drafts, fetchedAt, summary);
  }
  summary.rejected = summary.rejections.length;
  return summary;
}

/**
 * Classifies and stores drafts. Duplicates (same canonical URL, GUID key or text) are counted,
 * not stored again; `rejections` from an earlier step are carried into the summary.
 */
export function ingestDrafts(
  deps: IngestDeps,
  drafts: readonly ArticleDraft[],
  rejections: Rejection[] = [],
): Promise<IngestSummary> {
  return storeInChunks(deps, drafts, (draft) => draft, rejections, deps.clock.now());
}

/**
 * Normalises, classifies and stores the items of one fetched feed, chunk by chunk. Items with
 * neither title nor body are rejected with the reason.
 */
export function ingestFeedItems(
  deps: IngestDeps,
  items: readonly FeedItem[],
  feed: FeedSource,
): Promise<IngestSummary> {
  const now = deps.clock.now();
  const context = { feedId: feed.id, feedUrl: feed.url, source: sourceName(feed.title, feed.url), now };
  const toDraft = (item: FeedItem, rejections: Rejection[]) => {
    const normalised = normaliseItem(item, context);
    if (normalised.ok) return normalised.draft;
    rejections.push({ item: normalised.item, reason: normalised.reason });
    return null;
  };
  return storeInChunks(deps, items, toDraft, [], now);
}
