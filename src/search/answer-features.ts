/**
 * Features of one candidate sentence for one question: how much of the question it holds (exact
 * lemmas and WordNet/domain expansions, weighted by rarity), whether it has the kind of entity
 * asked for, how close the matches are, where it stands and how well its article matched. Pure;
 * the fitted model (answer-model.ts) turns them into a probability.
 */
import { ANSWER_ENTITIES, type Concept, type QuestionAnalysis } from "./analyze-question.js";
import {
  FEATURE_NAMES,
  type FeatureName,
  LISTWISE,
  SENTENCE_FEATURES,
  type SentenceFeatureName,
} from "./answer-feature-names.js";
import type { ReadSentence, Token } from "./language/read-text.js";
import { addListwiseFeatures } from "./listwise-features.js";
import type { SoftMatcher } from "./soft-match.js";

export { FEATURE_NAMES, type FeatureName };

export interface WeightedConcept {
  concept: Concept;
  /** Inverse document frequency; > 0. */
  weight: number;
}

export interface ArticleForScoring {
  id: number;
  title: ReadSentence;
  /** Quotable sentences, in order (noise removed). */
  sentences: readonly ReadSentence[];
  /** 0 for the best-matching article. */
  rank: number;
  /** Text match, recency and topic blended: 0..1, 1 for the best candidate. */
  relevance: number;
  /** BM25 alone relative to the best candidate's: 0..1. */
  textMatch: number;
}

export interface SentenceFeatures {
  articleId: number;
  index: number;
  values: number[];
}

const NOUN_LIKE = new Set(["NOUN", "PROPN", "NUM"]);

const REASON_CUES = new Set([
  "because",
  "due",
  "amid",
  "after",
  "since",
  "as",
  "over",
  "so",
  "aim",
  "order",
  "response",
  "retaliation",
  "protect",
  "offset",
  "punish",
  "pressure",
]);

interface ConceptHits {
  /** Best match per concept: 2 exact, 1 expansion, 0 none. */
  level: number[];
  /** Token positions of each concept's matches. */
  positions: number[][];
  /** How many times each concept occurs exactly (for BM25). */
  exactCount: number[];
}

/** Where each word occurs in the tokens, by surface form and by lemma. */
function wordPositions(tokens: readonly Token[]): Map<string, number[]> {
  const at = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    for (const word of t.form === t.lemma ? [t.form] : [t.form, t.lemma]) {
      const list = at.get(word);
      if (list) list.push(i);
      else at.set(word, [i]);
    }
  });
  return at;
}

/** Start positions of a wording (a word sequence) in the tokens. */
function occurrences(
  tokens: readonly Token[],
  index: Map<string, number[]>,
  wording: readonly string[],
): number[] {
  const starts = index.get(wording[0] ?? "") ?? [];
  if (wording.length === 1) return starts;
  return starts.filter((start) =>
    wording.every((word, k) => {
      const t = tokens[start + k];
      return t !== undefined && (t.form === word || t.lemma === word);
    }),
  );
}

function hitsIn(tokens: readonly Token[], concepts: readonly WeightedConcept[]): ConceptHits {
  const index = wordPositions(tokens);
  const level = concepts.map(() => 0);
  const positions = concepts.map((): number[] => []);
  const exactCount = concepts.map(() => 0);
  concepts.forEach((c, i) => {
    const exact = new Set(c.concept.exact.flatMap((w) => occurrences(tokens, index, w)));
    const expanded = new Set(c.concept.expansions.flatMap((w) => occurrences(tokens, index, w)));
    exactCount[i] = exact.size;
    level[i] = exact.size > 0 ? 2 : expanded.size > 0 ? 1 : 0;
    positions[i] = [...new Set([...exact, ...expanded])].sort((a, b) => a - b);
  });
  return { level, positions, exactCount };
}

/** 1 when the matched concepts sit side by side, towards 0 as they spread out. */
function closeness(occurrences: readonly number[][]): number {
  const present = occurrences.filter((p) => p.length > 0);
  if (present.length < 2) return 0;
  const events = present.flatMap((ps, c) => ps.map((p) => ({ p, c }))).sort((a, b) => a.p - b.p);
  const counts = new Map<number, number>();
  let best = Number.POSITIVE_INFINITY;
  let left = 0;
  for (const event of events) {
    counts.set(event.c, (counts.get(event.c) ?? 0) + 1);
    while (counts.size === present.length) {
      const first = events[left];
      if (!first) break;
      best = Math.min(best, event.p - first.p);
      const n = (counts.get(first.c) ?? 0) - 1;
      if (n === 0) counts.delete(first.c);
      else counts.set(first.c, n);
      left++;
    }
  }
  return Number.isFinite(best) ? Math.min(1, (present.length - 1) / Math.max(1, best)) : 0;
}

function hasAnswerEntity(sentence: ReadSentence, question: QuestionAnalysis): boolean {
  const kinds = ANSWER_ENTITIES[question.expects];
  const given = new Set(question.givenEntities);
  const words = new Set(question.concepts.flatMap((c) => c.exact.flat()));
  return sentence.entities.some(
    (e) => kinds.includes(e.kind) && !given.has(e.text) && !e.text.split(" ").every((w) => words.has(w)),
  );
}

