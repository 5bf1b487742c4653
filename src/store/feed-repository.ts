import type { Database } from "better-sqlite3";

/** Where a feed came from: the FEEDS variable, FEEDS_FILE, a Slack user, or the CLI. */
export type FeedOrigin = "config" | "file" | "slack" | "cli";

export interface Feed {
  id: number;
  url: string;
  title: string | null;
  origin: FeedOrigin;
  /** False for feeds added by Slack users: their URLs go through the untrusted-URL guard. */
  trusted: boolean;
  addedBy: string | null;
  addedAt: number;
  etag: string | null;
  lastModified: string | null;
  lastPolledAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  consecutiveFailures: number;
  nextPollAt: number;
  /** Items in the feed at the last successful fetch. */
  itemsSeen: number;
  /** New articles this feed has contributed, in all. */
  itemsStored: number;
}

export interface FeedRow {
  id: number;
  url: string;
  title: string | null;
  origin: FeedOrigin;
  trusted: number;
  added_by: string | null;
  added_at: number;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: number | null;
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  consecutive_failures: number;
  next_poll_at: number;
  items_seen: number;
  items_stored: number;
}

export function toFeed(row: FeedRow): Feed {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    origin: row.origin,
    trusted: row.trusted === 1,
    addedBy: row.added_by,
    addedAt: row.added_at,
    etag: row.etag,
    lastModified: row.last_modified,
    lastPolledAt: row.last_polled_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    consecutiveFailures: row.consecutive_failures,
    nextPollAt: row.next_poll_at,
    itemsSeen: row.items_seen,
    itemsStored: row.items_stored,
  };
}

export interface FeedSuccess {
  at: number;
  nextPollAt: number;
  title: string | null;
  etag: string | null;
  lastModified: string | null;
  /** Items in the response; null when the server answered 304 Not Modified. */
  itemsSeen: number | null;
  itemsStored: number;
}

/** Feeds, their conditional-GET validators and their health. */
export function createFeedRepository(db: Database) {
  const all = db.prepare("SELECT * FROM feeds ORDER BY id");
  const byUrl = db.prepare("SELECT * FROM feeds WHERE url = ?");
  const byId = db.prepare("SELECT * FROM feeds WHERE id = ?");
  const insert = db.prepare(`INSERT INTO feeds (url, origin, trusted, added_by, added_at, next_poll_at)
    VALUES (@url, @origin, @trusted, @addedBy, @addedAt, @addedAt) ON CONFLICT (url) DO NOTHING`);
  const remove = db.prepare("DELETE FROM feeds WHERE url = ?");
  const due = db.prepare("SELECT * FROM feeds WHERE next_poll_at <= ? ORDER BY next_poll_at, id");
  const success = db.prepare(`UPDATE feeds SET
      title = coalesce(@title, title), etag = @etag, last_modified = @lastModified,
      last_polled_at = @at, last_success_at = @at, consecutive_failures = 0, next_poll_at = @nextPollAt,
      items_seen = coalesce(@itemsSeen, items_seen), items_stored = items_stored + @itemsStored
    WHERE id = @id`);
  const failure = db.prepare(`UPDATE feeds SET
      last_polled_at = @at, last_error = @error, last_error_at = @at,
      consecutive_failures = consecutive_failures + 1, next_poll_at = @nextPollAt
    WHERE id = @id`);
  const scheduleAll = db.prepare("UPDATE feeds SET next_poll_at = ?");
  const lease = db.prepare("UPDATE feeds SET next_poll_at = ? WHERE id = ?");
  const claimDue = db.transaction((now: number, leaseMs: number) => {
    const found = due.all(now) as FeedRow[];
    for (const row of found) lease.run(now + leaseMs, row.id);
    return found.map(toFeed);
  });

  return {
    list(): Feed[] {
      return (all.all() as FeedRow[]).map(toFeed);
    },

    get(id: number): Feed | undefined {
      const row = byId.get(id) as FeedRow | undefined;
      return row ? toFeed(row) : undefined;
    },

    findByUrl(url: string): Feed | undefined {
      const row = byUrl.get(url) as FeedRow | undefined;
      return row ? toFeed(row) : undefined;
    },

    /** Adds a feed unless its URL is already known; returns the stored feed and whether it is new. */
    add(feed: {
      url: string;
      origin: FeedOrigin;
      trusted: boolean;
      addedBy?: string | null;
      addedAt: number;
    }): {
      feed: Feed;
      created: boolean;
    } {
      const info = insert.run({
        url: feed.url,
        origin: feed.origin,
        trusted: feed.trusted ? 1 : 0,
        addedBy: feed.addedBy ?? null,
        addedAt: feed.addedAt,
      });
      return { feed: toFeed(byUrl.get(feed.url) as FeedRow), created: info.changes > 0 };
    },

    /** Removes a feed; its articles stay. Returns false when no feed had that URL. */
    remove(url: string): boolean {
      return remove.run(url).changes > 0;
    },

    /** Feeds whose next poll is due at `now`, most overdue first. */
    due(now: number): Feed[] {
      return (due.all(now) as FeedRow[]).map(toFeed);
    },

    /**
     * Claims the feeds due at `now` for this process, most overdue first: in the same transaction
     * their next poll moves to `now + leaseMs`, so no other process polls them meanwhile; recording
     * the poll's outcome sets the real next time. A claimer that dies lets the lease run out.
     * The feeds are returned as they were when due (nextPollAt: when they fell due).
     */
    claimDue(now: number, leaseMs: number): Feed[] {
      return claimDue(now, leaseMs);
    },

    /** Makes every feed due at `at` (used at start-up: every feed is polled once right away). */
    /** Hands a claimed feed back (a poll cancelled at shutdown): due again at `nextPollAt`. */
    releaseClaim(id: number, nextPollAt: number): void {
      lease.run(nextPollAt, id);
    },

    scheduleAll(at: number): void {
      scheduleAll.run(at);
    },

    recordSuccess(id: number, result: FeedSuccess): void {
      success.run({ id, ...result });
    },

    recordFailure(id: number, failed: { at: number; error: string; nextPollAt: number }): void {
      failure.run({ id, ...failed });
    },
  };
}

export type FeedRepository = ReturnType<typeof createFeedRepository>;
