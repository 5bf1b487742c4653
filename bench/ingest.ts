/**
 * `npm run bench -- ingest`: 40 generated feeds (40,000 items) through the whole pipeline —
 * decode, parse, normalise, classify (the real classifier), store into a temp SQLite file — and,
 * in the same run, the same XML through rss-parser's parseString alone. Prints medians of 5 runs,
 * their ratio (goal: the pipeline keeps at least half of raw parse throughput), the longest
 * event-loop stall during the pipeline, peak RSS (goal: under 300 MB) and each stage's share.
 *
 * `npm run bench -- ingest --profile` prints only the stage shares (quicker, for re-running while
 * tuning), with the store split into rows and full-text index. For a CPU profile:
 * `node --cpu-prof --cpu-prof-dir=prof --import tsx bench/run.ts ingest --profile`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import Parser from "rss-parser";
import { createClassifier, toTopicMatches } from "../src/classify/classifier.js";
import { builtInTopics } from "../src/classify/topics.js";
import { createManualClock } from "../src/clock.js";
import { decodeBody } from "../src/ingest/decode-body.js";
import { ingestFeedItems } from "../src/ingest/ingest-articles.js";
import { createIngestOffThread } from "../src/ingest/ingest-off-thread.js";
import { parseFeed } from "../src/ingest/parse-feed.js";
import { createArticleRepository } from "../src/store/article-repository.js";
import { createFeedRepository } from "../src/store/feed-repository.js";
import { openDatabase } from "../src/store/open-database.js";
import { promised } from "../src/store/sqlite-store.js";
import { BENCH_NOW, readFeed, writeFeeds } from "./support-ingest-feeds.js";
import { type StageTimes, timeStages } from "./support-ingest-stages.js";

const FEEDS = 40;
const ITEMS_PER_FEED = 1000;
const RUNS = 5;
const STAGE_RUNS = 3;
const profileOnly = process.argv.includes("--profile");

const benchStarted = performance.now();
const dir = mkdtempSync(join(tmpdir(), "trade-news-bench-"));
const feeds = writeFeeds(dir, FEEDS, ITEMS_PER_FEED);
const totalItems = FEEDS * ITEMS_PER_FEED;
const totalMb = feeds.reduce((sum, f) => sum + f.size, 0) / (1024 * 1024);

const classifier = createClassifier(builtInTopics);
const classify = (input: { title: string; body: string }) => toTopicMatches(classifier.classify(input));

async function rawParse(): Promise<number> {
  const parser = new Parser();
  let ms = 0;
  let items = 0;
  for (const feed of feeds) {
    const xml = readFeed(feed).toString("utf8");
    const started = performance.now();
    items += (await parser.parseString(xml)).items.length;
    ms += performance.now() - started;
  }
  if (items !== totalItems) throw new Error(`raw parse saw ${items} items, expected ${totalItems}`);
  return ms;
}

/**
 * Feeds in flight at once: two, so one is parsed on the main thread while another is in the
 * worker (the poller allows 4; two keep the benchmark's memory to what one ingest needs).
 */
const CONCURRENCY = 2;

/**
 * The production pipeline: each feed decoded and parsed on the main thread, then normalised,
 * classified and stored — in the ingest worker thread when `offThread`, as the bot does with a
 * database file, else on the main thread in slices. Two feeds in flight, as the poller overlaps them.
 */
