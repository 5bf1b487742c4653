/**
 * The backends the store contract runs against: SQLite (in memory) always, PostgreSQL when
 * TEST_DATABASE_URL points at a server (scripts/postgres-cluster.sh starts one). Each PostgreSQL
 * suite gets a database of its own, emptied before every test. Under CI=true a missing
 * TEST_DATABASE_URL fails instead of skipping, so CI cannot pass without running them.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, it } from "vitest";
import { openDatabase } from "../../../src/store/open-database.js";
import {
  openPostgresStore,
  type PostgresStore,
  type PostgresStoreOptions,
} from "../../../src/store/postgres/postgres-store.js";
import { createSqliteStore } from "../../../src/store/sqlite-store.js";
import type { Store, StoreKind } from "../../../src/store/store.js";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;
const IN_CI = process.env.CI === "true";

const TABLES =
  "digest_articles, digests, alerts, article_topics, articles, feeds, subscriptions, slack_installations";

/** A fresh PostgreSQL database on the test server; returns its URL and how to drop it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL is not set");
  const name = `trade_news_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Registers the PostgreSQL-only suite, or a visible skip (a failure under CI) when there is no server. */
export function describePostgres(name: string, body: () => void): void {
  if (TEST_DATABASE_URL) {
    describe(`${name} [postgres]`, body);
  } else if (IN_CI) {
    describe(`${name} [postgres]`, () => {
      it("needs TEST_DATABASE_URL under CI (.ci/run starts a server and sets it)", () => {
        throw new Error("TEST_DATABASE_URL is not set: CI must run the PostgreSQL tests, not skip them");
      });
    });
  } else {
    describe.skip(`${name} [postgres: skipped, TEST_DATABASE_URL is not set; see README "PostgreSQL"]`, body);
  }
}

export interface BackendContext {
  kind: StoreKind;
  /** The store under test, fresh (empty) for each test. */
  store: () => Store;
}

/**
 * Runs `body` once per backend: the same specification for SQLite and PostgreSQL.
 * `options` go to the PostgreSQL store (lease length).
 */
export function describeEachBackend(
  name: string,
  body: (ctx: BackendContext) => void,
  options: PostgresStoreOptions = {},
): void {
  describe(`${name} [sqlite]`, () => {
    let current: Store;
    beforeEach(async () => {
      current = createSqliteStore(openDatabase(":memory:"));
      return () => current.close();
    });
    body({ kind: "sqlite", store: () => current });
  });
  describePostgres(name, () => {
    let current: PostgresStore;
    let drop: () => Promise<void> = async () => undefined;
    beforeAll(async () => {
      const created = await createTestDatabase();
      drop = created.drop;
      current = await openPostgresStore(created.url, options);
    });
    afterAll(async () => {
      await current?.close();
      await drop();
    });
    beforeEach(async () => {
      await current.pool.query(`TRUNCATE ${TABLES} RESTART IDENTITY CASCADE`);
    });
    body({ kind: "postgres", store: () => current });
  });
}
