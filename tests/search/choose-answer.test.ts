import { describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../src/search/analyze-question.js";
import {
  type AskedQuestion,
  type CandidateArticle,
  chooseAnswer,
  fitsExpectedKind,
  rankAnswerUnits,
} from "../../src/search/choose-answer.js";

const options = { now: 0, timeZone: "UTC", topicNames: [], topicHints: () => [] };

/** Every concept weighs the same unless a weight is given: the tests are about the scorer, not IDF. */
function question(text: string, weights: Record<string, number> = {}): AskedQuestion {
  const analysis = analyzeQuestion(text, options);
  return {
    concepts: analysis.concepts.map((concept) => ({ concept, weight: weights[concept.label] ?? 1 })),
    expects: analysis.expects,
    numbers: analysis.numbers,
  };
}

function article(id: number, title: string, body: string, relevance = 1): CandidateArticle {
  return { id, title, body, relevance };
}

const MEETING = article(
  1,
  "Big Tech Meeting Sets Stage for Talks",
  [
    "Trump met CEOs from Google, Broadcom and Intel, a spokesman said.",
    "“The CEOs expressed strong support of the president’s policies,” Deere said. “They requested timely licensing decisions from the Department of Commerce, and the President agreed.“",
  ].join("\n\n"),
);

describe("chooseAnswer", () => {
  it("picks the sentence that covers the question's words", () => {
    const best = chooseAnswer(
      [article(1, "Farm aid", "Farmers met in Iowa. The aid is worth up to $16 billion. Prices fell.")],
      question("how much aid is there?"),
    );
    expect(best?.text).toBe("The aid is worth up to $16 billion.");
  });

  it("quotes a sentence starting with 'They' together with the sentence before it", () => {
    const best = chooseAnswer([MEETING], question("what did the ceos request?"));
    expect(best?.text).toContain("The CEOs expressed strong support");
    expect(best?.text).toContain("They requested timely licensing decisions from the Department of Commerce");
    expect(best?.withNeighbour).toBe(true);
  });

  it("prefers the sentence saying what was done over one only naming who was there", () => {
    const best = chooseAnswer([MEETING], question("what did the tech ceos request?", { request: 0.5 }));
    expect(best?.text).toContain("They requested");
  });

  it("gives no answer when the best sentence covers too little of the question", () => {
    const q = question("did huawei announce a new phone in paris?", { paris: 5 });
    const launch = article(2, "Huawei unveils phone", "Huawei unveiled a phone in Munich on Thursday.");
    expect(chooseAnswer([launch], q)).toBeNull();
    expect(chooseAnswer([launch], q, { minCoverage: 0.3 })?.text).toContain("Munich");
  });

  it("gives no answer for a 'how much' question when no sentence has a number", () => {
    const best = chooseAnswer(
      [article(1, "Boeing", "Chinese airlines are close to an order for Boeing jets.")],
      question("how much are the boeing jets?"),
    );
    expect(best).toBeNull();
  });

  it("does not take a number the question gave as the answer", () => {
    const best = chooseAnswer(
      [article(1, "Mate 30", "The Mate 30 will go on sale in China first.")],
      question("how much does the mate 30 cost?"),
    );
    expect(best).toBeNull();
  });

  it("gives no answer when the question's action is missing from every sentence", () => {
    const best = chooseAnswer(
      [article(1, "Boeing", "Chinese airlines are close to an order for 100 Boeing jets.")],
      question("how much did china pay for the boeing jets?"),
    );
    expect(best).toBeNull();
  });

  it("gives credit for words of the title, so a sentence need not repeat the subject", () => {
    const best = chooseAnswer(
      [
        article(
          1,
          "Huawei licence extended",
          "Rural carriers relied on the gear. The extension runs 90 days.",
        ),
      ],
      question("how long is the huawei licence extension?"),
    );
    expect(best?.text).toBe("The extension runs 90 days.");
  });

  it("prefers the more relevant article when two sentences match equally", () => {
    const text = "Soybean purchases rose to 1.2 million tonnes.";
    const best = chooseAnswer(
      [article(1, "Soy", text, 0.4), article(2, "Soy", text, 1)],
      question("how many soybean purchases?"),
    );
    expect(best?.articleId).toBe(2);
  });
});

describe("rankAnswerUnits", () => {
  it("never offers the repeated title or a credit line", () => {
    const units = rankAnswerUnits(
      [article(1, "Big Tech Meeting", "Big Tech Meeting\nDepositphotos\n\nThe tech meeting was held.")],
      question("big tech meeting depositphotos"),
    );
    expect(units.map((u) => u.text)).toEqual(["The tech meeting was held."]);
  });
});

describe("fitsExpectedKind", () => {
  it.each([
    ["Tariffs start on December 15.", "date", true],
    ["The agreement takes effect 30 days after signing.", "date", true],
    ["Tariffs start soon.", "date", false],
    ["Aid worth $16 billion.", "quantity", true],
    ["Prices rose by a third.", "quantity", true],
    ["Prices rose.", "quantity", false],
    ["Trump met CEOs from Google, Broadcom and Intel.", "person", true],
    ["It was announced by Secretary Sonny Perdue.", "person", true],
    ["The phone was unveiled in Munich.", "place", true],
    ["The yuan fell after the central bank cut rates.", "reason", true],
  ] as const)("%j fits %s: %s", (text, kind, fits) => {
    expect(fitsExpectedKind(text, kind)).toBe(fits);
  });
});
