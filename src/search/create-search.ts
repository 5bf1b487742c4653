/**
 * Answers questions from stored articles: reads the question (lemmas, WordNet and domain
 * expansions, expected answer kind), finds candidate articles in the full-text index with the
 * expanded question, scores every sentence of the best ~20 with the fitted model, and quotes the
 * most probable one — or says nothing stored answers it and lists the closest articles. "Latest …"
 * questions list the newest articles instead.
 */
import type { Article } from "../articles/article.js";
import type { Clock } from "../clock.js";
import type { ArticleStore, SearchStore } from "../store/store.js";
import {
  analyzeQuestion,
  type Concept,
  type LanguageKit,
  type LatestRequest,
  type QuestionAnalysis,
} from "./analyze-question.js";
import { type ArticleForScoring, sentenceFeatures, type WeightedConcept } from "./answer-features.js";
import type { AnswerModel } from "./answer-model.js";
import { type Answer, type AskResult, summarizeArticle } from "./ask-result.js";
import { createDocumentFrequencies } from "./document-frequencies.js";
import { allConceptsExpression, anyConceptExpression, conceptExpression } from "./match-query.js";
import { blendCandidates, weighConcepts } from "./rank-candidates.js";
import { createArticleReader, type ReadArticle } from "./read-article.js";
import { createSoftMatcher } from "./soft-match.js";
import type { TimeWindow } from "./time-hints.js";

export interface SearchDeps {
  /** The full-text index of the store (SQLite FTS5 or PostgreSQL tsvector). */
  index: SearchStore;
  articles: Pick<ArticleStore, "get" | "latest">;
  /** Topics a text mentions (the classifier's `mentionedTopics`). */
  topicHints: (text: string) => string[];
  topicNames: readonly string[];
  clock: Clock;
  /** The calendar "today" and "yesterday" follow; UTC when not given. */
  timeZone?: string;
  /**
   * Language resources (wink-nlp, WordNet, the domain map), or a loader called on first use
   * (about half a second; `warmUp` calls it before the bot accepts commands).
   */
  kit: LanguageKit | (() => LanguageKit);
  model: AnswerModel;
}

type Candidate = Article & { relevance: number; textMatch: number };
type Hit = { bm25: number; article: Article };
type Weighted = WeightedConcept & { df: number };

/** One scored sentence, as the trainer and the evaluation see it. */
export interface ScoredSentence {
  articleId: number;
  text: string;
  values: number[];
  probability: number;
}

/** How many BM25 hits are blended, and how many of those are read sentence by sentence. */
const CANDIDATES = 30;
export const READ_IN_FULL = 20;
const RELATED = 3;
const ALTERNATIVES = 2;
/** A time-window-narrowed set's best sentence must reach this share of the best of all candidates. */
const WINDOW_SHARE = 0.5;
/** Above this many articles, concepts in more than COMMON_SHARE of them leave the index query. */
const LARGE_CORPUS = 2000;
const COMMON_SHARE = 0.1;
/** A question whose every concept is common searches only the newest this many articles. */
const BROAD_SCAN = 20_000;
/** An all-concepts query that finds at least this many articles is enough; otherwise any-concept. */
const ENOUGH_FOR_ALL = 8;

function inWindow(article: Article, window: TimeWindow | null): boolean {
  if (!window) return true;
  return article.publishedAt >= window.since && (window.until === null || article.publishedAt < window.until);
}

