/**
 * Answers questions from stored articles: reads the question, finds candidate articles in the
 * full-text index, quotes the sentence that answers it (or says nothing stored does) and lists
 * related articles; "latest …" questions list the newest articles instead.
 */
import type { Database } from "better-sqlite3";
import type { Article } from "../articles/article.js";
import type { Clock } from "../clock.js";
import type { ArticleRepository } from "../store/article-repository.js";
import { createSearchIndex } from "../store/search-index.js";
import {
  analyzeQuestion,
  type Concept,
  type LatestRequest,
  type QuestionAnalysis,
} from "./analyze-question.js";
import { type AskResult, summarizeArticle } from "./ask-result.js";
import {
  type ChooseOptions,
  chooseAnswer,
  DEFAULT_CHOOSE_OPTIONS,
  type ScoredUnit,
  type WeightedConcept,
} from "./choose-answer.js";
import { createDocumentFrequencies } from "./document-frequencies.js";
import { allConceptsExpression, anyConceptExpression, conceptExpression } from "./match-query.js";
import { blendCandidates, weighConcepts } from "./rank-candidates.js";
import { createSynonymLookup } from "./synonyms.js";
import type { TimeWindow } from "./time-hints.js";

export interface SearchDeps {
  db: Database;
  articles: Pick<ArticleRepository, "get" | "latest">;
  /** Topics a text mentions (the classifier's `mentionedTopics`). */
  topicHints: (text: string) => string[];
  topicNames: readonly string[];
  clock: Clock;
  /** The calendar "today" and "yesterday" follow; UTC when not given. */
  timeZone?: string;
  answer?: Partial<ChooseOptions>;
}

type Candidate = Article & { relevance: number };
type Hit = { bm25: number; article: Article };
type Weighted = WeightedConcept & { df: number };

/** How many BM25 hits are blended, and how many of those are read sentence by sentence. */
const CANDIDATES = 30;
const READ_IN_FULL = 5;
const RELATED = 3;
/** Above this many articles, concepts in more than COMMON_SHARE of them leave the index query. */
const LARGE_CORPUS = 2000;
const COMMON_SHARE = 0.1;
/** A question whose every concept is common searches only the newest this many articles. */
const BROAD_SCAN = 20_000;
/** An all-concepts query that finds at least this many articles is enough; otherwise any-concept. */
const ENOUGH_FOR_ALL = 5;

function inWindow(article: Article, window: TimeWindow | null): boolean {
  if (!window) return true;
  return article.publishedAt >= window.since && (window.until === null || article.publishedAt < window.until);
}

