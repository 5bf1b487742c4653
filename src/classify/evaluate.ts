import { z } from "zod";
import type { Classification, ClassifierInput } from "./classifier.js";

/**
 * Scoring a classifier against the labelled corpus (tests/fixtures/labelled-articles.jsonl):
 * shared by the quality gate and the benchmark so both report the same figures.
 */

const labelledArticleSchema = z.strictObject({
  id: z.string().min(1),
  split: z.enum(["tune", "heldout"]),
  title: z.string().min(1),
  body: z.string().min(1),
  labels: z.array(z.string()),
});

export type LabelledArticle = z.infer<typeof labelledArticleSchema>;

/** Parses JSON Lines of labelled articles; throws naming the line on a malformed one (a broken fixture is a bug). */
export function parseLabelledArticles(jsonl: string): LabelledArticle[] {
  return jsonl
    .split("\n")
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => {
      const result = labelledArticleSchema.safeParse(JSON.parse(line));
      if (!result.success)
        throw new Error(`labelled article on line ${number}: ${z.prettifyError(result.error)}`);
      return result.data;
    });
}

export interface TopicMetrics {
  topic: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Mistake {
  id: string;
  title: string;
  /** Labelled but not assigned. */
  missed: string[];
  /** Assigned but not labelled. */
  extra: string[];
  scores: Record<string, number>;
}

export interface Evaluation {
  metrics: TopicMetrics[];
  mistakes: Mistake[];
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);

/** Per-topic precision, recall and F1 of `classify` over the articles, and the articles it got wrong. */
export function evaluateClassifier(
  classify: (input: ClassifierInput) => Pick<Classification, "topics" | "scores">,
  topics: readonly string[],
  articles: readonly LabelledArticle[],
): Evaluation {
  const counts = new Map(topics.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  const mistakes: Mistake[] = [];
  for (const article of articles) {
    const result = classify({ title: article.title, body: article.body });
    const assigned = new Set(result.topics);
    const labelled = new Set(article.labels);
    const missed = topics.filter((t) => labelled.has(t) && !assigned.has(t));
    const extra = topics.filter((t) => assigned.has(t) && !labelled.has(t));
    for (const topic of topics) {
      const c = counts.get(topic);
      if (!c) continue;
      if (assigned.has(topic) && labelled.has(topic)) c.tp++;
      else if (assigned.has(topic)) c.fp++;
      else if (labelled.has(topic)) c.fn++;
    }
    if (missed.length > 0 || extra.length > 0) {
      mistakes.push({ id: article.id, title: article.title, missed, extra, scores: result.scores });
    }
  }
  const metrics = topics.map((topic) => {
    const { tp, fp, fn } = counts.get(topic) ?? { tp: 0, fp: 0, fn: 0 };
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { topic, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
  });
  return { metrics, mistakes };
}

/** The metrics as an aligned text table. */
export function formatMetricsTable(metrics: readonly TopicMetrics[]): string {
  const rows = metrics.map((m) =>
    [m.topic, m.truePositives, m.falsePositives, m.falseNegatives, m.precision, m.recall, m.f1].map((v) =>
      typeof v === "number" && !Number.isInteger(v) ? v.toFixed(3) : String(v),
    ),
  );
  const header = ["topic", "TP", "FP", "FN", "precision", "recall", "F1"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  return [line(header), ...rows.map(line)].join("\n");
}
