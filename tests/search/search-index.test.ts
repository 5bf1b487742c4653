import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ArticleDraft } from "../../src/articles/article.js";
import { createArticleRepository } from "../../src/store/article-repository.js";
import { type Database, openDatabase } from "../../src/store/open-database.js";
import { createSearchIndex, ensureSearchIndex } from "../../src/store/search-index.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDb(): Database {
  const dir = mkdtempSync(join(tmpdir(), "trade-news-search-"));
  dirs.push(dir);
  return openDatabase(join(dir, "test.db"));
}

function draft(n: number, title: string, body: string): ArticleDraft {
  return {
    title,
    body,
    url: `https://news.example/${n}`,
    guid: null,
    source: "Example",
    publishedAt: n,
    feedId: null,
  };
}

function matching(db: Database, word: string): number[] {
  return createSearchIndex(db)
    .rank(`"${word}"`, 10)
    .map((h) => h.id);
}

describe("the full-text index", () => {
  it("indexes an article when it is stored", () => {
    const db = tempDb();
    const { id } = createArticleRepository(db).insert(draft(1, "Soybean sales", "Purchases rebound."), [], 0);
    expect(matching(db, "soybeans")).toEqual([id]);
  });

  it("stems words, so 'purchased' finds 'purchases'", () => {
    const db = tempDb();
    const { id } = createArticleRepository(db).insert(draft(1, "Soybean sales", "Purchases rebound."), [], 0);
    expect(matching(db, "purchased")).toEqual([id]);
  });

  it("folds diacritics", () => {
    const db = tempDb();
    const { id } = createArticleRepository(db).insert(draft(1, "Café talks", "Négociations resume."), [], 0);
    expect(matching(db, "negociations")).toEqual([id]);
  });

  it("forgets an article when it is deleted", () => {
    const db = tempDb();
    const { id } = createArticleRepository(db).insert(draft(1, "Soybean sales", "Purchases rebound."), [], 0);
    db.prepare("DELETE FROM articles WHERE id = ?").run(id);
    expect(matching(db, "soybeans")).toEqual([]);
  });

  it("follows an edited title or body", () => {
    const db = tempDb();
    const { id } = createArticleRepository(db).insert(draft(1, "Soybean sales", "Purchases rebound."), [], 0);
    db.prepare("UPDATE articles SET title = 'Pork sales' WHERE id = ?").run(id);
    expect(matching(db, "soybeans")).toEqual([]);
    expect(matching(db, "pork")).toEqual([id]);
  });

  it("ranks a title match above a body match", () => {
    const db = tempDb();
    const articles = createArticleRepository(db);
    const body = articles.insert(draft(1, "Farm news", "Growers talk about huawei and more."), [], 0);
    const title = articles.insert(draft(2, "Huawei news", "Growers talk about phones and more."), [], 0);
    expect(matching(db, "huawei")).toEqual([title.id, body.id]);
  });
});

describe("ensureSearchIndex", () => {
  it("does nothing when the index is in step", () => {
    const db = tempDb();
    createArticleRepository(db).insert(draft(1, "Soybean sales", "Purchases rebound."), [], 0);
    expect(ensureSearchIndex(db)).toEqual({ rebuilt: false, reason: null });
  });

  it("rebuilds an index that missed articles written around the triggers", () => {
    const db = tempDb();
    const articles = createArticleRepository(db);
    db.exec("DROP TRIGGER articles_fts_after_insert");
    const { id } = articles.insert(draft(1, "Soybean sales", "Purchases rebound."), [], 0);
    expect(matching(db, "soybeans")).toEqual([]);
    const check = ensureSearchIndex(db);
    expect(check.rebuilt).toBe(true);
    expect(check.reason).toMatch(/held 0 articles .* 1 are stored/);
    expect(matching(db, "soybeans")).toEqual([id]);
  });

  it("puts back a dropped trigger so later articles are indexed", () => {
    const db = tempDb();
    const articles = createArticleRepository(db);
    db.exec("DROP TRIGGER articles_fts_after_insert");
    ensureSearchIndex(db);
    const { id } = articles.insert(draft(2, "Pork sales", "Hog farmers."), [], 0);
    expect(matching(db, "pork")).toEqual([id]);
  });

  it("re-creates a missing index from the stored articles", () => {
    const db = tempDb();
    const { id } = createArticleRepository(db).insert(draft(1, "Soybean sales", "Purchases rebound."), [], 0);
    db.exec("DROP TABLE articles_fts");
    const check = ensureSearchIndex(db);
    expect(check).toEqual({ rebuilt: true, reason: expect.stringMatching(/missing/) });
    expect(matching(db, "soybeans")).toEqual([id]);
  });
});
