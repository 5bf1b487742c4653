/**
 * The days of the week a channel gets its digest, as ISO weekday numbers (1 = Monday … 7 = Sunday),
 * judged on the local calendar date in the channel's time zone.
 */

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const EVERY_DAY: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];
export const WORK_DAYS: readonly Weekday[] = [1, 2, 3, 4, 5];
export const WEEKEND_DAYS: readonly Weekday[] = [6, 7];

/** Short English names, index 0 = Monday. */
export const WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

const DAY_WORDS: Record<string, Weekday> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  weds: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 7,
  sunday: 7,
};

const GROUP_WORDS: Record<string, readonly Weekday[]> = {
  weekdays: WORK_DAYS,
  workdays: WORK_DAYS,
  weekends: WEEKEND_DAYS,
  weekend: WEEKEND_DAYS,
  daily: EVERY_DAY,
  everyday: EVERY_DAY,
};

/** The ISO weekday of a calendar date (no zone: the date is already local). */
export function weekdayOf(date: { year: number; month: number; day: number }): Weekday {
  const sundayFirst = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return (sundayFirst === 0 ? 7 : sundayFirst) as Weekday;
}

/** Sorted, without repeats. */
export function normaliseWeekdays(days: Iterable<number>): Weekday[] {
  return [...new Set(days)].filter((d): d is Weekday => Number.isInteger(d) && d >= 1 && d <= 7).sort();
}

/**
 * The days one token names: "mon", "Friday", "weekdays", "weekends", "daily", or a range "mon-fri"
 * (which may wrap, "fri-mon"); null when it names no day.
 */
export function parseWeekdayToken(token: string): Weekday[] | null {
  const lower = token.toLowerCase();
  const group = GROUP_WORDS[lower];
  if (group) return [...group];
  const single = DAY_WORDS[lower];
  if (single) return [single];
  const range = /^([a-z]+)[-–]([a-z]+)$/.exec(lower);
  if (!range) return null;
  const from = DAY_WORDS[range[1] ?? ""];
  const to = DAY_WORDS[range[2] ?? ""];
  if (!from || !to) return null;
  const days: Weekday[] = [];
  for (let d = from; ; d = ((d % 7) + 1) as Weekday) {
    days.push(d);
    if (d === to) break;
  }
  return normaliseWeekdays(days);
}

/** "every day", "weekdays (Mon–Fri)", "weekends (Sat, Sun)" or "Mon, Wed, Fri". */
export function describeWeekdays(days: readonly Weekday[]): string {
  const set = normaliseWeekdays(days);
  const key = set.join(",");
  if (key === EVERY_DAY.join(",")) return "every day";
  if (key === WORK_DAYS.join(",")) return "weekdays (Mon–Fri)";
  if (key === WEEKEND_DAYS.join(",")) return "weekends (Sat, Sun)";
  return set.map((d) => WEEKDAY_NAMES[d - 1]).join(", ");
}
