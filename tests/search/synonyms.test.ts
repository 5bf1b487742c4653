import { describe, expect, it } from "vitest";
import { analyzeQuestion, type Concept } from "../../src/search/analyze-question.js";
import { findConcept } from "../../src/search/choose-answer.js";
import { SYNONYM_GROUPS } from "../../src/search/synonyms.js";
import { termsOf } from "../../src/search/text-terms.js";

const options = { now: 0, timeZone: "UTC", topicNames: [], topicHints: () => [] };

function conceptOf(word: string): Concept {
  const [concept] = analyzeQuestion(word, options).concepts;
  if (!concept) throw new Error(`no concept for ${word}`);
  return concept;
}

function matches(questionWord: string, sentence: string): boolean {
  return findConcept(termsOf(sentence), conceptOf(questionWord)).length > 0;
}

describe("synonyms of the field", () => {
  it.each([
    ["ceos", "a meeting with tech chief executives"],
    ["chief executive", "the CEO of Apple"],
    ["buy", "the largest weekly purchase since spring"],
    ["purchases", "China bought 600,000 tonnes"],
    ["duties", "new tariffs on $160 billion of goods"],
    ["levies", "the tariff commission said"],
    ["tariffs", "it would retaliate with levies of its own"],
    ["farm", "purchases of agricultural products"],
    ["blacklist", "Huawei was added to the Entity List"],
    ["entity list", "the company was blacklisted"],
    ["ban", "national security restrictions on equipment"],
    ["request", "the executives asked for lower duties"],
    ["asked", "They requested timely licensing decisions"],
    ["start", "tariffs took effect on September 1"],
    ["meet", "Trump met with CEOs"],
  ])("%s finds %j", (word, sentence) => {
    expect(matches(word, sentence)).toBe(true);
  });

  it("matches word forms through the stem", () => {
    expect(matches("purchasing", "purchases of soybeans")).toBe(true);
    expect(matches("licences", "a temporary general licence")).toBe(true);
  });

  it("does not match unrelated words", () => {
    expect(matches("tariffs", "the price cap on energy bills")).toBe(false);
    expect(matches("ceos", "farmers in Iowa")).toBe(false);
  });

  it("matches a word in two groups as a member of either", () => {
    expect(matches("raise", "prices rise by 6%")).toBe(true);
    expect(matches("raise", "closed a seed round of $12 million")).toBe(true);
  });

  it("prefers the longest wording: 'hit back' is retaliation, not 'hit'", () => {
    const concept = analyzeQuestion("will china hit back", options).concepts.find(
      (c) => c.label === "hit back",
    );
    expect(concept?.variants).toContainEqual(["retaliate"]);
  });

  it("keeps every wording of a group in lower case, with no empty words", () => {
    for (const group of SYNONYM_GROUPS) {
      for (const wording of group) expect(wording).toMatch(/^[a-z][a-z' ]*[a-z]$/);
    }
  });
});
