/**
 * The IANA time zones the runtime knows, for the subscribe modal's type-ahead select: matched on
 * any part of the name, case-insensitive, with spaces read as underscores ("new york").
 */

let zones: readonly string[] | null = null;

function allZones(): readonly string[] {
  zones ??= ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
  return zones;
}

/**
 * Zones matching `query`, best first: a city (the part after the last "/") that starts with it,
 * then a name that starts with it, then any that contains it; at most `limit` (Slack shows 100).
 */
export function searchTimeZones(query: string, limit = 100): string[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, "_");
  if (q.length === 0) return allZones().slice(0, limit);
  const rank = (zone: string): number => {
    const lower = zone.toLowerCase();
    const city = lower.slice(lower.lastIndexOf("/") + 1);
    if (city.startsWith(q)) return 0;
    if (lower.startsWith(q)) return 1;
    return lower.includes(q) ? 2 : 3;
  };
  return allZones()
    .map((zone) => ({ zone, rank: rank(zone) }))
    .filter((z) => z.rank < 3)
    .sort((a, b) => a.rank - b.rank || a.zone.localeCompare(b.zone))
    .slice(0, limit)
    .map((z) => z.zone);
}
