/**
 * The labelled data answers are fitted and measured on, each loaded into a real SQLite database:
 *
 * - news: the seeds, tests/fixtures/ask and the 64 articles of tests/fixtures/answers in one store;
 *   questions from tests/fixtures/ask (split "legacy", train) and tests/fixtures/answers/<split>/<writer>
 *   (train: w1, w2, w5, w6; held out: w3, w4 — written blind from the articles alone by writers who
 *   never saw the code; the held-out ones before any tuning);
 * - squad: the three SQuAD 2.0 dev articles in tests/fixtures/squad-2.0-dev-slice, one paragraph per
 *   stored article; "Southern_California" is held out whole.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { ArticleDraft } from "../../src/articles/article.js";
import { parseArticleText } from "../../src/articles/parse-article-file.js";
import { createManualClock } from "../../src/clock.js";
import type { LanguageKit } from "../../src/search/analyze-question.js";
import type { AnswerModel } from "../../src/search/answer-model.js";
import { createSearch, type Search } from "../../src/search/create-search.js";
import { createArticleRepository } from "../../src/store/article-repository.js";
import { openDatabase } from "../../src/store/open-database.js";
import { createSqliteStore } from "../../src/store/sqlite-store.js";
import type { Store } from "../../src/store/store.js";
import {
  keywordTopicHints,
  keywordTopicNames,
  keywordTopicsOf,
} from "../../tests/search/support/keyword-topics.js";

export const ROOT = join(import.meta.dirname, "../..");
export const SQUAD_HELD_OUT = "Southern_California";
const NEWS_CLOCK = "2021-01-15T12:00:00Z";

export interface LabelledQuestion {
  q: string;
  /** The answer must contain one of these; null when nothing stored answers it. */
  expect: string[] | null;
  /** Ids of the stored articles that answer it (empty when unknown or unanswerable). */
  answerArticles: number[];
  corpus: "news" | "squad";
  split: string;
  heldOut: boolean;
}

export interface Corpus {
  name: "news" | "squad";
  questions: LabelledQuestion[];
  /** Every stored article's title and body, by id (for the BM25 baseline). */
  articles: Map<number, { title: string; body: string }>;
  makeSearch(kit: LanguageKit, model: AnswerModel): Search;
  /** The stored drafts in id order and the instant they were stored (to load them into another store). */
  stored: { drafts: readonly ArticleDraft[]; now: number };
}

/** A search over any store holding a corpus: the corpora's keyword topics, the clock at `now`. */
export function corpusSearch(store: Pick<Store, "search" | "articles">, now: number) {
  return (kit: LanguageKit, model: AnswerModel) =>
    createSearch({
      index: store.search,
      articles: store.articles,
      topicHints: keywordTopicHints,
      topicNames: keywordTopicNames,
      clock: createManualClock(now),
      kit,
      model,
    });
}

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

function storeOf(drafts: readonly ArticleDraft[], now: number) {
  const db = openDatabase(":memory:");
  const repository = createArticleRepository(db);
  const ids = drafts.map((d) => {
    const result = repository.insert(d, keywordTopicsOf(`${d.title}\n${d.body}`), now);
    if (result.status !== "new") throw new Error(`duplicate article: ${d.title}`);
    return result.id;
  });
  const articles = new Map(drafts.map((d, i) => [ids[i] as number, { title: d.title, body: d.body }]));
  const makeSearch = corpusSearch(createSqliteStore(db), now);
  return { ids, articles, makeSearch, stored: { drafts, now } };
}

function fileDraft(path: string, publishedAt: string): ArticleDraft {
  const parsed = parseArticleText(read(path));
  if ("error" in parsed) throw new Error(`${path}: ${parsed.error}`);
  return {
    title: parsed.title,
    body: parsed.body,
    url: null,
    guid: null,
    source: `file:${basename(path)}`,
    publishedAt: Date.parse(publishedAt),
    feedId: null,
  };
}

/** Every writer's folder: tests/fixtures/answers/{train,heldout}/<writer>. */
function writers(): { split: "train" | "heldout"; writer: string; heldOut: boolean }[] {
  return (["train", "heldout"] as const).flatMap((split) =>
    readdirSync(join(ROOT, "tests/fixtures/answers", split))
      .sort()
      .map((writer) => ({ split, writer, heldOut: split === "heldout" })),
  );
}

