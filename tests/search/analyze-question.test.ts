import { describe, expect, it } from "vitest";
import {
  type AnalyzeOptions,
  analyzeQuestion as analyzeWith,
  MAX_CONCEPTS,
} from "../../src/search/analyze-question.js";
import { testKit } from "./support/language.js";

const NOW = Date.UTC(2019, 11, 21, 12, 0);
const options: AnalyzeOptions = {
  now: NOW,
  timeZone: "UTC",
  topicNames: ["huawei", "tariffs", "agriculture"],
  topicHints: (text) => (/soybean|farm/i.test(text) ? ["agriculture"] : []),
};

const analyzeQuestion = (question: string, o: AnalyzeOptions) => analyzeWith(question, testKit(), o);
const labels = (question: string) => analyzeQuestion(question, options).concepts.map((c) => c.label);

describe("analyzeQuestion: concepts", () => {
  it("drops stop words and keeps the words that carry the question", () => {
    expect(labels("hey guys, what did the tech CEOs request?")).toEqual(["tech", "ceos", "request"]);
  });

  it("keeps a multi-word wording as one concept", () => {
    expect(labels("who is on the entity list")).toEqual(["entity list"]);
  });

  it("ignores Slack mentions and links", () => {
    expect(labels("<@U123ABC> what about <https://x.example/a|this story> soybean purchases")).toEqual([
      "soybean",
      "purchases",
    ]);
  });

  it("reads 'the us' as the country", () => {
    const [country] = analyzeQuestion("what does the us want", options).concepts;
    expect(country?.expansions).toContainEqual(["u.s."]);
  });

  it("reads 'us' after a verb as the pronoun", () => {
    expect(labels("can you tell us about soybeans")).toEqual(["soybeans"]);
  });

  it("matches irregular verbs by lemma: 'bought' is 'buy'", () => {
    const [, bought] = analyzeQuestion("how much china bought", options).concepts;
    expect(bought?.exact).toContainEqual(["buy"]);
  });

  it("expands a word with its WordNet synonyms: 'block' also matches 'stymie'", () => {
    const [block] = analyzeQuestion("who might block it", options).concepts;
    expect(block?.expansions).toContainEqual(["stymie"]);
  });

  it("keeps a phrasal verb WordNet knows as one concept", () => {
    expect(labels("when did talks break down")).toEqual(["talks", "break down"]);
  });

  it("expands abbreviations from the domain map: 'ustr'", () => {
    const [ustr] = analyzeQuestion("what did the ustr say", options).concepts;
    expect(ustr?.expansions).toContainEqual(["trade", "representative"]);
  });

  it("searches a very long question for its first concepts only", () => {
    const long = Array.from({ length: 200 }, (_, i) => `word${i}`).join(" ");
    expect(analyzeQuestion(long, options).concepts.map((c) => c.label)).toEqual(
      Array.from({ length: MAX_CONCEPTS }, (_, i) => `word${i}`),
    );
  });

  it("keeps entities of the question apart so they do not count as an answer", () => {
    expect(analyzeQuestion("what happened on december 15?", options).givenEntities).toContain("december 15");
  });
});

describe("analyzeQuestion: the kind of answer expected", () => {
  it.each([
    ["who announced the farm aid?", "name"],
    ["which chinese chipmaker got blacklisted?", "name"],
    ["which country bought the most?", "place"],
    ["when do the new tariffs start?", "date"],
    ["whens the deadline", "date"],
    ["what's the deadline for exclusion requests?", "date"],
    ["how much aid are farmers getting?", "number"],
    ["how many soybeans did china book?", "number"],
    ["what share of rare earths does china produce?", "number"],
    ["how long will the truce last?", "duration"],
    ["where did huawei launch the mate 30?", "place"],
    ["why did treasury label china a manipulator?", "reason"],
    ["what did the ceos request?", "other"],
  ] as const)("%s expects a %s", (question, kind) => {
    expect(analyzeQuestion(question, options).expects).toBe(kind);
  });

  it("does not search for the question words themselves", () => {
    expect(labels("how much aid are farmers getting?")).toEqual(["aid", "farmers"]);
  });
});

describe("analyzeQuestion: time and topics", () => {
  it("takes 'this week' as a window and does not search for it", () => {
    const analysis = analyzeQuestion("how many soybeans did china book this week?", options);
    expect(analysis.window?.since).toBe(NOW - 7 * 86_400_000);
    expect(analysis.concepts.map((c) => c.label)).not.toContain("week");
  });

  it("collects topics named in the question and hinted by the classifier", () => {
    expect(analyzeQuestion("huawei and soybean news from the farm", options).topics).toEqual([
      "huawei",
      "agriculture",
    ]);
  });
});

describe("analyzeQuestion: latest intent", () => {
  it.each([
    ["latest", null, 5],
    ["latest tariffs 3", "tariffs", 3],
    ["latest huawei", "huawei", 5],
    ["latest on huawei", "huawei", 5],
    ["what's new on tariffs?", "tariffs", 5],
    ["any news today?", null, 5],
    ["latest 50", null, 20],
    ["any news on soybeans?", "agriculture", 5],
  ] as const)("%j asks for the newest articles (topic %s, %i)", (question, topic, limit) => {
    expect(analyzeQuestion(question, options).latest).toEqual({ topic, limit });
  });

  it("keeps the window of 'any news today?' for the listing", () => {
    expect(analyzeQuestion("any news today?", options).window?.since).toBe(Date.UTC(2019, 11, 21));
  });

  it.each([
    "any news on soybean purchases?",
    "what's the latest on the trade war talks?",
    "when do the new tariffs start?",
    "what did the ceos request?",
  ])("%j is a question to answer, not a listing", (question) => {
    const analysis = analyzeQuestion(question, options);
    expect(analysis.latest).toBeNull();
    expect(analysis.concepts.length).toBeGreaterThan(0);
  });
});
