import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createClassifier } from "../../src/classify/classifier.js";
import {
  evaluateClassifier,
  formatMetricsTable,
  parseLabelledArticles,
} from "../../src/classify/evaluate.js";
import { builtInTopics } from "../../src/classify/topics.js";

/**
 * The classifier's quality on the held-out part of the labelled corpus, which its rules were
 * not tuned on. Prints per-topic precision, recall and F1 and every held-out article it gets wrong.
 */

const MIN_F1 = 0.9;
const articles = parseLabelledArticles(readFileSync("tests/fixtures/labelled-articles.jsonl", "utf8"));
const heldOut = articles.filter((a) => a.split === "heldout");
const classifier = createClassifier(builtInTopics);

describe("labelled corpus", () => {
  it("has at least 200 articles, 35–40% of them held out", () => {
    expect(articles.length).toBeGreaterThanOrEqual(200);
    expect(heldOut.length / articles.length).toBeGreaterThanOrEqual(0.35);
    expect(heldOut.length / articles.length).toBeLessThanOrEqual(0.4);
  });

  it("has unique ids and only known labels", () => {
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
    for (const a of articles) for (const label of a.labels) expect(classifier.topicNames).toContain(label);
  });

  it("has at least 60 negatives and every combination of topics in both splits", () => {
    expect(articles.filter((a) => a.labels.length === 0).length).toBeGreaterThanOrEqual(60);
    const combinations = (split: string) =>
      new Set(articles.filter((a) => a.split === split).map((a) => [...a.labels].sort().join("+")));
    for (const split of ["tune", "heldout"]) expect(combinations(split).size).toBe(8);
  });
});

describe("quality gate (held-out articles)", () => {
  const { metrics, mistakes } = evaluateClassifier(
    (input) => classifier.classify(input),
    classifier.topicNames,
    heldOut,
  );

  it("prints per-topic precision, recall and F1 and the articles it gets wrong", () => {
    console.log(`Held-out articles: ${heldOut.length}\n${formatMetricsTable(metrics)}`);
    const lines = mistakes.map(
      (m) =>
        `  ${m.id}${m.missed.length ? ` missed ${m.missed.join(",")}` : ""}${m.extra.length ? ` extra ${m.extra.join(",")}` : ""} ${JSON.stringify(m.scores)} — ${m.title}`,
    );
    console.log(`Held-out articles classified wrongly: ${mistakes.length}\n${lines.join("\n")}`);
    expect(metrics).toHaveLength(classifier.topicNames.length);
  });

  it.each(builtInTopics.map((t) => t.name))(`keeps F1 at or above ${MIN_F1} for %s`, (topic) => {
    const m = metrics.find((x) => x.topic === topic);
    expect(m?.f1).toBeGreaterThanOrEqual(MIN_F1);
  });
});
