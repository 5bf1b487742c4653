import type { Migration } from "../migrate.js";

/**
 * Per-subscription keyword filters (JSON arrays of lower-cased keywords), the weekdays digests go
 * out on (JSON array of ISO weekdays, 1 = Monday; every day by default), and the alert mode with
 * the instant alerts were switched on from (articles stored before it are never alerted).
 */
export const subscriptionControls: Migration = {
  version: 5,
  name: "subscription filters, weekdays and alert mode",
  sql: `
    ALTER TABLE subscriptions ADD COLUMN include_keywords TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE subscriptions ADD COLUMN exclude_keywords TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE subscriptions ADD COLUMN weekdays TEXT NOT NULL DEFAULT '[1,2,3,4,5,6,7]';
    ALTER TABLE subscriptions ADD COLUMN alert_mode TEXT NOT NULL DEFAULT 'digest'
      CHECK (alert_mode IN ('digest', 'alerts'));
    ALTER TABLE subscriptions ADD COLUMN alerts_since INTEGER;
  `,
};