/** Ask questions of the stored articles. Reads only. */
export function createSearch(deps: SearchDeps) {
  const index = deps.index;
  const frequencies = createDocumentFrequencies(index);
  let loaded: { kit: LanguageKit; reader: ReturnType<typeof createArticleReader> } | null = null;
  const language = () => {
    if (!loaded) {
      const kit = typeof deps.kit === "function" ? deps.kit() : deps.kit;
      loaded = { kit, reader: createArticleReader(kit.language, kit.wordNet) };
    }
    return loaded;
  };
  const timeZone = deps.timeZone ?? "UTC";
  const thresholds = deps.model.data;

  async function latest(request: LatestRequest, window: TimeWindow | null): Promise<AskResult> {
    const articles = (
      await deps.articles.latest({
        topic: request.topic ?? undefined,
        limit: request.limit,
        since: window?.since,
      })
    ).filter((a) => inWindow(a, window));
    return { kind: "latest", topic: request.topic, articles: articles.map(summarizeArticle) };
  }

  async function weigh(analysis: QuestionAnalysis, documents: number): Promise<Weighted[]> {
    const dfs: number[] = [];
    for (const concept of analysis.concepts)
      dfs.push(await frequencies.of(conceptExpression(concept), documents));
    const counted = analysis.concepts.map((concept, i) => ({
      concept: { ...concept, action: false },
      df: dfs[i] ?? 0,
    }));
    return weighConcepts(counted, documents).map((c) => ({ ...c, weight: Math.max(c.weight, 0.05) }));
  }

  /** Concepts worth asking the index for, rarest first; `broad` when every one is common. */
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
  async function hitsFor(
    search: { concepts: readonly Concept[]; broad: boolean },
    from: number,
  ): Promise<Hit[]> {
    const { concepts } = search;
    const minId = search.broad ? Math.max(from, (await index.lastArticleId()) - BROAD_SCAN + 1) : from;
    let hits =
      concepts.length > 1 ? await index.rank(allConceptsExpression(concepts), CANDIDATES, minId) : [];
    if (hits.length < ENOUGH_FOR_ALL) {
      const seen = new Set(hits.map((h) => h.id));
      const more = (await index.rank(anyConceptExpression(concepts), CANDIDATES, minId)).filter(
        (h) => !seen.has(h.id),
      );
      hits = [...hits, ...more].slice(0, CANDIDATES);
    }
    const articles = await Promise.all(hits.map((hit) => deps.articles.get(hit.id)));
    return hits.flatMap((hit, i) => {
      const article = articles[i];
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
    const byId = new Map(found.map((c) => [c.article.id, c]));
    const bestBm25 = Math.min(...found.map((c) => c.bm25), -Number.EPSILON);
    return blended.flatMap((b) => {
      const hit = byId.get(b.id);
      return hit
        ? [{ ...hit.article, relevance: b.relevance, textMatch: Math.max(0, hit.bm25 / bestBm25) }]
        : [];
    });
  }

  /** Candidate sets to try in order: those published in the question's time window, then all. */
  function candidateSets(
    concepts: { concepts: readonly Concept[]; broad: boolean },
    analysis: QuestionAnalysis,
  ): (() => Promise<Candidate[]>)[] {
    const all = async () => blend(await hitsFor(concepts, 0), analysis);
    const window = analysis.window;
    if (!window) return [all];
    const recent = async () => {
      const firstId = await index.firstIdPublishedSince(window.since);
      const hits =
        firstId === null ? [] : (await hitsFor(concepts, firstId)).filter((c) => inWindow(c.article, window));
      return blend(hits, analysis);
    };
    return [recent, all];
  }

  /** Every sentence of the best candidates, most probable answer first. */
  function scoreSentences(
    candidates: readonly Candidate[],
    analysis: QuestionAnalysis,
    weighted: readonly Weighted[],
  ): { scored: ScoredSentence[]; read: Map<number, ReadArticle> } {
    const read = new Map<number, ReadArticle>();
    const forScoring: ArticleForScoring[] = candidates.slice(0, READ_IN_FULL).map((c, rank) => {
      const article = language().reader.read(c.id, c.title, c.body);
      read.set(c.id, article);
      return {
        id: c.id,
        title: article.title,
        sentences: article.sentences,
        rank,
        relevance: c.relevance,
        textMatch: c.textMatch,
      };
    });
    const soft = createSoftMatcher(
      language().kit.vectors,
      weighted.map((w) => w.concept),
    );
    const scored = sentenceFeatures(forScoring, analysis, weighted, soft).map((f) => ({
      articleId: f.articleId,
      text: read.get(f.articleId)?.sentences[f.index]?.text ?? "",
      values: f.values,
      probability: deps.model.probability(f.values),
    }));
    return { scored: scored.sort((a, b) => b.probability - a.probability), read };
  }

  function answerOf(sentence: ScoredSentence, candidates: readonly Candidate[]): Answer {
    const source = candidates.find((c) => c.id === sentence.articleId);
    if (!source) throw new Error(`answer article ${sentence.articleId} is not among the candidates`);
    return {
      text: sentence.text,
      title: source.title,
      url: source.url,
      source: source.source,
      publishedAt: source.publishedAt,
      articleId: source.id,
    };
  }

  function decide(scored: readonly ScoredSentence[], candidates: readonly Candidate[]): AskResult | null {
    const best = scored[0];
    const confidence = deps.model.confidence(scored);
    if (!best || confidence < thresholds.answerAt) return null;
    const alternatives: ScoredSentence[] = [];
    if (confidence < thresholds.sureAt) {
      const used = new Set([best.articleId]);
      for (const s of scored) {
        if (
          alternatives.length >= ALTERNATIVES ||
          s.probability < thresholds.alternativeShare * best.probability
        )
          break;
        if (used.has(s.articleId)) continue;
        used.add(s.articleId);
        alternatives.push(s);
      }
    }
    return {
      kind: "answer",
      answer: answerOf(best, candidates),
      alternatives: alternatives.map((s) => answerOf(s, candidates)),
      articles: candidates
        .filter((c) => c.id !== best.articleId)
        .slice(0, RELATED)
        .map(summarizeArticle),
    };
  }

  function analyze(question: string): QuestionAnalysis {
    return analyzeQuestion(question, language().kit, {
      now: deps.clock.now(),
      timeZone,
      topicNames: deps.topicNames,
      topicHints: deps.topicHints,
    });
  }

  /** The candidate sets of a question with their scored sentences (empty when nothing can be searched). */
  async function* scoredSets(analysis: QuestionAnalysis) {
    const documents = await index.documentCount();
    if (analysis.concepts.length === 0 || documents === 0) return;
    const weighted = await weigh(analysis, documents);
    const concepts = searchable(weighted, documents);
    if (concepts.concepts.length === 0) return;
    for (const candidateSet of candidateSets(concepts, analysis)) {
      const candidates = await candidateSet();
      yield { candidates, scored: scoreSentences(candidates, analysis, weighted).scored };
    }
  }

  return {
    /** Loads the language resources now rather than on the first question. */
    warmUp(): void {
      language();
    },

    /** Answers a question, lists the newest articles for a "latest" request, or says nothing answers it. */
    async ask(question: string): Promise<AskResult> {
      const analysis = analyze(question);
      if (analysis.latest) return latest(analysis.latest, analysis.window);
      let closest: Candidate[] = [];
      const sets: { candidates: Candidate[]; scored: ScoredSentence[] }[] = [];
      for await (const set of scoredSets(analysis)) sets.push(set);
      const widest = sets[sets.length - 1];
      for (const { candidates, scored } of sets) {
        // A set narrowed to the question's time window may hold only a few sentences, which makes
        // any of them look sure: its answer must also score near the best of all candidates.
        const near =
          !widest || (scored[0]?.probability ?? 0) >= WINDOW_SHARE * (widest.scored[0]?.probability ?? 0);
        const decided = near ? decide(scored, candidates) : null;
        if (decided) return decided;
        if (candidates.length > 0) closest = candidates;
      }
      return { kind: "no_answer", articles: closest.slice(0, RELATED).map(summarizeArticle) };
    },

    /**
     * Every scored sentence of the question's widest candidate set, most probable first, and the
     * ids of the articles retrieved in rank order: what training and evaluation look at.
     */
    async explain(question: string): Promise<{ sentences: ScoredSentence[]; retrieved: number[] }> {
      const analysis = analyze(question);
      let last: { sentences: ScoredSentence[]; retrieved: number[] } = { sentences: [], retrieved: [] };
      for await (const { candidates, scored } of scoredSets(analysis)) {
        last = { sentences: scored, retrieved: candidates.map((c) => c.id) };
      }
      return last;
    },
  };
}

export type Search = ReturnType<typeof createSearch>;