/** Feature vectors for every sentence of every candidate article. */
export function sentenceFeatures(
  articles: readonly ArticleForScoring[],
  question: QuestionAnalysis,
  concepts: readonly WeightedConcept[],
  soft: SoftMatcher,
): SentenceFeatures[] {
  const total = concepts.reduce((sum, c) => sum + c.weight, 0) || 1;
  const heaviest = Math.max(...concepts.map((c) => c.weight), Number.EPSILON);
  const expectsEntity = ANSWER_ENTITIES[question.expects].length > 0;
  /** IDF-weighted share of the concepts passing `test`, each counted at its `amount` (1 if none). */
  const share = (
    levels: readonly number[],
    test: (level: number, i: number) => boolean,
    amount?: readonly number[],
  ) =>
    concepts.reduce(
      (sum, c, i) => sum + (test(levels[i] ?? 0, i) ? c.weight * (amount ? (amount[i] ?? 0) : 1) : 0),
      0,
    ) / total;
  const out: SentenceFeatures[] = [];
  const counts: { length: number; exactCount: readonly number[] }[] = [];
  const lexicalOf: number[] = [];
  const softOf: number[] = [];
  const softArticleOf: number[] = [];
  for (const article of articles) {
    const title = hitsIn(article.title.tokens, concepts).level;
    const perSentence = article.sentences.map((s) => hitsIn(s.tokens, concepts));
    // Per concept: 1 for a word-for-word or expansion match, else the word-vector similarity.
    const near = (levels: readonly number[], tokens: readonly Token[]) => {
      const sims = soft.similarities(tokens);
      return levels.map((l, i) => (l > 0 ? 1 : (sims[i] ?? 0)));
    };
    const nearTitle = near(title, article.title.tokens);
    const nearSentence = article.sentences.map((s, i) => near(perSentence[i]?.level ?? [], s.tokens));
    const nearArticle = concepts.map((_, i) =>
      Math.max(nearTitle[i] ?? 0, ...nearSentence.map((n) => n[i] ?? 0)),
    );
    const softArticle = share(nearArticle, (v) => v > 0, nearArticle);
    // Names, dates and numbers the question gives that the article never mentions.
    const words = new Set(
      [article.title, ...article.sentences].flatMap((s) => s.tokens.flatMap((t) => [t.form, t.lemma])),
    );
    const missingGiven = question.givenEntities.filter((e) =>
      e
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .some((w) => w !== "" && !words.has(w)),
    ).length;
    const anywhere = concepts.map((_, i) =>
      Math.max(title[i] ?? 0, ...perSentence.map((h) => h.level[i] ?? 0)),
    );
    const missing = concepts.reduce((m, c, i) => ((anywhere[i] ?? 0) === 0 ? Math.max(m, c.weight) : m), 0);
    // Names, things and numbers a question asks about cannot be paraphrased away the way verbs can:
    // one the article lacks says more about "not answered here" than a missing verb.
    const missingNouns = concepts.filter((c, i) => (anywhere[i] ?? 0) === 0 && NOUN_LIKE.has(c.concept.pos));
    const missingNounIdf = Math.max(0, ...missingNouns.map((c) => c.weight));
    const direct = perSentence.map((h) => share(h.level, (l) => l > 0));
    const top = Math.max(...direct, 0);
    article.sentences.forEach((sentence, index) => {
      const hits = perSentence[index] as ConceptHits;
      const around = concepts.map((_, i) =>
        Math.max(title[i] ?? 0, perSentence[index - 1]?.level[i] ?? 0, perSentence[index + 1]?.level[i] ?? 0),
      );
      const matchedTokens = new Set(hits.positions.flat()).size;
      const content = sentence.tokens.filter((t) => !t.stop).length || 1;
      const answerEntity = expectsEntity && hasAnswerEntity(sentence, question);
      const values: Record<SentenceFeatureName, number> = {
        exact: share(hits.level, (l) => l === 2),
        expanded: share(hits.level, (l) => l === 1),
        context: share(hits.level, (l, i) => l === 0 && (around[i] ?? 0) > 0),
        article: share(anywhere, (l) => l > 0),
        missingRare: missing / heaviest,
        missingNounIdf,
        missingNouns: missingNouns.length,
        matchedShare: hits.level.filter((l) => l > 0).length / Math.max(1, concepts.length),
        typeMatch: answerEntity ? 1 : 0,
        typeMissing: expectsEntity && !answerEntity ? 1 : 0,
        reasonCue:
          question.expects === "reason" && sentence.tokens.some((t) => REASON_CUES.has(t.lemma)) ? 1 : 0,
        proximity: closeness(hits.positions),
        position: 1 - index / Math.max(1, article.sentences.length),
        lead: index === 0 ? 1 : 0,
        articleRank: 1 / (1 + article.rank),
        relevance: article.relevance,
        textMatch: article.textMatch,
        title: share(title, (l) => l > 0),
        density: Math.min(1, matchedTokens / content),
        short: sentence.tokens.length < 6 ? 1 : 0,
        bestInArticle: top > 0 && (direct[index] ?? 0) >= top ? 1 : 0,
        soft: share(nearSentence[index] ?? [], (v) => v > 0, nearSentence[index]),
        softOnly: share(hits.level, (l) => l === 0, nearSentence[index]),
        softArticle,
        softTitle: share(nearTitle, (v) => v > 0, nearTitle),
        meaning: soft.meaning(sentence.tokens),
        missingGiven,
      };
      softOf.push(values.soft);
      softArticleOf.push(softArticle);
      lexicalOf.push(values.exact + 0.5 * values.expanded + 0.25 * values.context);
      counts.push({ length: sentence.tokens.length, exactCount: hits.exactCount });
      out.push({
        articleId: article.id,
        index,
        values: [...SENTENCE_FEATURES.map((n) => values[n]), ...LISTWISE.map(() => 0)],
      });
    });
  }
  addListwiseFeatures(
    out,
    { lexical: lexicalOf, soft: softOf, softArticle: softArticleOf, counts },
    concepts,
  );
  return out;
}
