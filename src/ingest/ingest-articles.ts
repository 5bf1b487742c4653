import { performance } from "node:perf_hooks";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { ArticleDraft, TopicMatch } from "../articles/article.js";
import type { Clock } from "../clock.js";
import type { InsertResult } from "../store/article-repository.js";
import type { ArticleStore } from "../store/store.js";
import type { IngestOffThread } from "./ingest-off-thread.js";
import { normaliseItem, sourceName } from "./normalise-item.js";
import type { FeedItem } from "./parse-feed.js";

/**
 * The ingest pipeline: drafts → classify → store, in slices of a few milliseconds with a turn of
 * the event loop between them (a transaction per slice of storing), so a 40,000-item ingest
 * never holds up Slack acks for long.
 */

/** Topic tagging, injected (createClassifier(...) + toTopicMatches in production). */
export type ClassifyArticle = (input: { title: string; body: string }) => TopicMatch[];

export interface IngestDeps {
  articles: Pick<ArticleStore, "insertMany">;
  classify: ClassifyArticle;
  clock: Clock;
  /** Most articles per transaction (default 500). */
  chunkSize?: number;
  /** Longest the pipeline works before the event loop gets a turn, in ms (default 8). */
  sliceMs?: number;
  /** When set, the work runs in a worker thread (see ingest-off-thread.ts). */
  offThread?: IngestOffThread | undefined;
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

export const DEFAULT_CHUNK_SIZE = 500;
export const DEFAULT_SLICE_MS = 8;

function emptySummary(rejections: Rejection[]): IngestSummary {
  return { new: 0, duplicates: 0, rejected: rejections.length, rejections, results: [] };
}

interface ClassifiedDraft {
  draft: ArticleDraft;
  topics: TopicMatch[];
}

async function storeChunk(
  deps: IngestDeps,
  items: readonly ClassifiedDraft[],
  fetchedAt: number,
  into: IngestSummary,
) {
  for (const result of await deps.articles.insertMany(items, fetchedAt)) {
    if (result.status === "new") into.new++;
    else into.duplicates++;
    into.results.push(result);
  }
}

/** Articles in the first transaction, before the store's cost per article is known. */
const FIRST_CHUNK = 50;
/** Fewest articles per transaction (each commit has a fixed cost). */
const MIN_CHUNK = 10;

/**
 * Turns inputs into drafts, classifies and stores them. Work runs in slices of about `sliceMs`:
 * classification yields to the event loop when a slice is used up, and each transaction holds as
 * many articles as the last one showed fit in a slice (at most `chunkSize`), so /trade acks wait
 * at most about one slice. `toDraft` returns null for an input it rejected (after noting why).
 */
async function storeInChunks<T>(
  deps: IngestDeps,
  inputs: readonly T[],
  toDraft: (input: T, rejections: Rejection[]) => ArticleDraft | null,
  rejections: Rejection[],
  fetchedAt: number,
): Promise<IngestSummary> {
  const maxChunk = Math.max(1, deps.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const minChunk = Math.min(MIN_CHUNK, maxChunk);
  const sliceMs = deps.sliceMs ?? DEFAULT_SLICE_MS;
  const summary = emptySummary(rejections);
  let chunk = Math.min(FIRST_CHUNK, maxChunk);
  let pending: ClassifiedDraft[] = [];
  let sliceStart = performance.now();
  for (let i = 0; i < inputs.length; i++) {
    const draft = toDraft(inputs[i] as T, summary.rejections);
    if (draft) pending.push({ draft, topics: deps.classify({ title: draft.title, body: draft.body }) });
    const full = pending.length >= chunk;
    if (full) {
      const started = performance.now();
      await storeChunk(deps, pending, fetchedAt, summary);
      const msPerArticle = (performance.now() - started) / pending.length;
      chunk = Math.min(maxChunk, Math.max(minChunk, Math.floor(sliceMs / Math.max(msPerArticle, 1e-3))));
      pending = [];
    }
    if (i + 1 < inputs.length && (full || performance.now() - sliceStart >= sliceMs)) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  if (pending.length > 0) await storeChunk(deps, pending, fetchedAt, summary);
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
  const now = deps.clock.now();
  const inThread = (batch: readonly ArticleDraft[], carried: Rejection[] = []) =>
    storeInChunks(deps, batch, (draft) => draft, carried, now);
  if (deps.offThread) return deps.offThread.ingestDrafts(drafts, rejections, now, (batch) => inThread(batch));
  return inThread(drafts, rejections);
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
  if (deps.offThread) {
    return deps.offThread.ingestFeedItems(items, feed, now, (batch) =>
      storeInChunks(deps, batch, toDraft, [], now),
    );
  }
  return storeInChunks(deps, items, toDraft, [], now);
}
