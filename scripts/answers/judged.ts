/**
 * Blind judgements of the held-out news answers (tests/fixtures/answers/judged): whether a person
 * would accept a quoted sentence as the answer, whatever the expected phrases say. The labels
 * count one article's sentence as right; several articles often tell the same story, so a
 * right answer from another article counts as wrong there. These judgements measure that gap.
 *
 * - `judgedMetrics` counts, on the answerable questions, the quotes and "Also possibly" sentences
 *   judged "yes", and the same for the plain BM25 ranker; a sentence nobody judged yet is
 *   counted as unjudged, never as right.
 * - `npm run train -- judge-pool FILE` writes the held-out sentences shown (quote, alternatives,
 *   BM25's pick) that have no judgement yet, shuffled and without saying who picked them, for a
 *   judge who has not seen the code or the labels; `npm run train -- judge-merge FILE VERDICTS`
 *   adds the judge's verdicts ({id: "yes" | "partly" | "no"}).
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { ROOT } from "./corpora.js";
import type { Outcome } from "./evaluate.js";

const JUDGED = join(ROOT, "tests/fixtures/answers/judged/heldout-news.json");

const Verdict = z.enum(["yes", "partly", "no"]);
type Verdict = z.infer<typeof Verdict>;
const Judgement = z.object({ q: z.string(), sentence: z.string(), title: z.string(), verdict: Verdict });
const JudgedFile = z.object({ $comment: z.string(), judged: z.array(Judgement) });
type Judgement = z.infer<typeof Judgement>;

const keyOf = (q: string, sentence: string) => `${q}\u0000${sentence}`;

export interface Judgements {
  verdict(q: string, sentence: string): Verdict | undefined;
}

export function judgementsOf(list: readonly Judgement[]): Judgements {
  const byKey = new Map(list.map((j) => [keyOf(j.q, j.sentence), j.verdict]));
  return { verdict: (q, sentence) => byKey.get(keyOf(q, sentence)) };
}

/** The committed judgements, checked against their schema. */
export function readJudgedFile(): z.infer<typeof JudgedFile> {
  return JudgedFile.parse(JSON.parse(readFileSync(JUDGED, "utf8")));
}

export const loadJudgements = (): Judgements => judgementsOf(readJudgedFile().judged);

export interface JudgedMetrics {
  answerable: number;
  /** The quoted sentence was judged "yes". */
  quotedYes: number;
  /** The quote or one of its "Also possibly" sentences was judged "yes". */
  shownYes: number;
  /** The plain BM25 ranker's sentence was judged "yes". */
  baselineYes: number;
  /** Shown sentences (or BM25's) with no judgement: never counted as right. */
  unjudged: number;
}

/** Counts judged answers over the answerable questions of `outcomes`. */
export function judgedMetrics(outcomes: readonly Outcome[], judgements: Judgements): JudgedMetrics {
  const m: JudgedMetrics = { answerable: 0, quotedYes: 0, shownYes: 0, baselineYes: 0, unjudged: 0 };
  for (const o of outcomes) {
    if (o.question.expect === null) continue;
    m.answerable++;
    const verdictOf = (sentence: string) => {
      const v = judgements.verdict(o.question.q, sentence);
      if (v === undefined) m.unjudged++;
      return v;
    };
    if (o.result.kind === "answer") {
      const quoted = verdictOf(o.result.answer.text) === "yes";
      const alternatives = o.result.alternatives.map((a) => verdictOf(a.text) === "yes");
      if (quoted) m.quotedYes++;
      if (quoted || alternatives.some(Boolean)) m.shownYes++;
    }
    if (verdictOf(o.baseline.text) === "yes") m.baselineYes++;
  }
  return m;
}

export function formatJudged(name: string, m: JudgedMetrics): string {
  const f = (n: number) => (n / Math.max(1, m.answerable)).toFixed(2);
  return `${name.padEnd(35)} ${String(m.answerable).padStart(4)} answerable  judged right: quoted ${f(m.quotedYes)}  quoted or "also possibly" ${f(m.shownYes)}  | BM25 baseline ${f(m.baselineYes)}  (unjudged sentences: ${m.unjudged})`;
}

interface PoolItem {
  id: string;
  question: string;
  sentence: string;
  articleTitle: string;
}

const idOf = (q: string, sentence: string) =>
  createHash("sha256").update(keyOf(q, sentence)).digest("hex").slice(0, 10);

/** The shown sentences of held-out news outcomes that have no judgement yet, in an order that hides who picked them. */
export function poolForJudging(outcomes: readonly Outcome[], judgements: Judgements): PoolItem[] {
  const pool = new Map<string, PoolItem>();
  const add = (q: string, sentence: string, title: string) => {
    if (!sentence || judgements.verdict(q, sentence) !== undefined) return;
    const id = idOf(q, sentence);
    pool.set(id, { id, question: q, sentence, articleTitle: title });
  };
  for (const o of outcomes) {
    if (o.result.kind === "answer") {
      for (const a of [o.result.answer, ...o.result.alternatives]) add(o.question.q, a.text, a.title);
    }
    add(o.question.q, o.baseline.text, o.baseline.title);
  }
  return [...pool.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Adds a judge's verdicts for a pool to the judged file; refuses unknown ids and missing verdicts. */
export function mergeVerdicts(poolPath: string, verdictsPath: string): number {
  const pool = JSON.parse(readFileSync(poolPath, "utf8")) as PoolItem[];
  const verdicts = z.record(z.string(), Verdict).parse(JSON.parse(readFileSync(verdictsPath, "utf8")));
  const unknown = Object.keys(verdicts).filter((id) => !pool.some((p) => p.id === id));
  if (unknown.length > 0)
    throw new Error(`verdicts for ids not in the pool: ${unknown.slice(0, 5).join(", ")}`);
  const missing = pool.filter((p) => verdicts[p.id] === undefined);
  if (missing.length > 0)
    throw new Error(`${missing.length} pooled sentences have no verdict, e.g. ${missing[0]?.id}`);
  const file = readJudgedFile();
  const added = pool.map((p) => ({
    q: p.question,
    sentence: p.sentence,
    title: p.articleTitle,
    verdict: verdicts[p.id] as Verdict,
  }));
  const judged = [...file.judged, ...added].sort(
    (a, b) => a.q.localeCompare(b.q) || a.sentence.localeCompare(b.sentence),
  );
  writeFileSync(JUDGED, `${JSON.stringify({ ...file, judged }, null, 1)}\n`);
  return added.length;
}

export function writePool(path: string, pool: readonly PoolItem[]): void {
  writeFileSync(path, `${JSON.stringify(pool, null, 1)}\n`);
}
