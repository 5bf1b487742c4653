/**
 * `npm run bench -- digest`: 50,000 stored articles and 1,000 subscriptions with mixed topics and
 * time zones. Measures (medians of RUNS runs, same run for every figure):
 * - reading the candidate pool from SQLite (baseline);
 * - building and rendering all 1,000 digests without same-story merging (baseline);
 * - the whole job with merging: read + story index + build + render + limit check (goal < 2 s);
 * - a full sender pass (plan, build, record, fake post, no pacing) and its longest event-loop stall;
 * then the merge's effect on a corpus with known duplicates: entries before and after, pairwise
 * precision and recall.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import type { Article } from "../src/articles/article.js";
import { createManualClock } from "../src/clock.js";
import { buildDigest, DEFAULT_MAX_AGE_MS } from "../src/digest/build-digest.js";
import { renderDigestBlocks } from "../src/digest/render-digest.js";
import { indexStories, type StorySignature } from "../src/digest/same-story.js";
import { createDigestSender } from "../src/digest/send-digests.js";
import { createDigestCache } from "../src/digest/window-stories.js";
import { createSilentLogger } from "../src/log.js";
import { checkBlockKitLimits } from "../src/slack/block-kit-limits.js";
import { createArticleRepository } from "../src/store/article-repository.js";
import { openDatabase } from "../src/store/open-database.js";
import { createSqliteStore } from "../src/store/sqlite-store.js";
import { createSubscriptionRepository, type Subscription } from "../src/store/subscription-repository.js";
import { formatLocalTime } from "../src/time-zone.js";
import { generateCorpus } from "./support-digest-corpus.js";
import { createRandom } from "./support-random.js";

const NOW = Date.parse("2025-06-10T12:00:00Z");
const ARTICLES = 50_000;
const SUBSCRIPTIONS = 1_000;
const RUNS = 5;
const TOPICS = ["huawei", "tariffs", "agriculture"] as const;
const ZONES = [
  "UTC",
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "Asia/Shanghai",
  "Asia/Tokyo",
  "Asia/Kolkata",
  "Australia/Sydney",
  "America/Sao_Paulo",
  "Africa/Lagos",
];
const TOPIC_SETS = [
  ["huawei"],
  ["tariffs"],
  ["agriculture"],
  ["huawei", "tariffs"],
  ["tariffs", "agriculture"],
  ["huawei", "tariffs", "agriculture"],
];
const DAY = 86_400_000;
const LOOKBACK = 48 * 3_600_000 + 15 * 60_000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function time<T>(fn: () => T): { value: T; elapsed: number } {
  const start = performance.now();
  const value = fn();
  return { value, elapsed: performance.now() - start };
}

const dir = mkdtempSync(join(tmpdir(), "trade-news-bench-digest-"));
try {
  // Corpus: about 30 days of news, 15% of stories from several outlets.
  const corpus = generateCorpus({ stories: 39_000, days: 30, now: NOW, duplicateShare: 0.15, seed: 1 }).slice(
    -ARTICLES,
  );
  const path = join(dir, "bench.db");
  const db = openDatabase(path);
  const articles = createArticleRepository(db);
  const stored = time(() =>
    db.transaction(() => {
      for (const a of corpus) articles.insert(a.draft, a.topics, a.fetchedAt);
    })(),
  );
  const subscriptions = createSubscriptionRepository(db);
  const next = createRandom(7);
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    const timeZone = ZONES[i % ZONES.length] ?? "UTC";
    // Every channel's time fell within the last hour, so all 1,000 are due at NOW.
    const localTime = formatLocalTime(NOW - Math.floor(next() * 60) * 60_000, timeZone);
    subscriptions.subscribe({
      channelId: `C${String(i).padStart(5, "0")}`,
      topics: TOPIC_SETS[i % TOPIC_SETS.length] ?? ["tariffs"],
      localTime,
      timeZone,
      subscribedBy: "U1",
      now: NOW - 3 * DAY,
    });
  }
  const subs: Subscription[] = subscriptions.listActive();
  db.pragma("wal_checkpoint(TRUNCATE)");
  console.log(
    `corpus: ${articles.count()} articles over 30 days (stored in ${ms(stored.elapsed)}), ${subs.length} subscriptions in ${ZONES.length} zones`,
  );

  const window = { since: NOW - DAY, until: NOW };
  const settings = { topicOrder: TOPICS, maxPerTopic: 5 };
  function readPool(): Article[] {
    return articles.digestCandidates({
      fetchedSince: window.since - LOOKBACK,
      fetchedUntil: NOW,
      publishedSince: NOW - DEFAULT_MAX_AGE_MS - LOOKBACK,
      topics: TOPICS,
    });
  }
  // Every channel with keyword filters (two include keywords, one a phrase, and one exclude).
  const filteredSubs = subs.map((sub, i) => ({
    ...sub,
    includeKeywords: i % 2 === 0 ? ["china", "trade talks"] : ["exports", "beijing"],
    excludeKeywords: ["pork"],
  }));
  function buildAll(
    pool: Article[],
    merge: boolean,
    channels: readonly Subscription[] = subs,
  ): { entries: number; problems: number } {
    const signatures = new Map<number, StorySignature>();
    const stories = merge ? indexStories(pool, undefined, signatures) : new Map<number, number>();
    const cache = createDigestCache();
    let entries = 0;
    let problems = 0;
    for (const sub of channels) {
      const digest = buildDigest(pool, sub, window, NOW, {
        ...settings,
        mergeSameStories: merge,
        stories,
        cache,
        lateArrivalMs: 15 * 60_000,
      });
      const message = renderDigestBlocks(digest);
      problems += checkBlockKitLimits(message).length;
      entries += digest.sections.reduce((n, s) => n + s.entries.length + s.hiddenStories, 0);
    }
    return { entries, problems };
  }

  const readTimes: number[] = [];
  const indexTimes: number[] = [];
  const plainTimes: number[] = [];
  const mergedTimes: number[] = [];
  const filteredTimes: number[] = [];
  let filteredEntries = 0;
  let poolSize = 0;
  let plainEntries = 0;
  let mergedEntries = 0;
  let problems = 0;
  for (let run = 0; run < RUNS; run++) {
    const read = time(readPool);
    poolSize = read.value.length;
    readTimes.push(read.elapsed);
    const plain = time(() => buildAll(read.value, false));
    plainTimes.push(plain.elapsed);
    plainEntries = plain.value.entries;
    const indexed = time(() => indexStories(read.value));
    indexTimes.push(indexed.elapsed);
    const merged = time(() => buildAll(readPool(), true));
    mergedTimes.push(merged.elapsed);
    mergedEntries = merged.value.entries;
    const filtered = time(() => buildAll(readPool(), true, filteredSubs));
    filteredTimes.push(filtered.elapsed);
    filteredEntries = filtered.value.entries;
    problems += plain.value.problems + merged.value.problems + filtered.value.problems;
  }
  const readMedian = median(readTimes);
  const plainMedian = median(plainTimes);
  const mergedMedian = median(mergedTimes);
  console.log(`candidate pool: ${poolSize} articles (24 h window + 48 h story look-back)`);
  console.log(`read pool from SQLite (baseline)         ${ms(readMedian)}`);
  console.log(`story index of the pool                  ${ms(median(indexTimes))}`);
  console.log(
    `build + render 1,000, no merging (base)   ${ms(plainMedian)}  (${(plainMedian / SUBSCRIPTIONS).toFixed(2)} ms per digest)`,
  );
  console.log(
    `read + index + build + render + check 1,000 with merging: ${ms(mergedMedian)}  (goal < 2000 ms; ${(mergedMedian / readMedian).toFixed(1)}× the read, ${(mergedMedian / plainMedian).toFixed(2)}× no merging)`,
  );
  const filteredMedian = median(filteredTimes);
  console.log(
    `the same, every channel with keyword filters: ${ms(filteredMedian)}  (${(filteredMedian / mergedMedian).toFixed(2)}× without filters; ${filteredEntries} stories listed)`,
  );
  console.log(
    `stories listed across all digests: ${plainEntries} without merging → ${mergedEntries} with (${(100 * (1 - mergedEntries / plainEntries)).toFixed(1)}% fewer); Block Kit problems: ${problems}`,
  );
  db.close();

  // The full sender pass, on a fresh copy of the database each run.
  const passTimes: number[] = [];
  const stalls: number[] = [];
  for (let run = 0; run < 3; run++) {
    const copy = join(dir, `pass-${run}.db`);
    copyFileSync(path, copy);
    const passDb = openDatabase(copy);
    let posts = 0;
    const clock = createManualClock(NOW);
    const sender = createDigestSender({
      store: createSqliteStore(passDb),
      postMessage: async (channel) => ({ ok: true, ts: `${++posts}.0`, channel }),
      clock,
      log: createSilentLogger(),
      // Pacing waits on simulated time only: this pass measures the work, not the rate limit.
      sleep: async (wait) => clock.advance(wait),
      settings: { ...settings, skipEmpty: false, maxPostsPerSecond: 1_000_000 },
    });
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const start = performance.now();
    const report = await sender.sendDue();
    passTimes.push(performance.now() - start);
    loop.disable();
    stalls.push(loop.max / 1e6);
    if (report.sent !== SUBSCRIPTIONS) console.log(`  pass ${run}: only ${report.sent} sent`, report);
    passDb.close();
  }
  console.log(
    `full sender pass (plan, read, index, build, render, record, fake post, no pacing): ${ms(median(passTimes))}; longest event-loop stall ${ms(median(stalls))}`,
  );
  console.log(
    `pacing, not work, bounds a real fan-out: 1,000 posts take ${SUBSCRIPTIONS / 1} s at 1 post/s, ${SUBSCRIPTIONS / 10} s at 10/s`,
  );

  // Merge quality on a corpus with known duplicates.
  const labelled = generateCorpus({ stories: 3_000, days: 7, now: NOW, duplicateShare: 0.3, seed: 2 });
  const pool: Article[] = labelled.map((a, i) => ({
    ...a.draft,
    id: i + 1,
    fetchedAt: a.fetchedAt,
    topics: a.topics,
  }));
  const indexed = time(() => indexStories(pool));
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const byCluster = new Map<number, number>();
  const byStory = new Map<number, number>();
  const byCell = new Map<string, number>();
  labelled.forEach((a, i) => {
    const cluster = indexed.value.get(i + 1) ?? i + 1;
    byCluster.set(cluster, (byCluster.get(cluster) ?? 0) + 1);
    byStory.set(a.storyId, (byStory.get(a.storyId) ?? 0) + 1);
    byCell.set(`${cluster}:${a.storyId}`, (byCell.get(`${cluster}:${a.storyId}`) ?? 0) + 1);
  });
  const sum = (m: Map<unknown, number>) => [...m.values()].reduce((s, n) => s + pairs(n), 0);
  const truePositive = sum(byCell);
  const precision = truePositive / Math.max(1, sum(byCluster));
  const recall = truePositive / Math.max(1, sum(byStory));
  console.log(
    `same-story merge on ${pool.length} labelled articles (${byStory.size} stories, 30% from 2–4 outlets): entries ${pool.length} → ${byCluster.size} (ideal ${byStory.size}); pairwise precision ${(100 * precision).toFixed(1)}%, recall ${(100 * recall).toFixed(1)}%; indexed in ${ms(indexed.elapsed)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
