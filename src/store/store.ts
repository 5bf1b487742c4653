/**
 * The store: one set of Promise-based repository interfaces, two implementations (SQLite through
 * better-sqlite3 in src/store/sqlite-store.ts, PostgreSQL through pg in src/store/postgres/).
 * Everything outside src/store/ talks to a Store and awaits it; nothing else knows which database
 * is behind it. The method names and records are those of the SQLite repositories
 * (article-repository.ts and its siblings), each answering a Promise instead of a value; the
 * installation and team repositories (many workspaces) were written asynchronous to begin with.
 */
import type { AlertRepository } from "./alert-repository.js";
import type { ArticleRepository } from "./article-repository.js";
import type { DigestRepository } from "./digest-repository.js";
import type { FeedRepository } from "./feed-repository.js";
import type { InstallationRepository } from "./installation-repository.js";
import type { SearchIndex } from "./search-index.js";
import type { SubscriptionRepository } from "./subscription-repository.js";
import type { TeamRepository } from "./team-repository.js";

/** The same methods, each answering a Promise of what the synchronous one returns. */
export type Promised<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

export type ArticleStore = Promised<ArticleRepository>;
export type FeedStore = Promised<FeedRepository>;
export type SubscriptionStore = Promised<SubscriptionRepository>;
export type DigestStore = Promised<DigestRepository>;
export type AlertStore = Promised<AlertRepository>;
/**
 * Full-text search over the articles. `match` expressions are those src/search/match-query.ts
 * builds (quoted words and phrases joined by AND, OR and parentheses); scores follow SQLite's
 * bm25(): negative, lower is better.
 */
export type SearchStore = Promised<Omit<SearchIndex, "matchByRank">>;

/** Workspaces that installed the app through OAuth: their bot tokens (already Promise-based). */
export type InstallationStore = InstallationRepository;
/** Rows keyed by team: claiming rows without a team, pausing and resuming a whole workspace. */
export type TeamStore = TeamRepository;

export type StoreKind = "sqlite" | "postgres";

export interface Store {
  kind: StoreKind;
  articles: ArticleStore;
  feeds: FeedStore;
  subscriptions: SubscriptionStore;
  digests: DigestStore;
  alerts: AlertStore;
  search: SearchStore;
  installations: InstallationStore;
  teams: TeamStore;
  /** Closes the database (the pool on PostgreSQL). */
  close(): Promise<void>;
}
