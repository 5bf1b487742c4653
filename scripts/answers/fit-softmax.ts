/**
 * A listwise linear ranker (conditional logit): for each question, a softmax over its candidate
 * sentences' scores w·x, fitted so the right sentences get the probability (spread evenly over
 * them when several are right). It learns what separates the right sentence from the other
 * candidates of the same question, which a per-sentence classifier does not. Newton's method with
 * a backtracking line search on standardised features, L2 penalty `lambda`; deterministic.
 */
import { solveLinear } from "./fit-logistic.js";

export interface RankingQuestion {
  rows: readonly (readonly number[])[];
  correct: readonly boolean[];
  /** How much the question counts (e.g. to weigh corpora equally). */
  weight: number;
}

export interface SoftmaxFit {
  mean: number[];
  scale: number[];
  weights: number[];
  iterations: number;
}

function standardiser(questions: readonly RankingQuestion[], d: number) {
  let n = 0;
  const mean = new Array<number>(d).fill(0);
  const square = new Array<number>(d).fill(0);
  for (const q of questions)
    for (const r of q.rows) {
      n++;
      for (let j = 0; j < d; j++) mean[j] = (mean[j] ?? 0) + (r[j] ?? 0);
    }
  for (let j = 0; j < d; j++) mean[j] = (mean[j] ?? 0) / Math.max(1, n);
  for (const q of questions)
    for (const r of q.rows)
      for (let j = 0; j < d; j++) square[j] = (square[j] ?? 0) + ((r[j] ?? 0) - (mean[j] ?? 0)) ** 2;
  const scale = square.map((s) => Math.sqrt(s / Math.max(1, n)) || 1);
  return { mean, scale };
}

export function fitSoftmax(questions: readonly RankingQuestion[], lambda = 10): SoftmaxFit {
  const d = questions[0]?.rows[0]?.length ?? 0;
  // A question none of whose candidates is right says nothing about ranking: left out entirely.
  const ranked = questions.filter((q) => q.correct.some(Boolean));
  const { mean, scale } = standardiser(ranked, d);
  const data = ranked.map((q) => ({
    x: q.rows.map((r) =>
      Array.from({ length: d }, (_, j) => ((r[j] ?? 0) - (mean[j] ?? 0)) / (scale[j] ?? 1)),
    ),
    target: q.correct.map((c) => (c ? 1 / q.correct.filter(Boolean).length : 0)),
    weight: q.weight,
  }));
  const scores = (x: readonly number[][], beta: readonly number[]) =>
    x.map((r) => r.reduce((s, v, j) => s + v * (beta[j] ?? 0), 0));
  const logLikelihood = (beta: readonly number[]) => {
    let total = 0;
    for (const q of data) {
      const s = scores(q.x, beta);
      const top = Math.max(...s);
      const logZ = top + Math.log(s.reduce((sum, v) => sum + Math.exp(v - top), 0));
      s.forEach((v, i) => {
        total += q.weight * (q.target[i] ?? 0) * (v - logZ);
      });
    }
    return total - (lambda / 2) * beta.reduce((s, b) => s + b * b, 0);
  };
  let beta = new Array<number>(d).fill(0);
  let iterations = 0;
  for (; iterations < 50; iterations++) {
    const gradient = beta.map((b) => -lambda * b);
    const hessian = Array.from({ length: d }, (_, j) => {
      const row = new Array<number>(d).fill(0);
      row[j] = lambda;
      return row;
    });
    for (const q of data) {
      const s = scores(q.x, beta);
      const top = Math.max(...s);
      const e = s.map((v) => Math.exp(v - top));
      const z = e.reduce((a, b) => a + b, 0);
      const mu = new Array<number>(d).fill(0);
      q.x.forEach((r, i) => {
        const p = (e[i] ?? 0) / z;
        const residual = q.weight * ((q.target[i] ?? 0) - p);
        for (let j = 0; j < d; j++) {
          gradient[j] = (gradient[j] ?? 0) + residual * (r[j] ?? 0);
          mu[j] = (mu[j] ?? 0) + p * (r[j] ?? 0);
        }
        if (p < 1e-12) return;
        for (let j = 0; j < d; j++) {
          const hj = hessian[j] as number[];
          const a = q.weight * p * (r[j] ?? 0);
          for (let k = j; k < d; k++) hj[k] = (hj[k] ?? 0) + a * (r[k] ?? 0);
        }
      });
      for (let j = 0; j < d; j++) {
        const hj = hessian[j] as number[];
        for (let k = j; k < d; k++) hj[k] = (hj[k] ?? 0) - q.weight * (mu[j] ?? 0) * (mu[k] ?? 0);
      }
    }
    for (let j = 0; j < d; j++)
      for (let k = 0; k < j; k++) (hessian[j] as number[])[k] = (hessian[k] as number[])[j] as number;
    const step = solveLinear(hessian, gradient);
    const before = logLikelihood(beta);
    let f = 1;
    while (f > 1e-6 && logLikelihood(beta.map((b, j) => b + f * (step[j] ?? 0))) < before) f /= 2;
    beta = beta.map((b, j) => b + f * (step[j] ?? 0));
    if (f * Math.max(...step.map(Math.abs)) < 1e-7) break;
  }
  const round = (v: number) => Number(v.toPrecision(10));
  return { mean: mean.map(round), scale: scale.map(round), weights: beta.map(round), iterations };
}
