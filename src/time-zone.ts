import { DateTime, IANAZone } from "luxon";

/**
 * Time zones through luxon (IANA data from the runtime's Intl): local wall-clock parts of an
 * instant, the instant of a local wall-clock time, calendar days and short formats. The one rule
 * written here is what a wall-clock time skipped by a clock change means (the first minute after
 * the gap), because luxon moves such a time forward by the gap's length instead.
 */

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

type CalendarDate = { year: number; month: number; day: number };

const MINUTE_MS = 60_000;

function inZone(instant: number, timeZone: string): DateTime {
  return DateTime.fromMillis(instant, { zone: timeZone });
}

/** True when the runtime knows the IANA time zone name (e.g. "Europe/London", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  return timeZone.length > 0 && timeZone.length <= 64 && IANAZone.isValidZone(timeZone);
}

/** The wall-clock date and time of an instant in a time zone. */
export function localParts(instant: number, timeZone: string): LocalParts {
  const { year, month, day, hour, minute, second } = inZone(instant, timeZone);
  return { year, month, day, hour, minute, second };
}

/** Offset of the zone from UTC at an instant, in milliseconds (positive east of Greenwich). */
export function zoneOffset(instant: number, timeZone: string): number {
  return inZone(instant, timeZone).offset * MINUTE_MS;
}

/** The wall clock of a DateTime as if it were UTC, in milliseconds (comparable across offsets). */
function wallClock(local: DateTime): number {
  return local.toMillis() + local.offset * MINUTE_MS;
}

/**
 * The instant at which the wall clock in `timeZone` shows the given local date and time.
 * A time skipped by a spring-forward change resolves to the first valid minute after it (02:30 on
 * the day New York skips from 02:00 to 03:00 gives 03:00); a time that occurs twice (fall-back)
 * resolves to the first occurrence.
 */
export function instantOfLocal(
  date: CalendarDate,
  time: { hour: number; minute: number },
  timeZone: string,
): number {
  const wanted = { ...date, hour: time.hour, minute: time.minute };
  const local = DateTime.fromObject(wanted, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`not a date and time in ${timeZone}: ${JSON.stringify(wanted)}`);
  const shift = wallClock(local) - DateTime.fromObject(wanted, { zone: "utc" }).toMillis();
  if (shift === 0) return Math.min(...local.getPossibleOffsets().map((candidate) => candidate.toMillis()));
  // Skipped: luxon answers `shift` later on the wall clock, at an instant after the change, and
  // the instant `shift` earlier is before it. The first minute after the change lies between.
  let after = local.toMillis();
  let before = after - shift;
  const offsetAfter = local.offset;
  while (after - before > MINUTE_MS) {
    const middle = before + Math.max(1, Math.floor((after - before) / 2 / MINUTE_MS)) * MINUTE_MS;
    if (inZone(middle, timeZone).offset === offsetAfter) after = middle;
    else before = middle;
  }
  return after;
}

/** The local calendar date of an instant as "YYYY-MM-DD". */
export function localDateKey(instant: number, timeZone: string): string {
  return inZone(instant, timeZone).toISODate() ?? "";
}

/** The calendar date `days` after a given one (pure calendar arithmetic, no zone). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const { year, month, day } = DateTime.fromObject(date, { zone: "utc" }).plus({ days });
  return { year, month, day };
}

/** The zone's short name at an instant: "BST", "CET", "EST" where a locale knows one, else "GMT+8". */
export function zoneAbbreviation(instant: number, timeZone: string): string {
  // toLocaleParts goes through luxon's cached Intl formatters (offsetNameShort builds one a call).
  const nameIn = (locale: string) =>
    DateTime.fromMillis(instant, { zone: timeZone, locale })
      .toLocaleParts({ timeZoneName: "short" })
      .find((part) => part.type === "timeZoneName")?.value ?? "";
  const british = nameIn("en-GB");
  if (/^[A-Z]{2,5}$/.test(british)) return british;
  const american = nameIn("en-US");
  return /^[A-Z]{2,5}$/.test(american) ? american : british || timeZone;
}

/** "Tue 3 Mar, 09:00 GMT" style: a short local time with the zone's abbreviation. */
export function formatLocalDateTime(instant: number, timeZone: string): string {
  const local = DateTime.fromMillis(instant, { zone: timeZone, locale: "en-GB" });
  return `${local.toFormat("ccc d LLL, HH:mm")} ${zoneAbbreviation(instant, timeZone)}`;
}

/** "09:00" local time of an instant. */
export function formatLocalTime(instant: number, timeZone: string): string {
  return inZone(instant, timeZone).toFormat("HH:mm");
}
