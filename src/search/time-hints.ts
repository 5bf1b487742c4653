/**
 * Reads "today", "yesterday", "this week", "latest"… in a question: a publication window to
 * search in, and whether newer articles should be preferred.
 */
import { addDays, instantOfLocal, localParts } from "../time-zone.js";

const DAY_MS = 86_400_000;

export interface TimeWindow {
  /** Epoch ms, inclusive. */
  since: number;
  /** Epoch ms, exclusive; null means up to now. */
  until: number | null;
}

export interface TimeHint {
  window: TimeWindow | null;
  prefersRecent: boolean;
  /** Indexes of the question words the hint used, so they are not searched for. */
  consumed: number[];
}

const RECENT_WORDS = new Set(["latest", "recent", "recently", "lately", "newest", "currently", "new"]);

function startOfLocalDay(now: number, timeZone: string, daysBack: number): number {
  const p = localParts(now, timeZone);
  const day = addDays({ year: p.year, month: p.month, day: p.day }, -daysBack);
  return instantOfLocal(day, { hour: 0, minute: 0 }, timeZone);
}

/**
 * The time hint of a question's words (lower case, in order). "today" and "yesterday" follow the
 * calendar of `timeZone`; "this week" and "this month" are the last 7 and 31 days.
 */
export function readTimeHint(words: readonly string[], now: number, timeZone: string): TimeHint {
  const consumed: number[] = [];
  let window: TimeWindow | null = null;
  let prefersRecent = false;
  words.forEach((word, i) => {
    const next = words[i + 1];
    if (word === "today" || word === "tonight") {
      window = { since: startOfLocalDay(now, timeZone, 0), until: null };
      consumed.push(i);
    } else if (word === "yesterday") {
      window = { since: startOfLocalDay(now, timeZone, 1), until: startOfLocalDay(now, timeZone, 0) };
      consumed.push(i);
    } else if (
      (word === "this" || word === "past" || word === "last") &&
      (next === "week" || next === "month")
    ) {
      const days = next === "week" ? 7 : 31;
      window = { since: now - days * DAY_MS, until: null };
      consumed.push(i, i + 1);
    } else if (RECENT_WORDS.has(word)) {
      prefersRecent = true;
      consumed.push(i);
    }
  });
  if (window) prefersRecent = true;
  return { window, prefersRecent, consumed };
}
