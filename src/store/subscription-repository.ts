import type { Database } from "better-sqlite3";
import { EVERY_DAY, normaliseWeekdays, type Weekday } from "../subscriptions/weekdays.js";

/** "digest": one daily digest; "alerts": the digest plus instant alerts for high-scoring articles. */
export type AlertMode = "digest" | "alerts";

/** A channel's digest settings. */
export interface Subscription {
  channelId: string;
  /** The workspace the channel belongs to ('' until known: see migration 011). */
  teamId: string;
  topics: string[];
  /** "HH:MM", 24-hour, in timeZone. */
  localTime: string;
  /** IANA time zone name. */
  timeZone: string;
  subscribedBy: string;
  subscribedAt: number;
  updatedAt: number;
  active: boolean;
  /** Why digests to this channel are paused (e.g. the bot was removed), or null. */
  pausedReason: string | null;
  pausedAt: number | null;
  /** Lower-cased keywords: an article must mention one of them (when any). */
  includeKeywords: string[];
  /** Lower-cased keywords: an article mentioning any is left out. */
  excludeKeywords: string[];
  /** ISO weekdays (1 = Monday) the digest goes out on, in the channel's zone. */
  weekdays: Weekday[];
  alertMode: AlertMode;
  /** When instant alerts were switched on: articles stored before are never alerted. */
  alertsSince: number | null;
}

/** What a subscribe writes; the controls default to none, every day and digest only. */
export interface SubscriptionSettings {
  channelId: string;
  topics: readonly string[];
  localTime: string;
  timeZone: string;
  subscribedBy: string;
  now: number;
  /** The workspace the command came from; '' (unknown) by default, e.g. from the CLI. */
  teamId?: string;
  includeKeywords?: readonly string[];
  excludeKeywords?: readonly string[];
  weekdays?: readonly Weekday[];
  alertMode?: AlertMode;
}

export interface SubscriptionRow {
  channel_id: string;
  team_id: string;
  topics: string;
  local_time: string;
  time_zone: string;
  subscribed_by: string;
  subscribed_at: number;
  updated_at: number;
  active: number;
  paused_reason: string | null;
  paused_at: number | null;
  include_keywords: string;
  exclude_keywords: string;
  weekdays: string;
  alert_mode: AlertMode;
  alerts_since: number | null;
}

export function toSubscription(row: SubscriptionRow): Subscription {
  return {
    channelId: row.channel_id,
    teamId: row.team_id,
    topics: JSON.parse(row.topics) as string[],
    localTime: row.local_time,
    timeZone: row.time_zone,
    subscribedBy: row.subscribed_by,
    subscribedAt: row.subscribed_at,
    updatedAt: row.updated_at,
    active: row.active === 1,
    pausedReason: row.paused_reason,
    pausedAt: row.paused_at,
    includeKeywords: JSON.parse(row.include_keywords) as string[],
    excludeKeywords: JSON.parse(row.exclude_keywords) as string[],
    weekdays: normaliseWeekdays(JSON.parse(row.weekdays) as number[]),
    alertMode: row.alert_mode,
    alertsSince: row.alerts_since,
  };
}

/**
 * What subscribing again does to an existing row, on both backends: the settings are replaced,
 * the subscription reactivated and unpaused; the digest clock (`subscribed_at`) and the alert
 * watermark (`alerts_since`) are kept when the schedule or alert mode did not change; a team id
 * is kept unless a new one is given.
 */
export const ON_CONFLICT_RESUBSCRIBE = `ON CONFLICT (channel_id) DO UPDATE SET
    topics = excluded.topics, local_time = excluded.local_time, time_zone = excluded.time_zone,
    subscribed_by = excluded.subscribed_by,
    subscribed_at = CASE
      WHEN subscriptions.active = 1 AND subscriptions.local_time = excluded.local_time
        AND subscriptions.time_zone = excluded.time_zone AND subscriptions.weekdays = excluded.weekdays
        THEN subscriptions.subscribed_at
      ELSE excluded.subscribed_at END,
    include_keywords = excluded.include_keywords, exclude_keywords = excluded.exclude_keywords,
    weekdays = excluded.weekdays, alert_mode = excluded.alert_mode,
    alerts_since = CASE
      WHEN excluded.alert_mode <> 'alerts' THEN NULL
      WHEN subscriptions.active = 1 AND subscriptions.alert_mode = 'alerts' THEN subscriptions.alerts_since
      ELSE excluded.updated_at END,
    updated_at = excluded.updated_at, active = 1, paused_reason = NULL, paused_at = NULL,
    team_id = CASE WHEN excluded.team_id = '' THEN subscriptions.team_id ELSE excluded.team_id END`;

/** Channel subscriptions. Unsubscribing keeps the row (inactive) so digest history stays linked. */
export function createSubscriptionRepository(db: Database) {
  const get = db.prepare("SELECT * FROM subscriptions WHERE channel_id = ?");
  const listActive = db.prepare("SELECT * FROM subscriptions WHERE active = 1 ORDER BY channel_id");
  const upsert = db.prepare(`
    INSERT INTO subscriptions (channel_id, topics, local_time, time_zone, subscribed_by, subscribed_at, updated_at,
      include_keywords, exclude_keywords, weekdays, alert_mode, alerts_since, team_id)
    VALUES (@channelId, @topics, @localTime, @timeZone, @subscribedBy, @now, @now,
      @includeKeywords, @excludeKeywords, @weekdays, @alertMode, CASE WHEN @alertMode = 'alerts' THEN @now END,
      @teamId)
    ${ON_CONFLICT_RESUBSCRIBE}`);
  const deactivate = db.prepare(
    "UPDATE subscriptions SET active = 0, updated_at = ? WHERE channel_id = ? AND active = 1",
  );
  const pause = db.prepare("UPDATE subscriptions SET paused_reason = ?, paused_at = ? WHERE channel_id = ?");

  return {
    get(channelId: string): Subscription | undefined {
      const row = get.get(channelId) as SubscriptionRow | undefined;
      return row ? toSubscription(row) : undefined;
    },

    listActive(): Subscription[] {
      return (listActive.all() as SubscriptionRow[]).map(toSubscription);
    },

    /**
     * Creates or updates a channel's subscription; clears any pause. A new time, zone or set of
     * weekdays starts the schedule afresh; switching alerts on starts them from now.
     */
    subscribe(s: SubscriptionSettings): Subscription {
      upsert.run({
        channelId: s.channelId,
        topics: JSON.stringify(s.topics),
        localTime: s.localTime,
        timeZone: s.timeZone,
        subscribedBy: s.subscribedBy,
        now: s.now,
        includeKeywords: JSON.stringify(s.includeKeywords ?? []),
        excludeKeywords: JSON.stringify(s.excludeKeywords ?? []),
        weekdays: JSON.stringify(normaliseWeekdays(s.weekdays ?? EVERY_DAY)),
        alertMode: s.alertMode ?? "digest",
        teamId: s.teamId ?? "",
      });
      return toSubscription(get.get(s.channelId) as SubscriptionRow);
    },

    /** Returns false when the channel had no active subscription. */
    unsubscribe(channelId: string, now: number): boolean {
      return deactivate.run(now, channelId).changes > 0;
    },

    /** Stops digests to a channel until it subscribes again, keeping the reason for /trade status. */
    pause(channelId: string, reason: string, now: number): void {
      pause.run(reason, now, channelId);
    },
  };
}

export type SubscriptionRepository = ReturnType<typeof createSubscriptionRepository>;
