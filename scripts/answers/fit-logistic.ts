/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS) on standardised features:
 * deterministic (the same data gives the same weights, bit for bit, on the same machine), and
 * converged in a few iterations for the ~20 features the answer scorer has.
 */

export interface LogisticFit {
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
  iterations: number;
}

/** Solves matrix · x = vector by Gauss-Jordan elimination with partial pivoting. */
export function solveLinear(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(a[r]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = r;
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const p = a[col] as number[];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = a[r] as number[];
      const f = (row[col] ?? 0) / (p[col] ?? 1);
      for (let c = col; c <= n; c++) row[c] = (row[c] ?? 0) - f * (p[c] ?? 0);
    }
  }
  return a.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

/** Fits P(y=1|x); `lambda` is the L2 penalty on the (standardised) weights, not on the bias. */
export function fitLogistic(
  rows: readonly number[][],
  labels: readonly number[],
  lambda = 1,
  sampleWeights: readonly number[] = [],
): LogisticFit {
  const d = rows[0]?.length ?? 0;
  const n = rows.length;
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + (r[j] ?? 0), 0) / n);
  const scale = Array.from({ length: d }, (_, j) => {
    const v = rows.reduce((s, r) => s + ((r[j] ?? 0) - (mean[j] ?? 0)) ** 2, 0) / n;
    return Math.sqrt(v) || 1;
  });
  const x = rows.map((r) => [1, ...r.map((v, j) => (v - (mean[j] ?? 0)) / (scale[j] ?? 1))]);
  let beta = new Array<number>(d + 1).fill(0);
  let iterations = 0;
  for (; iterations < 50; iterations++) {
    const gradient = new Array<number>(d + 1).fill(0);
    const hessian = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number[];
      let z = 0;
      for (let j = 0; j <= d; j++) z += (beta[j] ?? 0) * (xi[j] ?? 0);
      const p = 1 / (1 + Math.exp(-z));
      const weight = sampleWeights[i] ?? 1;
      const w = weight * Math.max(p * (1 - p), 1e-9);
      const residual = weight * ((labels[i] ?? 0) - p);
      for (let j = 0; j <= d; j++) {
        gradient[j] = (gradient[j] ?? 0) + residual * (xi[j] ?? 0);
        const hj = hessian[j] as number[];
        for (let k = j; k <= d; k++) hj[k] = (hj[k] ?? 0) + w * (xi[j] ?? 0) * (xi[k] ?? 0);
      }
    }
    for (let j = 0; j <= d; j++) {
      for (let k = 0; k < j; k++) (hessian[j] as number[])[k] = (hessian[k] as number[])[j] as number;
      if (j > 0) {
        gradient[j] = (gradient[j] ?? 0) - lambda * (beta[j] ?? 0);
        (hessian[j] as number[])[j] = ((hessian[j] as number[])[j] ?? 0) + lambda;
      }
    }
    const step = solveLinear(hessian, gradient);
    beta = beta.map((b, j) => b + (step[j] ?? 0));
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  const round = (v: number) => Number(v.toPrecision(10));
  return {
    mean: mean.map(round),
    scale: scale.map(round),
    weights: beta.slice(1).map(round),
    bias: round(beta[0] ?? 0),
    iterations,
  };
}
