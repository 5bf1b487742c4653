import type pg from "pg";
import { EVERY_DAY, normaliseWeekdays } from "../../subscriptions/weekdays.js";
import type { SubscriptionStore } from "../store.js";
import { ON_CONFLICT_RESUBSCRIBE, type SubscriptionRow, toSubscription } from "../subscription-repository.js";
import { changed, one, rows } from "./pool.js";

/** Channel subscriptions on PostgreSQL; the same upsert rules as the SQLite repository. */
export function createPostgresSubscriptionStore(pool: pg.Pool): SubscriptionStore {
  const get = async (channelId: string) => {
    const row = await one<SubscriptionRow>(pool, "SELECT * FROM subscriptions WHERE channel_id = $1", [
      channelId,
    ]);
    return row ? toSubscription(row) : undefined;
  };
  return {
    get,
    async listActive() {
      const found = await rows<SubscriptionRow>(
        pool,
        "SELECT * FROM subscriptions WHERE active = 1 ORDER BY channel_id",
      );
      return found.map(toSubscription);
    },
    async subscribe(s) {
      await pool.query(
        `INSERT INTO subscriptions (channel_id, topics, local_time, time_zone, subscribed_by, subscribed_at,
           updated_at, include_keywords, exclude_keywords, weekdays, alert_mode, alerts_since, team_id)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, CASE WHEN $10 = 'alerts' THEN $6::bigint END, $11)
         ${ON_CONFLICT_RESUBSCRIBE}`,
        [
          s.channelId,
          JSON.stringify(s.topics),
          s.localTime,
          s.timeZone,
          s.subscribedBy,
          s.now,
          JSON.stringify(s.includeKeywords ?? []),
          JSON.stringify(s.excludeKeywords ?? []),
          JSON.stringify(normaliseWeekdays(s.weekdays ?? EVERY_DAY)),
          s.alertMode ?? "digest",
          s.teamId ?? "",
        ],
      );
      const saved = await get(s.channelId);
      if (!saved) throw new Error(`the subscription of ${s.channelId} was not stored`);
      return saved;
    },
    async unsubscribe(channelId, now) {
      const n = await changed(
        pool,
        "UPDATE subscriptions SET active = 0, updated_at = $1 WHERE channel_id = $2 AND active = 1",
        [now, channelId],
      );
      return n > 0;
    },
    async pause(channelId, reason, now) {
      await pool.query("UPDATE subscriptions SET paused_reason = $1, paused_at = $2 WHERE channel_id = $3", [
        reason,
        now,
        channelId,
      ]);
    },
  };
}