async function pipeline(dbPath: string, offThread: boolean): Promise<{ ms: number; stallMs: number }> {
  const db = openDatabase(dbPath);
  const feedRepository = createFeedRepository(db);
  const worker = offThread
    ? createIngestOffThread({ databasePath: dbPath, topics: builtInTopics })
    : undefined;
  const deps = {
    articles: promised(createArticleRepository(db)),
    classify,
    clock: createManualClock(BENCH_NOW),
    offThread: worker,
  };
  const ids = feeds.map(
    (f) => feedRepository.add({ url: f.url, origin: "config", trusted: true, addedAt: BENCH_NOW }).feed.id,
  );
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  const started = performance.now();
  let stored = 0;
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < feeds.length; i = next++) {
      const feed = feeds[i] as (typeof feeds)[number];
      const parsed = await parseFeed(decodeBody(readFeed(feed), "application/rss+xml").text, feed.url);
      if (!parsed.ok) throw new Error(parsed.reason);
      const summary = await ingestFeedItems(deps, parsed.items, {
        id: ids[i] ?? null,
        url: feed.url,
        title: parsed.title,
      });
      stored += summary.new;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  const ms = performance.now() - started;
  stalls.disable();
  await worker?.close();
  db.close();
  if (stored !== totalItems) throw new Error(`pipeline stored ${stored} articles, expected ${totalItems}`);
  return { ms, stallMs: stalls.max / 1e6 };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

function printStages(stageMs: Record<string, number[]>, runs: number) {
  console.log(`where the time goes (each stage alone over all items, median of ${runs}):`);
  const total = Object.entries(stageMs)
    .filter(([stage]) => !stage.startsWith(" "))
    .reduce((sum, [, list]) => sum + median(list), 0);
  for (const [stage, list] of Object.entries(stageMs)) {
    const ms = median(list);
    console.log(
      `  ${stage.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms  ${((100 * ms) / total).toFixed(0).padStart(3)}%`,
    );
  }
}

const rawMs: number[] = [];
const pipelineMs: number[] = [];
const stallMs: number[] = [];
const mainThreadMs: number[] = [];
const mainThreadStallMs: number[] = [];
const stageMs: Record<string, number[]> = {};
let peakRssMb = 0;
try {
  if (!profileOnly) {
    await rawParse();
    for (let run = 0; run < RUNS; run++) {
      rawMs.push(await rawParse());
      const result = await pipeline(join(dir, `bench-${run}.db`), true);
      pipelineMs.push(result.ms);
      stallMs.push(result.stallMs);
      const inMain = await pipeline(join(dir, `bench-main-${run}.db`), false);
      mainThreadMs.push(inMain.ms);
      mainThreadStallMs.push(inMain.stallMs);
    }
    peakRssMb = process.resourceUsage().maxRSS / 1024;
  }
  for (let run = 0; run < STAGE_RUNS; run++) {
    const times: StageTimes = await timeStages(feeds, classify, (name) => join(dir, `${name}-${run}.db`), {
      splitStore: profileOnly,
    });
    for (const [stage, ms] of Object.entries(times)) stageMs[stage] = [...(stageMs[stage] ?? []), ms];
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`${FEEDS} feeds, ${fmt(totalItems)} items, ${totalMb.toFixed(1)} MB of XML`);
if (!profileOnly) {
  const rawRate = totalItems / (median(rawMs) / 1000);
  const pipelineRate = totalItems / (median(pipelineMs) / 1000);
  const mainRate = totalItems / (median(mainThreadMs) / 1000);
  console.log(`median of ${RUNS} runs, each pipeline run right after a raw-parse run:`);
  console.log(
    `  rss-parser parseString alone     : ${fmt(rawRate)} items/s (${median(rawMs).toFixed(0)} ms)`,
  );
  console.log(
    `  whole pipeline, ingest worker    : ${fmt(pipelineRate)} items/s (${median(pipelineMs).toFixed(0)} ms)`,
  );
  console.log(`  ratio pipeline / raw parse       : ${(pipelineRate / rawRate).toFixed(2)} (goal >= 0.50)`);
  console.log(`  longest event-loop stall         : ${median(stallMs).toFixed(0)} ms`);
  console.log(
    `  same, all on the main thread     : ${fmt(mainRate)} items/s, ratio ${(mainRate / rawRate).toFixed(2)}, stall ${median(mainThreadStallMs).toFixed(0)} ms`,
  );
  console.log(`  peak RSS (both threads)          : ${peakRssMb.toFixed(0)} MB (goal < 300 MB)`);
}
printStages(stageMs, STAGE_RUNS);
console.log(`(benchmark ran ${((performance.now() - benchStarted) / 1000).toFixed(0)} s)`);
