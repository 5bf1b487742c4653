/**
 * The fitted answer scorer: a listwise softmax ranker, logistic regression or gradient-boosted
 * trees (whichever `npm run train -- answers` measured best) over the sentence features, with the
 * decision thresholds, read from answer-model.json — written by that command, never edited by
 * hand; it records the hash of the data it was fitted on.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { CONFIDENCE_FEATURE_NAMES, confidenceFeatures } from "./answer-confidence.js";
import { FEATURE_NAMES } from "./answer-features.js";

export type TreeNode =
  | { leaf: number }
  | { feature: number; threshold: number; left: TreeNode; right: TreeNode };

const TreeNodeSchema: z.ZodType<TreeNode> = z.lazy(() =>
  z.union([
    z.object({ leaf: z.number() }),
    z.object({
      feature: z.number().int().min(0),
      threshold: z.number(),
      left: TreeNodeSchema,
      right: TreeNodeSchema,
    }),
  ]),
);

const LogisticSchema = z.object({
  features: z.array(z.string()),
  mean: z.array(z.number()),
  scale: z.array(z.number()),
  weights: z.array(z.number()),
  bias: z.number(),
});

const Common = {
  features: z.array(z.string()),
  /**
   * Whether to quote the best sentence: logistic regression over the question's candidate list
   * (answer-confidence.ts), fitted on whether the best sentence was right.
   */
  confidence: LogisticSchema,
  /** At or above this confidence the best sentence is quoted. */
  answerAt: z.number().min(0).max(1),
  /** Below this confidence a quoted answer also shows other candidates. */
  sureAt: z.number().min(0).max(1),
  /** Other candidates shown must reach this share of the best sentence's probability. */
  alternativeShare: z.number().min(0).max(1),
  training: z.object({
    dataSha256: z.string(),
    questions: z.number(),
    sentences: z.number(),
    fittedWith: z.string(),
  }),
};

/** A linear score over standardised features (inputs are standardised with `mean` and `scale`). */
const Linear = {
  mean: z.array(z.number()),
  scale: z.array(z.number()),
  weights: z.array(z.number()),
  bias: z.number(),
};

export const AnswerModelFile = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("logistic-regression"), ...Common, ...Linear }),
  /** A listwise linear ranker: the same arithmetic as logistic regression, fitted per question. */
  z.object({ kind: z.literal("softmax-ranker"), ...Common, ...Linear }),
  z.object({
    kind: z.literal("boosted-trees"),
    ...Common,
    base: z.number(),
    learningRate: z.number(),
    trees: z.array(TreeNodeSchema),
  }),
]);

export type AnswerModelData = z.infer<typeof AnswerModelFile>;

export interface AnswerModel {
  data: AnswerModelData;
  /**
   * How likely a sentence with these feature values answers the question, 0..1: a probability for
   * logistic regression and trees, the sigmoid of the ranking score for the softmax ranker (only
   * its order and its share among the question's candidates mean something).
   */
  probability(values: readonly number[]): number;
  /** Probability that the best of these sentences (best first) answers the question. */
  confidence(
    scored: readonly { articleId: number; probability: number; values: readonly number[] }[],
  ): number;
}

function linear(model: z.infer<typeof LogisticSchema> & { bias: number }, values: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < values.length; i++) {
    z += (model.weights[i] ?? 0) * (((values[i] ?? 0) - (model.mean[i] ?? 0)) / (model.scale[i] || 1));
  }
  return z;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function logit(data: AnswerModelData, values: readonly number[]): number {
  if (data.kind === "logistic-regression" || data.kind === "softmax-ranker") return linear(data, values);
  let z = data.base;
  for (const tree of data.trees) {
    let node = tree;
    while (!("leaf" in node)) node = (values[node.feature] ?? 0) <= node.threshold ? node.left : node.right;
    z += data.learningRate * node.leaf;
  }
  return z;
}

/** Wraps fitted data; refuses a file fitted on other features than the code computes. */
export function createAnswerModel(data: AnswerModelData): AnswerModel {
  if (
    data.features.join(",") !== FEATURE_NAMES.join(",") ||
    data.confidence.features.join(",") !== CONFIDENCE_FEATURE_NAMES.join(",")
  ) {
    throw new Error(
      "answer-model.json was fitted on other features than the code computes; run `npm run train -- answers`",
    );
  }
  return {
    data,
    probability: (values) => sigmoid(logit(data, values)),
    confidence: (scored) => sigmoid(linear(data.confidence, confidenceFeatures(scored))),
  };
}

/** The model shipped beside this module. */
export function loadAnswerModel(path = new URL("./answer-model.json", import.meta.url)): AnswerModel {
  return createAnswerModel(AnswerModelFile.parse(JSON.parse(readFileSync(path, "utf8"))));
}
