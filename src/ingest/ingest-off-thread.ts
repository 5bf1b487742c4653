/**
 * Ingest off the main thread: normalising, classifying and storing run in a worker thread
 * (ingest-worker.ts) with its own connection to the database file, so a large ingest costs the
 * main thread only the hand-over of each batch and Slack acks stay as fast as when idle. Batches
 * of a few hundred items keep every hand-over short. If the worker fails, the caller falls back
 * to ingesting on the main thread (duplicates are still recognised, so nothing is stored twice).
 */
import { Worker } from "node:worker_threads";
import type { ArticleDraft } from "../articles/article.js";
import type { TopicDefinition } from "../classify/topic-definition.js";
import type { FeedSource, IngestSummary, Rejection } from "./ingest-articles.js";
import type { FeedItem } from "./parse-feed.js";

export type IngestRequest = { id: number; now: number } & (
  | { kind: "feed"; items: FeedItem[]; feed: FeedSource }
  | { kind: "drafts"; drafts: ArticleDraft[]; rejections: Rejection[] }
);

export type IngestResponse =
  | { id: number; ok: true; summary: IngestSummary }
  | { id: number; ok: false; message: string };

/** Old-generation heap of the worker thread, in MB. */
const WORKER_HEAP_MB = 64;

/** Items handed to the worker at a time. */
export const OFF_THREAD_BATCH = 250;

/** Ingests one batch on the main thread: what a batch falls back to when the worker fails. */
export type InThread<T> = (batch: T[]) => Promise<IngestSummary>;

export interface IngestOffThread {
  ingestFeedItems(
    items: readonly FeedItem[],
    feed: FeedSource,
    now: number,
    inThread: InThread<FeedItem>,
  ): Promise<IngestSummary>;
  ingestDrafts(
    drafts: readonly ArticleDraft[],
    rejections: Rejection[],
    now: number,
    inThread: InThread<ArticleDraft>,
  ): Promise<IngestSummary>;
  /** Stops the worker (pending batches fail). */
  close(): Promise<void>;
}

export interface IngestOffThreadOptions {
  /** The SQLite file (not ":memory:", which one thread cannot share with another). */
  databasePath: string;
  topics: readonly TopicDefinition[];
  /** Told when the worker fails, with the reason in words. */
  onFailure?: (reason: string) => void;
}

function merge(into: IngestSummary, part: IngestSummary) {
  into.new += part.new;
  into.duplicates += part.duplicates;
  into.rejections.push(...part.rejections);
  into.rejected = into.rejections.length;
  into.results.push(...part.results);
}

/** Starts the worker on first use; it never keeps the process alive while it has nothing to do. */
export function createIngestOffThread(options: IngestOffThreadOptions): IngestOffThread {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (s: IngestSummary) => void; reject: (e: Error) => void }>();

  const failAll = (reason: string) => {
    worker = null;
    for (const { reject } of pending.values()) reject(new Error(reason));
    pending.clear();
  };

  function start(): Worker {
    const started = new Worker(new URL("./ingest-worker-boot.mjs", import.meta.url), {
      workerData: { databasePath: options.databasePath, topics: options.topics },
      // A batch needs little memory; a bounded heap makes the worker collect garbage early
      // instead of growing (a worker that runs out fails its batch, which falls back).
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    started.unref();
    started.on("message", (response: IngestResponse | { fatal: string }) => {
      if ("fatal" in response) return failAll(`the ingest worker could not start: ${response.fatal}`);
      const waiting = pending.get(response.id);
      pending.delete(response.id);
      if (pending.size === 0) started.unref();
      if (!waiting) return;
      if (response.ok) waiting.resolve(response.summary);
      else waiting.reject(new Error(response.message));
    });
    started.on("error", (error) => failAll(`the ingest worker failed: ${error.message}`));
    started.on("exit", (code) => {
      if (worker === started) failAll(`the ingest worker stopped (exit code ${code})`);
    });
    return started;
  }

  function send(request: IngestRequest): Promise<IngestSummary> {
    worker ??= start();
    const current = worker;
    return new Promise<IngestSummary>((resolve, reject) => {
      pending.set(request.id, { resolve, reject });
      current.ref();
      current.postMessage(request);
    });
  }

  /** Batch by batch; a batch the worker could not take is ingested on the main thread instead. */
  async function inBatches<T>(
    inputs: readonly T[],
    rejections: Rejection[],
    request: (batch: T[], id: number) => IngestRequest,
    inThread: InThread<T>,
  ): Promise<IngestSummary> {
    const summary: IngestSummary = {
      new: 0,
      duplicates: 0,
      rejected: rejections.length,
      rejections: [...rejections],
      results: [],
    };
    for (let start = 0; start < inputs.length; start += OFF_THREAD_BATCH) {
      const batch = inputs.slice(start, start + OFF_THREAD_BATCH);
      try {
        merge(summary, await send(request(batch, nextId++)));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        options.onFailure?.(`${reason}; ingesting ${batch.length} items on the main thread instead`);
        merge(summary, await inThread(batch));
      }
    }
    return summary;
  }

  return {
    ingestFeedItems: (items, feed, now, inThread) =>
      inBatches(items, [], (batch, id) => ({ id, now, kind: "feed", items: batch, feed }), inThread),
    ingestDrafts: (drafts, rejections, now, inThread) =>
      inBatches(
        drafts,
        rejections,
        (batch, id) => ({ id, now, kind: "drafts", drafts: batch, rejections: [] }),
        inThread,
      ),
    async close() {
      const current = worker;
      worker = null;
      failAll("the ingest worker was stopped");
      if (current) await current.terminate();
    },
  };
}
