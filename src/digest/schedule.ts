import type { DigestRecord } from "../store/digest-repository.js";
import type { Subscription } from "../store/subscription-repository.js";
import { type Weekday, weekdayOf } from "../subscriptions/weekdays.js";
import { addDays, instantOfLocal, localParts } from "../time-zone.js";

/**
 * When digests are due. A subscription names a wall-clock time ("HH:MM") in an IANA zone; each
 * local day has one occurrence, computed in that zone so it follows daylight saving time (09:00
 * Europe/London is 08:00 UTC in summer, 09:00 UTC in winter). A time skipped by a spring-forward
 * change happens at the next valid minute; a time that occurs twice happens at the first. Days not
 * among the subscription's weekdays (judged on the local date) have no occurrence at all, so what
 * arrives on them waits for the next digest.
 */

export type ScheduledSubscription = Pick<Subscription, "localTime" | "timeZone"> & {
  /** ISO weekdays with a digest; every day when absent or empty. */
  weekdays?: readonly Weekday[];
};

/** Offsets wide enough to find the next (or latest) occurrence with one weekday a week. */
const SEARCH_DAYS = 9;

/** One scheduled digest: the local day it is for and the instant it falls due. */
export interface Occurrence {
  /** "YYYY-MM-DD" in the subscription's zone. */
  localDate: string;
  at: number;
}

type CalendarDate = { year: number; month: number; day: number };

function parseLocalTime(localTime: string): { hour: number; minute: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(localTime);
  if (!match) throw new Error(`subscription time "${localTime}" is not HH:MM (24-hour)`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function dateKey(date: CalendarDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

function hasDigestOn(subscription: ScheduledSubscription, date: CalendarDate): boolean {
  const days = subscription.weekdays;
  return !days || days.length === 0 || days.length === 7 || days.includes(weekdayOf(date));
}

function occurrenceOn(subscription: ScheduledSubscription, date: CalendarDate): Occurrence {
  const at = instantOfLocal(date, parseLocalTime(subscription.localTime), subscription.timeZone);
  return { localDate: dateKey(date), at };
}

function localDateOf(instant: number, timeZone: string): CalendarDate {
  const p = localParts(instant, timeZone);
  return { year: p.year, month: p.month, day: p.day };
}

/** The first scheduled digest strictly after `after` (epoch ms). */
export function nextDigestAt(subscription: ScheduledSubscription, after: number): Occurrence {
  const today = localDateOf(after, subscription.timeZone);
  for (let offset = -1; offset <= SEARCH_DAYS; offset++) {
    const date = addDays(today, offset);
    if (!hasDigestOn(subscription, date)) continue;
    const occurrence = occurrenceOn(subscription, date);
    if (occurrence.at > after) return occurrence;
  }
  throw new Error(`no digest time found after ${new Date(after).toISOString()} in ${subscription.timeZone}`);
}

/** The latest scheduled digest at or before `atOrBefore`. */
export function latestDigestAt(subscription: ScheduledSubscription, atOrBefore: number): Occurrence {
  const today = localDateOf(atOrBefore, subscription.timeZone);
  for (let offset = 1; offset >= -SEARCH_DAYS; offset--) {
    const date = addDays(today, offset);
    if (!hasDigestOn(subscription, date)) continue;
    const occurrence = occurrenceOn(subscription, date);
    if (occurrence.at <= atOrBefore) return occurrence;
  }
  throw new Error(
    `no digest time found before ${new Date(atOrBefore).toISOString()} in ${subscription.timeZone}`,
  );
}

/**
 * The local day whose digest is owed at `now`: the latest scheduled occurrence, if the channel was
 * already subscribed then. Only the latest counts, so after downtime one digest is sent (covering
 * everything since the last one), not one per missed day. Null: nothing is owed yet.
 */
export function dueDigestDay(
  subscription: ScheduledSubscription & Pick<Subscription, "subscribedAt">,
  now: number,
): Occurrence | null {
  const latest = latestDigestAt(subscription, now);
  return latest.at >= subscription.subscribedAt ? latest : null;
}

/**
 * Whether the owed day's digest still has to be (re)attempted given its record: none yet, an
 * attempt that never finished (the process stopped during it), or a pending retry whose time came.
 */
export function isDigestDue(
  record: Pick<DigestRecord, "status" | "nextAttemptAt"> | undefined,
  now: number,
): boolean {
  if (!record) return true;
  if (record.status === "posting") return true;
  if (record.status === "pending") return (record.nextAttemptAt ?? 0) <= now;
  return false;
}

/**
 * When the channel's next digest goes out, decided as the scheduler decides it (for replies and
 * `/trade status`): now when one is owed, the retry time when a failed post waits for one, else the
 * first later occurrence whose local day has not had its digest yet — one digest per local day,
 * so a time moved later after today's digest went out takes effect tomorrow.
 */
export function upcomingDigestAt(
  subscription: ScheduledSubscription & Pick<Subscription, "subscribedAt">,
  recordFor: (localDate: string) => Pick<DigestRecord, "status" | "nextAttemptAt"> | undefined,
  now: number,
): Occurrence {
  const due = dueDigestDay(subscription, now);
  if (due) {
    const record = recordFor(due.localDate);
    if (isDigestDue(record, now)) return { localDate: due.localDate, at: now };
    if (record?.status === "pending" && record.nextAttemptAt !== null) {
      return { localDate: due.localDate, at: record.nextAttemptAt };
    }
  }
  let next = nextDigestAt(subscription, now);
  for (let day = 0; day < 3; day++) {
    const record = recordFor(next.localDate);
    if (!record || record.status === "posting" || record.status === "pending") return next;
    next = nextDigestAt(subscription, next.at);
  }
  return next;
}
