/**
 * Time-zone arithmetic on top of Intl, so no date library is needed: local wall-clock parts of an
 * instant, and the instant of a local wall-clock time (DST gaps resolved to the next valid minute).
 */

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows the IANA time zone name (e.g. "Europe/London", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date and time of an instant in a time zone. */
export function localParts(instant: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of the zone from UTC at an instant, in milliseconds (positive east of Greenwich). */
export function zoneOffset(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` shows the given local date and time.
 * A time skipped by a spring-forward change resolves to the first valid minute after it; a time
 * that occurs twice (fall-back) resolves to the first occurrence.
 */
export function instantOfLocal(
  date: { year: number; month: number; day: number },
  time: { hour: number; minute: number },
  timeZone: string,
): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  const before = wall - zoneOffset(wall - 36 * 3_600_000, timeZone);
  const after = wall - zoneOffset(wall + 36 * 3_600_000, timeZone);
  const exact = [before, after, wall - zoneOffset(wall, timeZone)]
    .filter((c) => wallClock(c, timeZone) === wall)
    .sort((a, b) => a - b);
  if (exact[0] !== undefined) return exact[0];
  // Skipped by a gap (DST, or a whole day as in Pacific/Apia 2011): the answer is the first minute
  // whose wall clock is at or after the wanted one. It lies between the two candidates (the earlier
  // one still shows the old offset's wall time, before it), so a binary search over minutes finds it
  // however wide the gap is.
  let lo = Math.min(before, after);
  let hi = Math.max(before, after);
  if (wallClock(hi, timeZone) < wall) return hi;
  while (hi - lo > 60_000) {
    const mid = lo + Math.max(60_000, Math.floor((hi - lo) / 120_000) * 60_000);
    if (wallClock(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

function wallClock(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
}

/** The local calendar date of an instant as "YYYY-MM-DD". */
export function localDateKey(instant: number, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** The calendar date `days` after a given one (pure calendar arithmetic, no zone). */
export function addDays(
  date: { year: number; month: number; day: number },
  days: number,
): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const zoneNames = new Map<string, Intl.DateTimeFormat[]>();

/** The zone's short name at an instant: "BST", "CET", "EST" where a locale knows one, else "GMT+8". */
export function zoneAbbreviation(instant: number, timeZone: string): string {
  let formats = zoneNames.get(timeZone);
  if (!formats) {
    formats = ["en-GB", "en-US"].map(
      (locale) => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }),
    );
    zoneNames.set(timeZone, formats);
  }
  const names = formats.map(
    (f) => f.formatToParts(instant).find((p) => p.type === "timeZoneName")?.value ?? "",
  );
  return names.find((n) => /^[A-Z]{2,5}$/.test(n)) ?? names[0] ?? timeZone;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "Tue 3 Mar, 09:00 GMT" style: a short local time with the zone's abbreviation. */
export function formatLocalDateTime(instant: number, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short" });
    dateFormats.set(timeZone, format);
  }
  const date = format.format(instant);
  return `${date}, ${formatLocalTime(instant, timeZone)} ${zoneAbbreviation(instant, timeZone)}`;
}

/** "09:00" local time of an instant. */
export function formatLocalTime(instant: number, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
}
