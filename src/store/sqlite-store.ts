/**
 * The SQLite implementation of the Store: the synchronous better-sqlite3 repositories, each method
 * answering a settled Promise. Statements stay synchronous inside (one connection, one process), so
 * every write is still one statement or one transaction.
 */
import type { Database } from "better-sqlite3";
import { createAlertRepository } from "./alert-repository.js";
import { createArticleRepository } from "./article-repository.js";
import { createDigestRepository } from "./digest-repository.js";
import { createFeedRepository } from "./feed-repository.js";
import { createInstallationRepository } from "./installation-repository.js";
import { openDatabase } from "./open-database.js";
import { createSearchIndex, ensureSearchIndex, type SearchIndexCheck } from "./search-index.js";
import type { Promised, Store } from "./store.js";
import { createSubscriptionRepository } from "./subscription-repository.js";
import { createTeamRepository } from "./team-repository.js";

/** Every method of `repo`, answering a Promise (a throw becomes a rejection). */
export function promised<T extends object>(repo: T): Promised<T> {
  const out: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(repo)) {
    if (typeof method !== "function") continue;
    out[name] = (...args: unknown[]) => {
      try {
        return Promise.resolve(method(...args));
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }
  return out as Promised<T>;
}

/** A Store over an open SQLite database (tests keep `db` for their own synchronous checks). */
export function createSqliteStore(db: Database): Store & { db: Database } {
  const { matchByRank: _baseline, ...search } = createSearchIndex(db);
  return {
    kind: "sqlite",
    db,
    articles: promised(createArticleRepository(db)),
    feeds: promised(createFeedRepository(db)),
    subscriptions: promised(createSubscriptionRepository(db)),
    digests: promised(createDigestRepository(db)),
    alerts: promised(createAlertRepository(db)),
    search: promised(search),
    // Already asynchronous (written for Bolt's installation store), so used as they are.
    installations: createInstallationRepository(db),
    teams: createTeamRepository(db),
    close: async () => {
      db.close();
    },
  };
}

/** Opens (migrating) the SQLite file and checks its search index, rebuilding it when out of step. */
export function openSqliteStore(path: string): { store: Store & { db: Database }; index: SearchIndexCheck } {
  const db = openDatabase(path);
  const index = ensureSearchIndex(db);
  return { store: createSqliteStore(db), index };
}
