/**
 * Gradient-boosted regression trees for logistic loss (Newton leaves, histogram splits over 32
 * quantile bins per feature): deterministic, and able to learn interactions a linear model cannot
 * ("a date matters only when the sentence also holds the question's words").
 */

import type { TreeNode } from "../../src/search/answer-model.js";

export interface BoostedTrees {
  base: number;
  trees: TreeNode[];
  learningRate: number;
}

export interface BoostOptions {
  rounds: number;
  depth: number;
  learningRate: number;
  /** L2 penalty on leaf values. */
  lambda: number;
  /** Least summed hessian weight in a leaf. */
  minChildWeight: number;
}

export const DEFAULT_BOOST: BoostOptions = {
  rounds: 120,
  depth: 3,
  learningRate: 0.1,
  lambda: 1,
  minChildWeight: 0.5,
};

const BINS = 32;

function edgesOf(rows: readonly number[][], feature: number): number[] {
  const values = rows.map((r) => r[feature] ?? 0).sort((a, b) => a - b);
  const edges = new Set<number>();
  for (let b = 1; b < BINS; b++) edges.add(values[Math.floor((b * values.length) / BINS)] ?? 0);
  return [...edges].sort((a, b) => a - b);
}

export function fitBoostedTrees(
  rows: readonly number[][],
  labels: readonly number[],
  weights: readonly number[],
  options: BoostOptions = DEFAULT_BOOST,
): BoostedTrees {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const edges = Array.from({ length: d }, (_, j) => edgesOf(rows, j));
  const bins = rows.map((r) =>
    Array.from({ length: d }, (_, j) => {
      const e = edges[j] as number[];
      let lo = 0;
      let hi = e.length;
      const v = r[j] ?? 0;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((e[mid] ?? 0) < v) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }),
  );
  const positive = labels.reduce((s, y, i) => s + y * (weights[i] ?? 1), 0);
  const total = weights.reduce((s, w) => s + w, 0);
  const prior = Math.min(Math.max(positive / total, 1e-6), 1 - 1e-6);
  const base = Math.log(prior / (1 - prior));
  const z = new Float64Array(n).fill(base);
  const trees: TreeNode[] = [];
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const leafValue = (idx: readonly number[]) => {
    let sg = 0;
    let sh = 0;
    for (const i of idx) {
      sg += g[i] ?? 0;
      sh += h[i] ?? 0;
    }
    return -sg / (sh + options.lambda);
  };
  const grow = (idx: number[], depth: number): TreeNode => {
    if (depth === 0 || idx.length < 2) return { leaf: leafValue(idx) };
    let sg = 0;
    let sh = 0;
    for (const i of idx) {
      sg += g[i] ?? 0;
      sh += h[i] ?? 0;
    }
    const parent = (sg * sg) / (sh + options.lambda);
    let best = { gain: 1e-9, feature: -1, bin: -1 };
    for (let j = 0; j < d; j++) {
      const hg = new Float64Array(BINS + 1);
      const hh = new Float64Array(BINS + 1);
      for (const i of idx) {
        const b = (bins[i] as number[])[j] ?? 0;
        hg[b] = (hg[b] ?? 0) + (g[i] ?? 0);
        hh[b] = (hh[b] ?? 0) + (h[i] ?? 0);
      }
      let lg = 0;
      let lh = 0;
      const last = (edges[j] as number[]).length;
      for (let b = 0; b < last; b++) {
        lg += hg[b] ?? 0;
        lh += hh[b] ?? 0;
        const rg = sg - lg;
        const rh = sh - lh;
        if (lh < options.minChildWeight || rh < options.minChildWeight) continue;
        const gain = (lg * lg) / (lh + options.lambda) + (rg * rg) / (rh + options.lambda) - parent;
        if (gain > best.gain) best = { gain, feature: j, bin: b };
      }
    }
    if (best.feature < 0) return { leaf: leafValue(idx) };
    const left: number[] = [];
    const right: number[] = [];
    for (const i of idx)
      ((bins[i] as number[])[best.feature] ?? 0) <= best.bin ? left.push(i) : right.push(i);
    const threshold = (edges[best.feature] as number[])[best.bin] ?? 0;
    return { feature: best.feature, threshold, left: grow(left, depth - 1), right: grow(right, depth - 1) };
  };
  const all = Array.from({ length: n }, (_, i) => i);
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(z[i] ?? 0)));
      const w = weights[i] ?? 1;
      g[i] = w * (p - (labels[i] ?? 0));
      h[i] = w * Math.max(p * (1 - p), 1e-9);
    }
    const tree = grow(all, options.depth);
    trees.push(tree);
    for (let i = 0; i < n; i++) {
      let node = tree;
      while (!("leaf" in node))
        node = ((rows[i] as number[])[node.feature] ?? 0) <= node.threshold ? node.left : node.right;
      z[i] = (z[i] ?? 0) + options.learningRate * node.leaf;
    }
  }
  const round = (v: number) => Number(v.toPrecision(8));
  const tidy = (node: TreeNode): TreeNode =>
    "leaf" in node
      ? { leaf: round(node.leaf) }
      : { feature: node.feature, threshold: node.threshold, left: tidy(node.left), right: tidy(node.right) };
  return { base: round(base), trees: trees.map(tidy), learningRate: options.learningRate };
}
