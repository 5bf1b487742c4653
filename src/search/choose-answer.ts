/**
 * Picks the sentence that answers a question from the best candidate articles, or none when no
 * sentence covers enough of what was asked. Pure: articles, concepts and weights come in.
 */
import type { AnswerKind, Concept } from "./analyze-question.js";
import { type AnswerUnit, answerUnitsOf } from "./answer-units.js";
import { termsOf } from "./text-terms.js";

export interface WeightedConcept {
  concept: Concept;
  /** How much the concept tells articles apart (inverse document frequency); > 0. */
  weight: number;
}

export interface CandidateArticle {
  id: number;
  title: string;
  body: string;
  /** How well the article as a whole matched, 0..1 (1 for the best candidate). */
  relevance: number;
}

export interface ScoredUnit {
  articleId: number;
  text: string;
  /**
   * Share of the question's weight the unit (with credit for its article's title) covers, 0..1;
   * 0 when it misses the question's action or, for "when"/"how much", has no date or number.
   */
  coverage: number;
  score: number;
  withNeighbour: boolean;
}

/** What the scorer needs to know about the question. */
export interface AskedQuestion {
  concepts: readonly WeightedConcept[];
  expects: AnswerKind;
  /** Numbers the question itself contains ("mate 30"): they do not make a sentence an answer. */
  numbers: readonly string[];
}

export interface ChooseOptions {
  /** Below this coverage no unit is an answer. */
  minCoverage: number;
}

export const DEFAULT_CHOOSE_OPTIONS: ChooseOptions = { minCoverage: 0.6 };

/** Credit for a concept the unit lacks but its article's title or lead sentence has (context). */
const CONTEXT_CREDIT = 0.5;
/** Credit for a concept the unit lacks but its article mentions elsewhere. */
const ARTICLE_CREDIT = 0.25;

const NUMBER_WORDS =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|half|third|quarter|doubled?|tripled?)\b/i;
const DATE_WORDS =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|yesterday|(?:19|20)\d\d|(?:next|last|this) (?:week|month|year)|\d+ (?:days?|weeks?|months?|years?))\b/i;
const PERSON_SHAPE = /(?:^|[^.!?]\s)(?:[A-Z][a-z]+|[A-Z]\.) [A-Z][a-z]+|[A-Z][A-Za-z]+, [A-Z][A-Za-z]+/;
const PLACE_SHAPE = /\b(?:in|at|to|from|near)\s+(?:the\s+)?[A-Z][a-z]+/;
const REASON_WORDS =
  /\b(?:because|after|over|due to|amid|since|so that|in order to|to (?:offset|support|give|protect|slow|avoid|help|punish|pressure|replace))\b/i;

/**
 * True when the text has the shape of the kind of answer asked for (a date for "when", a number
 * for "how much"…), not counting numbers the question already gave.
 */
export function fitsExpectedKind(
  text: string,
  kind: AnswerKind,
  questionNumbers: readonly string[] = [],
): boolean {
  const given = new Set(questionNumbers);
  const own = text.replace(/\d[\d.,]*/g, (n) => (given.has(n.replace(/[.,]$/, "")) ? " " : n));
  switch (kind) {
    case "quantity":
      return NUMBER_WORDS.test(own);
    case "date":
      return DATE_WORDS.test(own);
    case "person":
      return PERSON_SHAPE.test(text);
    case "place":
      return PLACE_SHAPE.test(text);
    case "reason":
      return REASON_WORDS.test(text);
    case "thing":
      return false;
  }
}

/** Positions in `terms` where any wording of the concept starts. */
export function findConcept(terms: readonly string[], concept: Concept): number[] {
  const positions: number[] = [];
  for (let i = 0; i < terms.length; i++) {
    const hit = concept.termVariants.some((v) => v.length > 0 && v.every((t, k) => terms[i + k] === t));
    if (hit) positions.push(i);
  }
  return positions;
}

