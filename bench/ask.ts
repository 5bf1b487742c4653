/**
 * `npm run bench -- ask`: 100,000 generated articles in a temp SQLite file, then 200 questions
 * through `ask` (a long-lived search, as in the bot, and a new one per question, with nothing
 * cached) and, in the same run, a bare FTS5 `MATCH … ORDER BY rank LIMIT 10` over the same words.
 * Prints p50/p95 and the ratio to the bare query (goal: `ask` p95 under 50 ms), the database size
 * with and without the full-text index, and ingest throughput with the index against the same
 * articles stored without it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { metricsOf } from "../scripts/answers/evaluate.js";
import { reportAnswers } from "../scripts/answers/report.js";
import { createManualClock } from "../src/clock.js";
import { analyzeQuestion } from "../src/search/analyze-question.js";
import { loadAnswerModel } from "../src/search/answer-model.js";
import { createSearch } from "../src/search/create-search.js";
import { loadLanguageKit } from "../src/search/language/language-kit.js";
import { quoteFts } from "../src/search/match-query.js";
import { createArticleRepository } from "../src/store/article-repository.js";
import { openDatabase } from "../src/store/open-database.js";
import { createSearchIndex, measureSearchIndex } from "../src/store/search-index.js";
import { createSqliteStore } from "../src/store/sqlite-store.js";
import { generateArticles, generateQuestions, NOW } from "./support-ask-corpus.js";

const ARTICLES = 100_000;
const BASELINE_ARTICLES = 20_000;
const QUESTIONS = 200;
const BATCH = 1_000;

function ingest(path: string, items: ReturnType<typeof generateArticles>, withIndex: boolean): number {
  const db = openDatabase(path);
  if (!withIndex) {
    for (const trigger of ["insert", "delete", "update"])
      db.exec(`DROP TRIGGER IF EXISTS articles_fts_after_${trigger}`);
    db.exec("DROP TABLE articles_fts");
  }
  const articles = createArticleRepository(db);
  const started = performance.now();
  for (let i = 0; i < items.length; i += BATCH) articles.insertMany(items.slice(i, i + BATCH), NOW);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return items.length / seconds;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function summarise(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const dir = mkdtempSync(join(tmpdir(), "trade-news-bench-ask-"));
try {
  const baselineItems = generateArticles(BASELINE_ARTICLES, 2);
  const withoutIndexRate = ingest(join(dir, "no-index.db"), baselineItems, false);
  const withIndexSampleRate = ingest(join(dir, "index-sample.db"), baselineItems, true);

  const path = join(dir, "ask.db");
  const rate = ingest(path, generateArticles(ARTICLES, 1), true);
  const db = openDatabase(path);
  db.pragma("wal_checkpoint(TRUNCATE)");
  const size = measureSearchIndex(db);

  const topicNames = ["huawei", "tariffs", "agriculture"];
  const sqlite = createSqliteStore(db);
  const loadStarted = performance.now();
  const heapBefore = process.memoryUsage().heapUsed;
  const kit = loadLanguageKit();
  const loadMs = performance.now() - loadStarted;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  const model = loadAnswerModel();
  const newSearch = () =>
    createSearch({
      index: sqlite.search,
      articles: sqlite.articles,
      topicHints: () => [],
      topicNames,
      clock: createManualClock(NOW),
      kit,
      model,
    });
  const index = createSearchIndex(db);
  const questions = generateQuestions(QUESTIONS);
  const analysisOptions = { now: NOW, timeZone: "UTC", topicNames, topicHints: () => [] };
  const search = newSearch();
  for (const q of generateQuestions(10)) await search.ask(q);

  const coldMs: number[] = [];
  for (const question of questions) {
    const fresh = newSearch();
    const started = performance.now();
    await fresh.ask(question);
    coldMs.push(performance.now() - started);
  }
  const askMs: number[] = [];
  const bareMs: number[] = [];
  const kinds: Record<string, number> = {};
  for (const question of questions) {
    let started = performance.now();
    const result = await search.ask(question);
    askMs.push(performance.now() - started);
    kinds[result.kind] = (kinds[result.kind] ?? 0) + 1;
    const words = analyzeQuestion(question, kit, analysisOptions).concepts.map((c) =>
      quoteFts(c.label.split(" ")),
    );
    if (words.length === 0) continue;
    started = performance.now();
    index.matchByRank(words.join(" OR "), 10);
    bareMs.push(performance.now() - started);
  }
  const cold = summarise(coldMs);
  const ask = summarise(askMs);
  const bare = summarise(bareMs);
  console.log(
    `articles: ${ARTICLES.toLocaleString("en")}, questions: ${QUESTIONS} (${JSON.stringify(kinds)})`,
  );
  console.log(
    `ask                 p50 ${ask.p50.toFixed(2)} ms   p95 ${ask.p95.toFixed(2)} ms   (goal: p95 < 50 ms)`,
  );
  console.log(
    `ask, nothing cached p50 ${cold.p50.toFixed(2)} ms   p95 ${cold.p95.toFixed(2)} ms   (a new search per question: no article read before)`,
  );
  console.log(
    `language resources: loaded in ${loadMs.toFixed(0)} ms, ${heapMb.toFixed(0)} MB of heap (wink-nlp model, WordNet indexes, word vectors, domain map)`,
  );
  console.log(
    `bare FTS5 MATCH     p50 ${bare.p50.toFixed(2)} ms   p95 ${bare.p95.toFixed(2)} ms   (${bareMs.length} queries)`,
  );
  console.log(
    `ratio ask / bare    p50 ${(ask.p50 / bare.p50).toFixed(2)}×   p95 ${(ask.p95 / bare.p95).toFixed(2)}×`,
  );
  console.log(
    `database: ${mb(size.totalBytes)} with the index, ${mb(size.totalBytes - size.indexBytes)} without it (index ${mb(size.indexBytes)}, ${((100 * size.indexBytes) / size.totalBytes).toFixed(0)}%)`,
  );
  console.log(
    `ingest: ${Math.round(rate).toLocaleString("en")} articles/s with the index (100k); ${BASELINE_ARTICLES.toLocaleString("en")}-article sample: ${Math.round(withIndexSampleRate).toLocaleString("en")}/s with, ${Math.round(withoutIndexRate).toLocaleString("en")}/s without (${(withIndexSampleRate / withoutIndexRate).toFixed(2)}×)`,
  );
  db.close();
  // Accuracy on the labelled data, the fitted scorer beside the plain BM25 sentence ranker.
  const quality = await reportAnswers(true);
  console.log("\nanswer quality (same run; held-out rows are the headline):");
  console.log(quality.lines.join("\n"));
  for (const name of ["news HELD OUT (all)", "squad HELD OUT (all)"]) {
    const m = metricsOf(quality.outcomes.get(name) ?? []);
    console.log(
      `${name}: accuracy@1 ${m.accuracyAt1.toFixed(3)} vs plain BM25 ${m.baselineAt1.toFixed(3)} (ratio ${(m.accuracyAt1 / Math.max(m.baselineAt1, 1e-9)).toFixed(2)}×)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
