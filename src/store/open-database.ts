import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3, { type Database } from "better-sqlite3";
import { migrate } from "./migrate.js";
import { migrations } from "./migrations/index.js";

export type { Database } from "better-sqlite3";

/**
 * Opens (creating if needed) the SQLite file in WAL mode and brings its schema up to date.
 * ":memory:" gives a private in-memory database, for tests.
 */
export function openDatabase(path: string): Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db, migrations);
  return db;
}
