import { describe, expect, it } from "vitest";
import { type AnalyzeOptions, analyzeQuestion as analyzeWith } from "../../src/search/analyze-question.js";
import { anyConceptExpression, conceptExpression, quoteFts } from "../../src/search/match-query.js";
import { createArticleRepository } from "../../src/store/article-repository.js";
import { openDatabase } from "../../src/store/open-database.js";

import { testKit } from "./support/language.js";

const options: AnalyzeOptions = { now: 0, timeZone: "UTC", topicNames: [], topicHints: () => [] };
const analyzeQuestion = (question: string, o: AnalyzeOptions) => analyzeWith(question, testKit(), o);

const HOSTILE = [
  'what did "huawei say',
  "tariff* NEAR soybeans",
  "huawei AND OR NOT tariffs",
  "title:huawei -tariffs",
  "NEAR(huawei tariffs, 2)",
  '""" ^ {} [] ( ) : * - + "',
  "what's up with u.s.-china talks?!",
];

describe("quoteFts", () => {
  it("wraps words in double quotes and doubles any quote inside", () => {
    expect(quoteFts(["chief", "executive"])).toBe('"chief executive"');
    expect(quoteFts(['say"'])).toBe('"say"""');
  });
});

describe("conceptExpression", () => {
  it("ORs every wording of a concept, each quoted", () => {
    const [ceo] = analyzeQuestion("ceos", options).concepts;
    if (!ceo) throw new Error("no concept");
    const expression = conceptExpression(ceo);
    expect(expression).toContain('"chief executive"');
    expect(expression).toContain('"ceo"');
    expect(expression).toMatch(/^\(".+"\)$/);
  });
});

describe("conceptExpression with words that are FTS syntax", () => {
  it("is accepted by SQLite and matches them as plain words", () => {
    const db = openDatabase(":memory:");
    createArticleRepository(db).insert(
      {
        title: "Near AND title",
        body: "body",
        url: null,
        guid: null,
        source: "s",
        publishedAt: 0,
        feedId: null,
      },
      [],
      0,
    );
    const variants = [["NEAR"], ['a"b'], ["title:x"], ["AND"], ["*"], ["-"]];
    const concept = { label: "x", variants, exact: variants, expansions: [], pos: "NOUN" };
    const rows = db
      .prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?")
      .all(conceptExpression(concept));
    expect(rows).toHaveLength(1);
  });
});

describe("anyConceptExpression", () => {
  it.each(HOSTILE)("leaves no bare FTS syntax from %j", (question) => {
    const expression = anyConceptExpression(analyzeQuestion(question, options).concepts);
    const outsideQuotes = expression.replace(/"(?:[^"]|"")*"/g, "");
    expect(outsideQuotes).toMatch(/^[\s()OR]*$/);
  });

  it.each(HOSTILE)("gives SQLite a query it accepts for %j", (question) => {
    const db = openDatabase(":memory:");
    const expression = anyConceptExpression(analyzeQuestion(question, options).concepts);
    const run = () =>
      db.prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?").all(expression || '""');
    expect(run).not.toThrow();
  });
});