/** Ask questions of the stored articles. Reads only; the database is the one `openDatabase` gave. */
export function createSearch(deps: SearchDeps) {
  const index = createSearchIndex(deps.db);
  const frequencies = createDocumentFrequencies(index);
  const synonyms = createSynonymLookup();
  const timeZone = deps.timeZone ?? "UTC";
  const chooseOptions: ChooseOptions = { ...DEFAULT_CHOOSE_OPTIONS, ...deps.answer };

  function latest(request: LatestRequest, window: TimeWindow | null): AskResult {
    const articles = deps.articles
      .latest({ topic: request.topic ?? undefined, limit: request.limit, since: window?.since })
      .filter((a) => inWindow(a, window));
    return { kind: "latest", topic: request.topic, articles: articles.map(summarizeArticle) };
  }

  function weigh(analysis: QuestionAnalysis, documents: number): Weighted[] {
    const counted = analysis.concepts.map((concept) => ({
      concept,
      df: frequencies.of(conceptExpression(concept), documents),
    }));
    return weighConcepts(counted, documents);
  }

  /**
   * Concepts worth asking the index for, rarest first: found at all and, in large stores, not in
   * most articles. `broad` when every one is common: then only the newest articles are searched.
   */
  function searchable(
    weighted: readonly Weighted[],
    documents: number,
  ): { concepts: Concept[]; broad: boolean } {
    const found = weighted.filter((w) => w.df > 0).sort((a, b) => a.df - b.df);
    if (documents < LARGE_CORPUS) return { concepts: found.map((w) => w.concept), broad: false };
    const distinctive = found.filter((w) => w.df <= COMMON_SHARE * documents);
    const broad = distinctive.length === 0;
    return { concepts: (broad ? found : distinctive).map((w) => w.concept), broad };
  }

  /** Articles with all the concepts if there are enough of them (cheap and precise), else with any. */
  function hitsFor(search: { concepts: readonly Concept[]; broad: boolean }, from: number): Hit[] {
    const { concepts } = search;
    const minId = search.broad ? Math.max(from, index.lastArticleId() - BROAD_SCAN + 1) : from;
    let hits = concepts.length > 1 ? index.rank(allConceptsExpression(concepts), CANDIDATES, minId) : [];
    if (hits.length < ENOUGH_FOR_ALL) hits = index.rank(anyConceptExpression(concepts), CANDIDATES, minId);
    return hits.flatMap((hit) => {
      const article = deps.articles.get(hit.id);
      return article ? [{ bm25: hit.bm25, article }] : [];
    });
  }

  function blend(found: readonly Hit[], analysis: QuestionAnalysis): Candidate[] {
    const blended = blendCandidates(
      found.map((c) => ({
        id: c.article.id,
        bm25: c.bm25,
        publishedAt: c.article.publishedAt,
        topics: c.article.topics.map((t) => t.topic),
      })),
      { now: deps.clock.now(), topics: analysis.topics, prefersRecent: analysis.prefersRecent },
    );
    const byId = new Map(found.map((c) => [c.article.id, c.article]));
    return blended.flatMap((b) => {
      const article = byId.get(b.id);
      return article ? [{ ...article, relevance: b.relevance }] : [];
    });
  }

  /** Candidate sets to try in order: those published in the question's time window, then all. */
  function candidateSets(
    concepts: { concepts: readonly Concept[]; broad: boolean },
    analysis: QuestionAnalysis,
  ): (() => Candidate[])[] {
    const all = () => blend(hitsFor(concepts, 0), analysis);
    const window = analysis.window;
    if (!window) return [all];
    const recent = () => {
      const firstId = index.firstIdPublishedSince(window.since);
      const hits =
        firstId === null ? [] : hitsFor(concepts, firstId).filter((c) => inWindow(c.article, window));
      return blend(hits, analysis);
    };
    return [recent, all];
  }

  function answerFrom(best: ScoredUnit, candidates: readonly Candidate[]): AskResult {
    const source = candidates.find((c) => c.id === best.articleId);
    if (!source) throw new Error(`answer article ${best.articleId} is not among the candidates`);
    return {
      kind: "answer",
      answer: {
        text: best.text,
        title: source.title,
        url: source.url,
        source: source.source,
        publishedAt: source.publishedAt,
        articleId: source.id,
      },
      articles: candidates
        .filter((c) => c.id !== source.id)
        .slice(0, RELATED)
        .map(summarizeArticle),
    };
  }

  return {
    /** Answers a question, lists the newest articles for a "latest" request, or says nothing answers it. */
    ask(question: string): AskResult {
      const analysis = analyzeQuestion(question, {
        now: deps.clock.now(),
        timeZone,
        topicNames: deps.topicNames,
        topicHints: deps.topicHints,
        synonyms,
      });
      if (analysis.latest) return latest(analysis.latest, analysis.window);
      const documents = index.documentCount();
      if (analysis.concepts.length === 0 || documents === 0) return { kind: "no_answer", articles: [] };
      const weighted = weigh(analysis, documents);
      const concepts = searchable(weighted, documents);
      if (concepts.concepts.length === 0) return { kind: "no_answer", articles: [] };
      const asked = { concepts: weighted, expects: analysis.expects, numbers: analysis.numbers };
      let closest: Candidate[] = [];
      for (const candidateSet of candidateSets(concepts, analysis)) {
        const candidates = candidateSet();
        const best = chooseAnswer(candidates.slice(0, READ_IN_FULL), asked, chooseOptions);
        if (best) return answerFrom(best, candidates);
        if (candidates.length > 0) closest = candidates;
      }
      return { kind: "no_answer", articles: closest.slice(0, RELATED).map(summarizeArticle) };
    },
  };
}

export type Search = ReturnType<typeof createSearch>;
