import type { DatabaseConfig } from "../config.js";
import { openPostgresStore } from "./postgres/postgres-store.js";
import type { SearchIndexCheck } from "./search-index.js";
import { openSqliteStore } from "./sqlite-store.js";
import type { Store } from "./store.js";

/**
 * Opens the configured store, migrated: SQLite at DATABASE_PATH (its search index checked and
 * rebuilt when out of step), or PostgreSQL at DATABASE_URL (its tsvector column is generated, so
 * always in step). `leaseMs`: how long a replica's claim on a digest or alert post holds (PostgreSQL).
 */
export async function openStore(
  database: DatabaseConfig,
  options: { leaseMs?: number } = {},
): Promise<{ store: Store; index: SearchIndexCheck }> {
  if (database.kind === "sqlite") return openSqliteStore(database.path);
  return {
    store: await openPostgresStore(database.url, options),
    index: { rebuilt: false, reason: null },
  };
}
