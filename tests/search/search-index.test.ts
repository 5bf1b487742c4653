import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { ArticleDraft } from "../../src/articles/article.js";
import { createArticleRepository } from "../../src/store/article-repository.js";
import { migrate } from "../../src/store/migrate.js";
import { migrations } from "../../src/store/migrations/index.js";
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

describe("the full-text index fed a chunk at a time", () => {
  const indexed = (db: Database) =>
    Number(db.prepare("SELECT count(*) FROM articles_fts_docsize").pluck().get());

  it("indexes every new article of a chunk in the chunk's transaction", () => {
    const db = tempDb();
    const results = createArticleRepository(db).insertMany(
      [
        { draft: draft(1, "Soybean sales", "Purchases rebound."), topics: [] },
        { draft: draft(2, "Pork prices", "Hog farmers gain."), topics: [] },
        { draft: draft(3, "Huawei phones", "A launch in Paris."), topics: [] },
      ],
      0,
    );
    expect(matching(db, "pork")).toEqual([results[1]?.id]);
    expect(matching(db, "huawei")).toEqual([results[2]?.id]);
    expect(indexed(db)).toBe(3);
    expect(ensureSearchIndex(db)).toEqual({ rebuilt: false, reason: null });
  });

  it("indexes a duplicate only once", () => {
    const db = tempDb();
    const articles = createArticleRepository(db);
    articles.insert(draft(1, "Soybean sales", "Purchases rebound."), [], 0);
    const again = articles.insertMany(
      [{ draft: draft(1, "Soybean sales", "Purchases rebound."), topics: [] }],
      0,
    );
    expect(again[0]?.status).toBe("duplicate");
    expect(indexed(db)).toBe(1);
  });

  it("indexes nothing of a chunk whose transaction fails", () => {
    const db = tempDb();
    const articles = createArticleRepository(db);
    const broken = { ...draft(2, "Pork prices", "Hog farmers gain."), title: null as unknown as string };
    expect(() =>
      articles.insertMany(
        [
          { draft: draft(1, "Soybean sales", "Purchases rebound."), topics: [] },
          { draft: broken, topics: [] },
        ],
        0,
      ),
    ).toThrow();
    expect(articles.count()).toBe(0);
    expect(indexed(db)).toBe(0);
    expect(matching(db, "soybeans")).toEqual([]);
  });
});

describe("migration 010 on a database indexed by the old trigger", () => {
  it("keeps what was indexed and indexes what comes after, once each", () => {
    const dir = mkdtempSync(join(tmpdir(), "trade-news-search-"));
    dirs.push(dir);
    const path = join(dir, "old.db");
    const old = new BetterSqlite3(path);
    migrate(
      old,
      migrations.filter((m) => m.version <= 4),
    );
    old
      .prepare(
        "INSERT INTO articles (title, body, content_hash, source, published_at, fetched_at) VALUES ('Soybean sales', 'Purchases rebound.', 'h', 's', 0, 0)",
      )
      .run();
    old.close();
    const db = openDatabase(path);
    const { id } = createArticleRepository(db).insert(draft(2, "Pork sales", "Hog farmers."), [], 0);
    expect(matching(db, "soybeans")).toHaveLength(1);
    expect(matching(db, "pork")).toEqual([id]);
    expect(ensureSearchIndex(db)).toEqual({ rebuilt: false, reason: null });
  });
});

describe("ensureSearchIndex", () => {
  it("does nothing when the index is in step", () => {
    const db = tempDb();
    createArticleRepository(db).insert(draft(1, "Soybean sales", "Purchases rebound."), [], 0);
    expect(ensureSearchIndex(db)).toEqual({ rebuilt: false, reason: null });
  });

  it("rebuilds an index that missed articles written around the article repository", () => {
    const db = tempDb();
    db.prepare(
      "INSERT INTO articles (title, body, content_hash, source, published_at, fetched_at) VALUES ('Soybean sales', 'Purchases rebound.', 'h', 's', 0, 0)",
    ).run();
    expect(matching(db, "soybeans")).toEqual([]);
    const check = ensureSearchIndex(db);
    expect(check.rebuilt).toBe(true);
    expect(check.reason).toMatch(/held 0 articles .* 1 are stored/);
    expect(matching(db, "soybeans")).toHaveLength(1);
  });

  it("puts back a dropped delete trigger so later deletes are followed", () => {
    const db = tempDb();
    const articles = createArticleRepository(db);
    db.exec("DROP TRIGGER articles_fts_after_delete");
    ensureSearchIndex(db);
    const { id } = articles.insert(draft(2, "Pork sales", "Hog farmers."), [], 0);
    db.prepare("DELETE FROM articles WHERE id = ?").run(id);
    expect(matching(db, "pork")).toEqual([]);
  });

  it("does not bring back the per-row insert trigger (the repository indexes in bulk)", () => {
    const db = tempDb();
    ensureSearchIndex(db);
    const triggers = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
      .pluck();
    expect(triggers.all()).toEqual(["articles_fts_after_delete", "articles_fts_after_update"]);
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
