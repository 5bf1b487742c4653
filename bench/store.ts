/**
 * `npm run bench -- store`: the two store backends side by side, as ratios to SQLite measured in
 * the same run. Ingest of 10,000 generated items through the ingest pipeline; `ask` p95 over 200
 * questions at 100,000 articles; a pass of 1,000 digests (1,000 channels due at once, 2,000
 * articles, a poster that answers at once). Each figure is the median of three runs, each on a
 * fresh database. PostgreSQL comes from BENCH_DATABASE_URL (or TEST_DATABASE_URL): a server on
 * which the benchmark may create and drop databases; without one it says so and runs SQLite only.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { createManualClock } from "../src/clock.js";
import { createDigestSender } from "../src/digest/send-digests.js";
import { ingestDrafts } from "../src/ingest/ingest-articles.js";
import { createLogger } from "../src/log.js";
import { loadAnswerModel } from "../src/search/answer-model.js";
import { createSearch } from "../src/search/create-search.js";
import { loadLanguageKit } from "../src/search/language/language-kit.js";
import { openPostgresStore } from "../src/store/postgres/postgres-store.js";
import { openSqliteStore } from "../src/store/sqlite-store.js";
import type { Store, StoreKind } from "../src/store/store.js";
import { generateArticles, generateQuestions, NOW } from "./support-ask-corpus.js";

const RUNS = 3;
const INGEST_ITEMS = 10_000;
const ASK_ARTICLES = 100_000;
const QUESTIONS = 200;
const CHANNELS = 1_000;
const DIGEST_ARTICLES = 2_000;
const TOPICS = ["huawei", "tariffs", "agriculture"];

const serverUrl = (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL)?.trim() || undefined;
const dir = mkdtempSync(join(tmpdir(), "trade-news-bench-store-"));
const cleanups: (() => Promise<void>)[] = [];

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, empty, migrated store of the given kind. */
async function freshStore(kind: StoreKind): Promise<Store> {
  const name = `trade_news_bench_${randomBytes(5).toString("hex")}`;
  if (kind === "sqlite") return openSqliteStore(join(dir, `${name}.db`)).store;
  await adminQuery(`CREATE DATABASE ${name}`);
  cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = new URL(serverUrl as string);
  url.pathname = `/${name}`;
  return openPostgresStore(url.toString());
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const p95 = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? Number.NaN;
};

async function storeInBatches(store: Store, items: ReturnType<typeof generateArticles>, at: number) {
  for (let i = 0; i < items.length; i += 1_000)
    await store.articles.insertMany(items.slice(i, i + 1_000), at);
}

/** Items per second through ingestDrafts (normalised drafts → topics → store in chunks). */
async function ingestRate(kind: StoreKind): Promise<number> {
  const items = generateArticles(INGEST_ITEMS, 3);
  const topics = new Map(items.map((i) => [i.draft.title, i.topics]));
  const store = await freshStore(kind);
  try {
    const deps = {
      articles: store.articles,
      classify: (input: { title: string }) => topics.get(input.title) ?? [],
      clock: createManualClock(NOW),
    };
    const started = performance.now();
    const summary = await ingestDrafts(
      deps,
      items.map((i) => i.draft),
    );
    if (summary.new !== INGEST_ITEMS) throw new Error(`stored ${summary.new} of ${INGEST_ITEMS}`);
    return INGEST_ITEMS / ((performance.now() - started) / 1000);
  } finally {
    await store.close();
  }
}

/** ask latency at 100,000 articles: p50 and p95 of each of three passes over the questions. */
async function askLatency(kind: StoreKind): Promise<{ p50: number[]; p95: number[]; loadSeconds: number }> {
  const store = await freshStore(kind);
  try {
    const loadStarted = performance.now();
    await storeInBatches(store, generateArticles(ASK_ARTICLES, 1), NOW);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const search = createSearch({
      index: store.search,
      articles: store.articles,
      topicHints: () => [],
      topicNames: TOPICS,
      clock: createManualClock(NOW),
      kit: loadLanguageKit(),
      model: loadAnswerModel(),
    });
    for (const q of generateQuestions(10)) await search.ask(q);
    const questions = generateQuestions(QUESTIONS);
    const out = { p50: [] as number[], p95: [] as number[], loadSeconds };
    for (let run = 0; run < RUNS; run++) {
      const times: number[] = [];
      for (const question of questions) {
        const started = performance.now();
        await search.ask(question);
        times.push(performance.now() - started);
      }
      out.p50.push(median(times));
      out.p95.push(p95(times));
    }
    return out;
  } finally {
    await store.close();
  }
}

