import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArticleRepository } from "../../src/store/article-repository.js";
import { migrate } from "../../src/store/migrate.js";
import { migrations } from "../../src/store/migrations/index.js";
import { migratePostgres } from "../../src/store/postgres/migrate.js";
import { postgresMigrations } from "../../src/store/postgres/migrations/index.js";
import { createPool } from "../../src/store/postgres/pool.js";
import { createSubscriptionRepository } from "../../src/store/subscription-repository.js";
import { createTestDatabase, describePostgres } from "./contract/backends.js";

/**
 * The migrations that key rows by team, on each backend: rows written before them belong to ''
 * (SLACK_BOT_TOKEN's workspace, not yet known). What the repositories do with teams is specified
 * for both backends in contract/workspaces.test.ts.
 */

const NOW = Date.UTC(2026, 10, 2, 9);
const draft = { title: "T", body: "B", url: null, guid: "g", source: "S", publishedAt: NOW, feedId: null };
const OLD_ROWS = (articleId: number) => `
  INSERT INTO subscriptions (channel_id, topics, local_time, time_zone, subscribed_by, subscribed_at, updated_at)
    VALUES ('C0OLD', '["tariffs"]', '08:00', 'UTC', 'U1', 0, 0);
  INSERT INTO digests (channel_id, local_date, scheduled_at, status, window_since, window_until, created_at,
    updated_at) VALUES ('C0OLD', '2026-11-02', 0, 'empty', 0, 0, 0, 0);
  INSERT INTO alerts (channel_id, article_id, status, created_at, updated_at)
    VALUES ('C0OLD', ${articleId}, 'capped', 0, 0);`;

describe("SQLite migration 011: rows keyed by team", () => {
  it("gives rows written before it the team '' (SLACK_BOT_TOKEN's workspace, not yet known)", () => {
    const db = new BetterSqlite3(":memory:");
    migrate(
      db,
      migrations.filter((m) => m.version < 11),
    );
    const article = createArticleRepository(db).insert(draft, [], NOW);
    db.exec(OLD_ROWS(article.status === "new" ? article.id : 0));
    migrate(db, migrations);
    const teamOf = (table: string) => db.prepare(`SELECT team_id FROM ${table}`).pluck().all();
    expect(teamOf("subscriptions")).toEqual([""]);
    expect(teamOf("digests")).toEqual([""]);
    expect(teamOf("alerts")).toEqual([""]);
    expect(createSubscriptionRepository(db).get("C0OLD")?.teamId).toBe("");
  });
});

describePostgres("PostgreSQL migration 3: rows keyed by team", () => {
  let drop: () => Promise<void> = async () => undefined;
  let pool: ReturnType<typeof createPool>;
  beforeAll(async () => {
    const created = await createTestDatabase();
    drop = created.drop;
    pool = createPool(created.url, 2);
  });
  afterAll(async () => {
    await pool?.end();
    await drop();
  });

  it("gives rows written before it the team '' (SLACK_BOT_TOKEN's workspace, not yet known)", async () => {
    await migratePostgres(
      pool,
      postgresMigrations.filter((m) => m.version < 3),
    );
    const article = await pool.query(
      `INSERT INTO articles (title, body, source, published_at, fetched_at, content_hash)
       VALUES ('T', 'B', 'S', 0, 0, 'hash') RETURNING id`,
    );
    await pool.query(OLD_ROWS(Number(article.rows[0].id)));
    expect(await migratePostgres(pool, postgresMigrations)).toEqual([3]);
    for (const table of ["subscriptions", "digests", "alerts"]) {
      const found = await pool.query(`SELECT team_id FROM ${table}`);
      expect(found.rows).toEqual([{ team_id: "" }]);
    }
    const installs = await pool.query("SELECT count(*) AS n FROM slack_installations");
    expect(Number(installs.rows[0].n)).toBe(0);
  });
});
