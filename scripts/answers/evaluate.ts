/**
 * Measures answers on labelled questions: accuracy@1 and @3 on answerable questions (the quoted
 * sentence, or one of the alternatives, contains an expected phrase), recall@k of the answer
 * article among those read, and no-answer precision and recall; and the same for the plain BM25
 * sentence ranker (no stemming, no synonyms, always answers) as the baseline.
 */
import type { AskResult } from "../../src/search/ask-result.js";
import type { Search } from "../../src/search/create-search.js";
import type { Corpus, LabelledQuestion } from "./corpora.js";

export interface Outcome {
  question: LabelledQuestion;
  result: AskResult;
  at1: boolean;
  at3: boolean;
  /** The answer article was among the articles read; null when unknown. */
  retrieved: boolean | null;
  baselineAt1: boolean;
  /** The sentence the plain BM25 ranker picked, with its article's title. */
  baseline: BaselinePick;
}

export interface Metrics {
  questions: number;
  answerable: number;
  accuracyAt1: number;
  accuracyAt3: number;
  recallAtK: number | null;
  noAnswerPrecision: number;
  noAnswerRecall: number;
  baselineAt1: number;
}

export const containsExpected = (text: string, expect: readonly string[]) =>
  expect.some((phrase) => text.toLowerCase().includes(phrase.toLowerCase()));

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);

/** The plain BM25 ranker's pick: a sentence and the title of its article. */
export interface BaselinePick {
  text: string;
  title: string;
}

/** Per-sentence BM25 over lower-case words, nothing else: the baseline ranker. */
export function createBm25Baseline(corpus: Corpus, split: (body: string) => string[]) {
  const docs = [...corpus.articles.values()].flatMap((a) =>
    split(a.body).map((text) => ({ text, title: a.title })),
  );
  const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const tokens = docs.map((d) => words(d.text));
  const df = new Map<string, number>();
  for (const t of tokens) for (const w of new Set(t)) df.set(w, (df.get(w) ?? 0) + 1);
  const avg = tokens.reduce((s, t) => s + t.length, 0) / Math.max(1, tokens.length);
  const n = tokens.length;
  return (question: string): BaselinePick => {
    const q = [...new Set(words(question))];
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    tokens.forEach((t, i) => {
      let score = 0;
      for (const w of q) {
        const f = t.filter((x) => x === w).length;
        if (f === 0) continue;
        const idf = Math.log(1 + (n - (df.get(w) ?? 0) + 0.5) / ((df.get(w) ?? 0) + 0.5));
        score += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * t.length) / avg));
      }
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    });
    return docs[best] ?? { text: "", title: "" };
  };
}

export async function evaluate(
  search: Search,
  questions: readonly LabelledQuestion[],
  baseline: (q: string) => BaselinePick,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const question of questions) {
    const result = await search.ask(question.q);
    const expect = question.expect;
    const quoted = result.kind === "answer" ? [result.answer, ...result.alternatives].map((a) => a.text) : [];
    const at1 = expect
      ? result.kind === "answer" && containsExpected(result.answer.text, expect)
      : result.kind !== "answer";
    const at3 = expect ? quoted.some((t) => containsExpected(t, expect)) : at1;
    let retrieved: boolean | null = null;
    if (question.answerArticles.length > 0) {
      const read = new Set((await search.explain(question.q)).retrieved.slice(0, 20));
      retrieved = question.answerArticles.some((id) => read.has(id));
    }
    const pick = baseline(question.q);
    const baselineAt1 = expect ? containsExpected(pick.text, expect) : false;
    outcomes.push({ question, result, at1, at3, retrieved, baselineAt1, baseline: pick });
  }
  return outcomes;
}

export function metricsOf(outcomes: readonly Outcome[]): Metrics {
  const answerable = outcomes.filter((o) => o.question.expect !== null);
  const unanswerable = outcomes.filter((o) => o.question.expect === null);
  const declined = outcomes.filter((o) => o.result.kind !== "answer");
  const known = answerable.filter((o) => o.retrieved !== null);
  return {
    questions: outcomes.length,
    answerable: answerable.length,
    accuracyAt1: ratio(answerable.filter((o) => o.at1).length, answerable.length),
    accuracyAt3: ratio(answerable.filter((o) => o.at3).length, answerable.length),
    recallAtK: known.length === 0 ? null : ratio(known.filter((o) => o.retrieved).length, known.length),
    noAnswerPrecision: ratio(declined.filter((o) => o.question.expect === null).length, declined.length),
    noAnswerRecall: ratio(unanswerable.filter((o) => o.at1).length, unanswerable.length),
    baselineAt1: ratio(answerable.filter((o) => o.baselineAt1).length, answerable.length),
  };
}

export function formatMetrics(name: string, m: Metrics): string {
  const f = (v: number | null) => (v === null ? "  – " : v.toFixed(2));
  return `${name.padEnd(34)} ${String(m.questions).padStart(4)} q  acc@1 ${f(m.accuracyAt1)}  acc@3 ${f(m.accuracyAt3)}  recall@20 ${f(m.recallAtK)}  no-answer P ${f(m.noAnswerPrecision)} R ${f(m.noAnswerRecall)}  | BM25 baseline acc@1 ${f(m.baselineAt1)}`;
}