/** Seconds for one pass that sends 1,000 due digests. */
async function digestPass(kind: StoreKind): Promise<number> {
  const store = await freshStore(kind);
  try {
    const due = NOW;
    const items = generateArticles(DIGEST_ARTICLES, 5).map((item, i) => ({
      ...item,
      draft: { ...item.draft, publishedAt: due - 20 * 3_600_000 + i * 1_000 },
    }));
    await storeInBatches(store, items, due - 12 * 3_600_000);
    const localTime = new Date(due).toISOString().slice(11, 16);
    for (let i = 0; i < CHANNELS; i++) {
      await store.subscriptions.subscribe({
        channelId: `C${String(i).padStart(6, "0")}`,
        topics: i % 3 === 0 ? TOPICS : [TOPICS[i % 3] as string],
        localTime,
        timeZone: "UTC",
        subscribedBy: "U0BENCH",
        now: due - 24 * 3_600_000,
      });
    }
    const clock = createManualClock(due + 10_000);
    let posts = 0;
    const sender = createDigestSender({
      store,
      postMessage: async (channel) => ({ ok: true, ts: `${++posts}.0`, channel }),
      clock,
      log: createLogger({ level: "silent" }),
      sleep: async (ms) => clock.advance(ms),
      settings: { topicOrder: TOPICS, maxPerTopic: 5, skipEmpty: false, maxPostsPerSecond: 1_000_000 },
    });
    const started = performance.now();
    const report = await sender.sendDue();
    const seconds = (performance.now() - started) / 1000;
    if (report.sent !== CHANNELS) throw new Error(`sent ${report.sent} of ${CHANNELS} digests`);
    return seconds;
  } finally {
    await store.close();
  }
}

interface Figures {
  ingest: number;
  askP50: number;
  askP95: number;
  digests: number;
}

try {
  const kinds: StoreKind[] = serverUrl ? ["sqlite", "postgres"] : ["sqlite"];
  if (!serverUrl)
    console.log(
      "PostgreSQL: not measured (set BENCH_DATABASE_URL or TEST_DATABASE_URL; scripts/postgres-cluster.sh starts a server). SQLite only.",
    );
  const results = new Map<StoreKind, Figures>();
  for (const kind of kinds) {
    const ingest: number[] = [];
    for (let run = 0; run < RUNS; run++) ingest.push(await ingestRate(kind));
    const ask = await askLatency(kind);
    const digests: number[] = [];
    for (let run = 0; run < RUNS; run++) digests.push(await digestPass(kind));
    console.log(
      `${kind}: ingest ${ingest.map((r) => Math.round(r)).join(" / ")} items/s; ask p95 ${ask.p95.map((v) => v.toFixed(1)).join(" / ")} ms (100k articles stored in ${ask.loadSeconds.toFixed(0)} s); 1,000 digests ${digests.map((v) => v.toFixed(2)).join(" / ")} s`,
    );
    results.set(kind, {
      ingest: median(ingest),
      askP50: median(ask.p50),
      askP95: median(ask.p95),
      digests: median(digests),
    });
  }
  const base = results.get("sqlite");
  if (!base) throw new Error("no SQLite figures");
  const ratio = (value: number, baseline: number) => `${(value / baseline).toFixed(2)}×`;
  console.log(`\nmedians of ${RUNS} runs       sqlite              postgres            postgres / sqlite`);
  const row = (name: string, pick: (r: Figures) => number, unit: string, digits: number) => {
    const pgFigures = results.get("postgres");
    console.log(
      `${name.padEnd(24)} ${`${pick(base).toFixed(digits)} ${unit}`.padEnd(19)} ${(pgFigures ? `${pick(pgFigures).toFixed(digits)} ${unit}` : "–").padEnd(19)} ${pgFigures ? ratio(pick(pgFigures), pick(base)) : "–"}`,
    );
  };
  row("ingest 10,000 items", (r) => r.ingest, "items/s", 0);
  row("ask p50, 100k articles", (r) => r.askP50, "ms", 1);
  row("ask p95, 100k articles", (r) => r.askP95, "ms", 1);
  row("1,000 digests", (r) => r.digests, "s", 2);
} finally {
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}
