import { describe, expect, it } from "vitest";
import { stemWord } from "../../src/search/stem-word.js";
import { termOf, wordsOf } from "../../src/search/text-terms.js";
import { openDatabase } from "../../src/store/open-database.js";
import { readRepoFile } from "./support/ask-corpus.js";

describe("stemWord", () => {
  it.each([
    ["caresses", "caress"],
    ["ponies", "poni"],
    ["agreed", "agre"],
    ["hopping", "hop"],
    ["filing", "file"],
    ["relational", "relat"],
    ["generalization", "gener"],
    ["happiness", "happi"],
    ["purchases", "purchas"],
    ["purchased", "purchas"],
    ["tariffs", "tariff"],
    ["yields", "yield"],
  ])("%s → %s", (word, stem) => {
    expect(stemWord(word)).toBe(stem);
  });

  it("leaves short words and numbers alone", () => {
    expect(stemWord("us")).toBe("us");
    expect(stemWord("2019")).toBe("2019");
  });

  it("stems every word of the seeds and fixtures as SQLite's porter tokenizer does", () => {
    const db = openDatabase(":memory:");
    db.exec("CREATE VIRTUAL TABLE probe USING fts5(t, tokenize = 'porter unicode61 remove_diacritics 2')");
    db.exec("CREATE VIRTUAL TABLE probe_vocab USING fts5vocab(probe, 'row')");
    const { articles } = JSON.parse(readRepoFile("tests/fixtures/ask/manifest.json")) as {
      articles: { file: string }[];
    };
    const text = articles.map((a) => readRepoFile(a.file)).join("\n");
    db.prepare("INSERT INTO probe (t) VALUES (?)").run(text);
    const sqlite = new Set(db.prepare("SELECT term FROM probe_vocab").pluck().all() as string[]);
    const ours = new Set(wordsOf(text).map(stemWord));
    expect([...ours].filter((t) => !sqlite.has(t))).toEqual([]);
  });
});

describe("termOf", () => {
  it("joins irregular forms to their base before stemming", () => {
    expect(termOf("met")).toBe(termOf("meeting"));
    expect(termOf("bought")).toBe(termOf("buy"));
  });
});
