import type { Migration } from "../../migrate.js";

/**
 * Leases for replicas that share the database: a digest or alert recorded as "posting" belongs to
 * the replica that claimed it until lease_until (epoch ms); after that any replica may take it
 * over (the claimer died mid-post). Feeds need no column: a replica claims a due feed by moving
 * its next_poll_at past the lease in the claiming statement.
 */
export const claims: Migration = {
  version: 2,
  name: "leases on posting digests and alerts",
  sql: `
    ALTER TABLE digests ADD COLUMN lease_until BIGINT;
    ALTER TABLE alerts ADD COLUMN lease_until BIGINT;
  `,
};
