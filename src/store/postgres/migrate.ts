import type pg from "pg";
import type { Migration } from "../migrate.js";
import { inTransaction } from "./pool.js";

/** Any constant: the advisory lock that lets one replica migrate while the others wait. */
const MIGRATION_LOCK = 7_310_012;

/**
 * Applies the PostgreSQL migrations not yet recorded in schema_migrations, in order, all in one
 * transaction under an advisory lock, so replicas starting together migrate once. Returns the
 * versions it applied.
 */
export async function migratePostgres(pool: pg.Pool, migrations: readonly Migration[]): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at BIGINT NOT NULL
    )`);
    const applied = new Set(
      (await client.query("SELECT version FROM schema_migrations")).rows.map((r) => Number(r.version)),
    );
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
        migration.version,
        migration.name,
        Date.now(),
      ]);
      done.push(migration.version);
    }
    return done;
  });
}
