/**
 * The ingest worker thread: normalises, classifies and stores batches sent by ingest-off-thread.ts
 * over its own connection to the database file (SQLite in WAL mode lets the main thread read
 * meanwhile), so the main thread keeps answering Slack while thousands of items are ingested.
 * Loaded through ingest-worker-boot.mjs, which registers tsx for the TypeScript sources.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createClassifier, toTopicMatches } from "../classify/classifier.js";
import type { TopicDefinition } from "../classify/topic-definition.js";
import { createArticleRepository } from "../store/article-repository.js";
import { openDatabase } from "../store/open-database.js";
import { promised } from "../store/sqlite-store.js";
import { ingestDrafts, ingestFeedItems } from "./ingest-articles.js";
import type { IngestRequest, IngestResponse } from "./ingest-off-thread.js";

/**
 * Transactions off the main thread can be longer than the main thread's slices (nothing waits on
 * this thread's event loop); a main-thread write waits at most about this long for the lock.
 */
const WORKER_SLICE_MS = 25;

interface WorkerData {
  databasePath: string;
  topics: readonly TopicDefinition[];
}

const data = workerData as WorkerData;
const db = openDatabase(data.databasePath);
const classifier = createClassifier(data.topics);
const articles = promised(createArticleRepository(db));
const classify = (input: { title: string; body: string }) => toTopicMatches(classifier.classify(input));

async function handle(request: IngestRequest): Promise<IngestResponse> {
  const deps = { articles, classify, clock: { now: () => request.now }, sliceMs: WORKER_SLICE_MS };
  try {
    const summary =
      request.kind === "feed"
        ? await ingestFeedItems(deps, request.items, request.feed)
        : await ingestDrafts(deps, request.drafts, request.rejections);
    return { id: request.id, ok: true, summary };
  } catch (error) {
    return { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on("message", (request: IngestRequest) => {
  void handle(request).then((response) => parentPort?.postMessage(response));
});