/** The trade-news corpus and its questions. */
export function loadNewsCorpus(): Corpus {
  const manifest = JSON.parse(read("tests/fixtures/ask/manifest.json")) as {
    articles: { file: string; publishedAt: string }[];
  };
  const files: { path: string; publishedAt: string }[] = manifest.articles.map((a) => ({
    path: a.file,
    publishedAt: a.publishedAt,
  }));
  for (const w of writers()) {
    const dir = `tests/fixtures/answers/${w.split}/${w.writer}`;
    const dates = JSON.parse(read(`${dir}/dates.json`)) as Record<string, string>;
    for (const file of readdirSync(join(ROOT, dir, "articles")).sort()) {
      files.push({ path: `${dir}/articles/${file}`, publishedAt: dates[file] ?? NEWS_CLOCK });
    }
  }
  const store = storeOf(
    files.map((f) => fileDraft(f.path, f.publishedAt)),
    Date.parse(NEWS_CLOCK),
  );
  const idOf = new Map(files.map((f, i) => [basename(f.path), store.ids[i] as number]));
  const questions: LabelledQuestion[] = [];
  const legacy = JSON.parse(read("tests/fixtures/ask/questions.json")) as {
    questions: { q: string; expect: string[] | null }[];
  };
  for (const q of legacy.questions) {
    questions.push({
      q: q.q,
      expect: q.expect,
      answerArticles: [],
      corpus: "news",
      split: "legacy",
      heldOut: false,
    });
  }
  for (const w of writers()) {
    const dir = `tests/fixtures/answers/${w.split}/${w.writer}`;
    const list = JSON.parse(read(`${dir}/questions.json`)) as {
      q: string;
      article: string | null;
      expect: string[] | null;
    }[];
    for (const q of list) {
      const id = q.article ? idOf.get(q.article) : undefined;
      if (q.article && id === undefined) throw new Error(`${dir}: unknown article ${q.article}`);
      questions.push({
        q: q.q,
        expect: q.expect,
        answerArticles: id === undefined ? [] : [id],
        corpus: "news",
        split: `${w.split} ${w.writer}`,
        heldOut: w.heldOut,
      });
    }
  }
  return {
    name: "news",
    questions,
    articles: store.articles,
    makeSearch: store.makeSearch,
    stored: store.stored,
  };
}

interface SquadFile {
  data: {
    title: string;
    paragraphs: {
      context: string;
      qas: { question: string; is_impossible: boolean; answers: { text: string }[] }[];
    }[];
  }[];
}

/** The SQuAD 2.0 slice: one stored article per paragraph. */
export function loadSquadCorpus(): Corpus {
  const squad = JSON.parse(read("tests/fixtures/squad-2.0-dev-slice/questions.json")) as SquadFile;
  const now = Date.parse("2020-01-01T00:00:00Z");
  const drafts: ArticleDraft[] = [];
  const owners: { title: string; paragraph: number }[] = [];
  for (const article of squad.data) {
    article.paragraphs.forEach((p, i) => {
      drafts.push({
        title: article.title.replaceAll("_", " "),
        body: p.context,
        url: null,
        guid: null,
        source: `squad:${article.title}#${i}`,
        publishedAt: now - drafts.length * 60_000,
        feedId: null,
      });
      owners.push({ title: article.title, paragraph: i });
    });
  }
  const store = storeOf(drafts, now);
  const questions: LabelledQuestion[] = [];
  let k = 0;
  for (const article of squad.data) {
    const heldOut = article.title === SQUAD_HELD_OUT;
    for (const p of article.paragraphs) {
      const id = store.ids[k++] as number;
      for (const qa of p.qas) {
        const expect = qa.is_impossible ? null : [...new Set(qa.answers.map((a) => a.text))];
        questions.push({
          q: qa.question,
          expect,
          answerArticles: expect ? [id] : [],
          corpus: "squad",
          split: heldOut ? `heldout ${article.title}` : `train ${article.title}`,
          heldOut,
        });
      }
    }
  }
  return {
    name: "squad",
    questions,
    articles: store.articles,
    makeSearch: store.makeSearch,
    stored: store.stored,
  };
}

/** SHA-256 over every training question and article the fit reads, so a re-fit can be checked. */
export function trainingDataHash(corpora: readonly Corpus[]): string {
  const hash = createHash("sha256");
  for (const corpus of corpora) {
    for (const [id, a] of [...corpus.articles].sort((x, y) => x[0] - y[0]))
      hash.update(`${id}\n${a.title}\n${a.body}\n`);
    for (const q of corpus.questions.filter((x) => !x.heldOut))
      hash.update(`${q.q}\n${JSON.stringify(q.expect)}\n`);
  }
  return hash.digest("hex");
}
