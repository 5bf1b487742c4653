import type { Migration } from "../migrate.js";

/**
 * The full-text index over article titles and bodies, as statements that can run again safely
 * (`ensureSearchIndex` re-creates a missing index with them).
 */
export const ARTICLE_SEARCH_SCHEMA = `
  CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title,
    body,
    content = 'articles',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
  );

  CREATE TRIGGER IF NOT EXISTS articles_fts_after_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
  END;

  CREATE TRIGGER IF NOT EXISTS articles_fts_after_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  END;

  CREATE TRIGGER IF NOT EXISTS articles_fts_after_update AFTER UPDATE OF id, title, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
  END;
`;

export const articleSearch: Migration = {
  version: 4,
  name: "article search",
  sql: `${ARTICLE_SEARCH_SCHEMA}
    INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
  `,
};