/** The narrowest span of terms holding one occurrence of each matched concept (1 = adjacent). */
function closeness(occurrences: readonly number[][]): number {
  if (occurrences.length < 2) return 0;
  const events = occurrences.flatMap((ps, c) => ps.map((p) => ({ p, c }))).sort((a, b) => a.p - b.p);
  const counts = new Map<number, number>();
  let best = Number.POSITIVE_INFINITY;
  let left = 0;
  for (const event of events) {
    counts.set(event.c, (counts.get(event.c) ?? 0) + 1);
    while (counts.size === occurrences.length) {
      const first = events[left];
      if (!first) break;
      best = Math.min(best, event.p - first.p);
      const n = (counts.get(first.c) ?? 0) - 1;
      if (n === 0) counts.delete(first.c);
      else counts.set(first.c, n);
      left++;
    }
  }
  return Number.isFinite(best) ? Math.min(1, (occurrences.length - 1) / Math.max(1, best)) : 0;
}

interface ArticleContext {
  article: CandidateArticle;
  /** Concepts (by index) in the title or lead sentence. */
  lead: ReadonlySet<number>;
  /** Concepts (by index) anywhere in the article. */
  anywhere: ReadonlySet<number>;
}

function scoreUnit(unit: AnswerUnit, context: ArticleContext, question: AskedQuestion): ScoredUnit {
  const { concepts, expects } = question;
  const article = context.article;
  const total = concepts.reduce((sum, c) => sum + c.weight, 0);
  let covered = 0;
  const occurrences: number[][] = [];
  concepts.forEach((c, i) => {
    const at = findConcept(unit.terms, c.concept);
    if (at.length > 0) {
      covered += c.weight;
      occurrences.push(at);
    } else if (context.lead.has(i)) {
      covered += CONTEXT_CREDIT * c.weight;
    } else if (context.anywhere.has(i)) {
      covered += ARTICLE_CREDIT * c.weight;
    }
  });
  const fits = fitsExpectedKind(unit.text, expects, question.numbers) ? 1 : 0;
  const missesAction = concepts.some(
    (c) => c.concept.action && findConcept(unit.terms, c.concept).length === 0,
  );
  const missesShape = (expects === "date" || expects === "quantity") && !fits;
  const answers = occurrences.length > 0 && total > 0 && !missesAction && !missesShape;
  const coverage = answers ? covered / total : 0;
  const early = 1 - unit.position / Math.max(1, unit.total);
  const score =
    coverage + 0.1 * fits + 0.04 * closeness(occurrences) + 0.2 * article.relevance + 0.03 * early;
  return { articleId: article.id, text: unit.text, coverage, score, withNeighbour: unit.withNeighbour };
}

/** Every quotable unit of the candidates, best first. */
export function rankAnswerUnits(
  candidates: readonly CandidateArticle[],
  question: AskedQuestion,
): ScoredUnit[] {
  const scored: ScoredUnit[] = [];
  const found = (terms: readonly string[]) =>
    new Set(question.concepts.flatMap((c, i) => (findConcept(terms, c.concept).length > 0 ? [i] : [])));
  for (const article of candidates) {
    const units = answerUnitsOf(article.title, article.body);
    const titleTerms = termsOf(article.title);
    const context: ArticleContext = {
      article,
      lead: found([...titleTerms, ...(units[0]?.terms ?? [])]),
      anywhere: found([...titleTerms, ...units.flatMap((u) => u.terms)]),
    };
    for (const unit of units) scored.push(scoreUnit(unit, context, question));
  }
  return scored.sort((a, b) => b.score - a.score);
}

/** The best unit if it covers enough of the question, otherwise null ("nothing I have answers that"). */
export function chooseAnswer(
  candidates: readonly CandidateArticle[],
  question: AskedQuestion,
  options: ChooseOptions = DEFAULT_CHOOSE_OPTIONS,
): ScoredUnit | null {
  const best = rankAnswerUnits(candidates, question)[0];
  return best && best.coverage >= options.minCoverage ? best : null;
}
