/**
 * The PostgreSQL implementation of the Store, through node-postgres's Pool: every replica of the
 * bot opens one against the same DATABASE_URL. Opening migrates the schema (once, under an
 * advisory lock) before any repository is used.
 */
import type pg from "pg";
import type { Store } from "../store.js";
import { createPostgresAlertStore } from "./alert-store.js";
import { createPostgresArticleStore } from "./article-store.js";
import { createPostgresDigestStore } from "./digest-store.js";
import { createPostgresFeedStore } from "./feed-store.js";
import { migratePostgres } from "./migrate.js";
import { postgresMigrations } from "./migrations/index.js";
import { createPool } from "./pool.js";
import { createPostgresSearchStore } from "./search-store.js";
import { createPostgresSubscriptionStore } from "./subscription-store.js";
import { createPostgresInstallationStore, createPostgresTeamStore } from "./workspace-store.js";

export interface PostgresStoreOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** How long a claimed digest or alert post belongs to its replica (default 5 minutes). */
  leaseMs?: number;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;

/** The PostgreSQL store, with its pool (for tests and the benchmark, which empty or inspect it). */
export type PostgresStore = Store & { pool: pg.Pool };

export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  const pool = createPool(url, options.poolSize);
  // An idle connection the server dropped (a restart) is discarded by the pool; it must not crash the process.
  pool.on("error", () => undefined);
  try {
    await migratePostgres(pool, postgresMigrations);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  return {
    kind: "postgres",
    pool,
    articles: createPostgresArticleStore(pool),
    feeds: createPostgresFeedStore(pool),
    subscriptions: createPostgresSubscriptionStore(pool),
    digests: createPostgresDigestStore(pool, leaseMs),
    alerts: createPostgresAlertStore(pool, leaseMs),
    search: createPostgresSearchStore(pool),
    installations: createPostgresInstallationStore(pool),
    teams: createPostgresTeamStore(pool),
    close: () => pool.end(),
  };
}
