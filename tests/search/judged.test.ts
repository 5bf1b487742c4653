import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type LabelledQuestion, ROOT } from "../../scripts/answers/corpora.js";
import type { Outcome } from "../../scripts/answers/evaluate.js";
import {
  judgedMetrics,
  judgementsOf,
  loadJudgements,
  poolForJudging,
  readJudgedFile,
} from "../../scripts/answers/judged.js";
import type { Answer, AskResult } from "../../src/search/ask-result.js";

const question = (q: string, expect: string[] | null): LabelledQuestion => ({
  q,
  expect,
  answerArticles: [],
  corpus: "news",
  split: "heldout w9",
  heldOut: true,
});
const answer = (text: string): Answer => ({
  text,
  title: `about ${text}`,
  url: null,
  source: "test",
  publishedAt: 0,
  articleId: 1,
});
const outcome = (q: LabelledQuestion, result: AskResult, baselineText: string): Outcome => ({
  question: q,
  result,
  at1: false,
  at3: false,
  retrieved: null,
  baselineAt1: false,
  baseline: { text: baselineText, title: `about ${baselineText}` },
});
const quoted = (text: string, ...alternatives: string[]): AskResult => ({
  kind: "answer",
  answer: answer(text),
  alternatives: alternatives.map(answer),
  articles: [],
});

describe("blind judgements of held-out answers", () => {
  const judgements = judgementsOf([
    { q: "who sued?", sentence: "Micron sued them.", title: "t", verdict: "yes" },
    { q: "who sued?", sentence: "Shares fell.", title: "t", verdict: "no" },
    { q: "how much?", sentence: "About $3 billion.", title: "t", verdict: "partly" },
    { q: "how much?", sentence: "It cost $3 billion.", title: "t", verdict: "yes" },
  ]);

  it("counts quotes and alternatives judged yes, and BM25's pick, over answerable questions only", () => {
    const m = judgedMetrics(
      [
        outcome(question("who sued?", ["Micron"]), quoted("Micron sued them."), "Shares fell."),
        outcome(
          question("how much?", ["$3 billion"]),
          quoted("About $3 billion.", "It cost $3 billion."),
          "It cost $3 billion.",
        ),
        outcome(question("is it on the moon?", null), quoted("Shares fell."), "Shares fell."),
      ],
      judgements,
    );
    expect(m).toEqual({ answerable: 2, quotedYes: 1, shownYes: 2, baselineYes: 1, unjudged: 0 });
  });

  it("never counts an unjudged sentence as right, and pools it for the judge without naming who picked it", () => {
    const outcomes = [
      outcome(question("who sued?", ["Micron"]), quoted("Micron filed suit."), "Micron sued them."),
      outcome(question("how much?", ["$3 billion"]), { kind: "no_answer", articles: [] }, "New sentence."),
    ];
    const m = judgedMetrics(outcomes, judgements);
    expect(m).toEqual({ answerable: 2, quotedYes: 0, shownYes: 0, baselineYes: 1, unjudged: 2 });
    const pool = poolForJudging(outcomes, judgements);
    expect(pool.map((p) => [p.question, p.sentence]).sort()).toEqual([
      ["how much?", "New sentence."],
      ["who sued?", "Micron filed suit."],
    ]);
    expect(Object.keys(pool[0] ?? {}).sort()).toEqual(["articleTitle", "id", "question", "sentence"]);
  });

  it("reads the committed judgements, each of a held-out news question", () => {
    const committed = loadJudgements();
    expect(committed.verdict("no such question", "no such sentence")).toBeUndefined();
    const heldOut = new Set(
      ["w3", "w4"].flatMap((w) =>
        (
          JSON.parse(
            readFileSync(join(ROOT, `tests/fixtures/answers/heldout/${w}/questions.json`), "utf8"),
          ) as {
            q: string;
          }[]
        ).map((q) => q.q),
      ),
    );
    const { judged } = readJudgedFile();
    expect(judged.length).toBeGreaterThan(0);
    expect(judged.filter((j) => !heldOut.has(j.q))).toEqual([]);
    for (const j of judged) expect(committed.verdict(j.q, j.sentence)).toBe(j.verdict);
  });
});
