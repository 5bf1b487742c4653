import type { Migration } from "../migrate.js";
import { ARTICLE_SEARCH_SCHEMA } from "./004-article-search.js";

/**
 * The full-text index is fed in bulk: the article repository indexes each stored chunk with one
 * `INSERT INTO articles_fts … SELECT` in the chunk's own transaction (about four times cheaper
 * than a trigger firing per row), so the per-row insert trigger goes. Deletes and edits are rare
 * and keep their triggers, so the index follows them at once.
 */
export const DROP_INSERT_TRIGGER = "DROP TRIGGER IF EXISTS articles_fts_after_insert;";

/**
 * The index as it is from this migration on, as statements that can run again safely
 * (`ensureSearchIndex` re-creates a missing index with them).
 */
export const BULK_SEARCH_SCHEMA = `${ARTICLE_SEARCH_SCHEMA}
  ${DROP_INSERT_TRIGGER}
`;

export const searchIndexInBulk: Migration = {
  version: 10,
  name: "search index fed in bulk",
  sql: DROP_INSERT_TRIGGER,
};
