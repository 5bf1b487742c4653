/**
 * The quality gate for answers, on data written by other hands than the code's: trade-news
 * questions written blind from the articles (tests/fixtures/answers; w3 and w4 held out, never
 * tuned on) and the SQuAD 2.0 slice (Southern_California held out whole). Prints accuracy@1,
 * accuracy@3, answer-article recall@20 and no-answer precision/recall per split, beside the plain
 * BM25 sentence ranker, and fails when a held-out figure falls below its floor.
 *
 * The floors are the figures measured when the listwise ranker landed (2026-12-02, audited
 * labels: news accuracy@1 0.36 on SQLite and 0.35 on PostgreSQL, no-answer recall 0.35 on both;
 * SQuAD accuracy@1 0.83 and 0.81), less a margin, so a change that makes answers worse fails here. Two
 * are far below issue 10's goals (news accuracy@1 0.85, no-answer recall 0.80; SQuAD's 0.75 is
 * met); the README says so.
 */
import { describe, expect, it } from "vitest";
import { loadNewsCorpus, loadSquadCorpus } from "../../scripts/answers/corpora.js";
import { metricsOf } from "../../scripts/answers/evaluate.js";
import { type Report, reportAnswers } from "../../scripts/answers/report.js";
import { loadAnswerModel } from "../../src/search/answer-model.js";
import { loadLanguageKit } from "../../src/search/language/language-kit.js";
import { openPostgresStore } from "../../src/store/postgres/postgres-store.js";
import { createTestDatabase, describePostgres } from "../store/contract/backends.js";
import { loadCorpusInto } from "../store/support/corpus-on-store.js";

const FLOOR = {
  newsAccuracyAt1: 0.3,
  squadAccuracyAt1: 0.78,
  newsNoAnswerRecall: 0.25,
};

/** The figures on SQLite, printed again beside PostgreSQL's when TEST_DATABASE_URL is set. */
let sqliteReport: Report | undefined;

/** The gate's floors, the same on both backends. */
function expectFloors(report: Report): void {
  const held = (name: string) => metricsOf(report.outcomes.get(name) ?? []);
  const heldNews = held("news HELD OUT (all)");
  const heldSquad = held("squad HELD OUT (all)");
  expect(heldNews.questions).toBeGreaterThan(0);
  expect(heldSquad.questions).toBeGreaterThan(0);
  expect(heldNews.accuracyAt1).toBeGreaterThanOrEqual(FLOOR.newsAccuracyAt1);
  expect(heldSquad.accuracyAt1).toBeGreaterThanOrEqual(FLOOR.squadAccuracyAt1);
  expect(heldNews.noAnswerRecall).toBeGreaterThanOrEqual(FLOOR.newsNoAnswerRecall);
}

describe("quality gate: answering questions from stored articles", () => {
  const news = loadNewsCorpus();
  const squad = loadSquadCorpus();

  it("has at least 300 blind-written news questions over 60 new articles, 15% of them unanswerable", () => {
    const blind = news.questions.filter((q) => q.split !== "legacy");
    expect(blind.length).toBeGreaterThanOrEqual(300);
    expect(blind.filter((q) => q.expect === null).length / blind.length).toBeGreaterThanOrEqual(0.15);
    const articles = new Set(blind.flatMap((q) => q.answerArticles));
    expect(articles.size).toBeGreaterThanOrEqual(60);
  });

  it("expects only phrases that occur in the stored articles", () => {
    const text = [...news.articles.values(), ...squad.articles.values()]
      .map((a) => `${a.title}\n${a.body}`.toLowerCase())
      .join("\n");
    const missing = [...news.questions, ...squad.questions]
      .flatMap((q) => q.expect ?? [])
      .filter((p) => !text.includes(p.toLowerCase()));
    expect(missing).toEqual([]);
  });

  it("stays at or above its floors on the held-out splits, and prints every split", async () => {
    const report = await reportAnswers(true, [news, squad]);
    console.log(`Answer quality (npm run train -- report --held-out)\n${report.lines.join("\n")}`);
    sqliteReport = report;
    expectFloors(report);
  }, 240_000);

  it("quotes the seed's sentence about timely licensing decisions for what the tech CEOs requested", async () => {
    const search = news.makeSearch(loadLanguageKit(), loadAnswerModel());
    const result = await search.ask("what did the tech CEOs request?");
    expect(result.kind === "answer" && result.answer.text).toContain(
      "They requested timely licensing decisions from the Department of Commerce, and the President agreed.",
    );
  });
});

describePostgres("quality gate on PostgreSQL (tsvector, GIN, ts_rank_cd)", () => {
  it("stays at or above the same floors, and prints its figures beside SQLite's", async () => {
    const databases = await Promise.all([createTestDatabase(), createTestDatabase()]);
    const stores = await Promise.all(databases.map((d) => openPostgresStore(d.url)));
    try {
      const [newsStore, squadStore] = stores;
      if (!newsStore || !squadStore) throw new Error("two stores expected");
      const corpora = [
        await loadCorpusInto(newsStore, loadNewsCorpus()),
        await loadCorpusInto(squadStore, loadSquadCorpus()),
      ];
      const report = await reportAnswers(true, corpora);
      const sqlite = sqliteReport ?? (await reportAnswers(true));
      const side = report.lines.map((line, i) => `sqlite   ${sqlite.lines[i] ?? ""}\npostgres ${line}`);
      console.log(`Answer quality, SQLite FTS5 against PostgreSQL tsvector\n${side.join("\n")}`);
      expectFloors(report);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await Promise.all(databases.map((d) => d.drop()));
    }
  }, 480_000);
});
