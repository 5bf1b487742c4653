import { describe, expect, it } from "vitest";
import { instantOfLocal, localParts, zoneOffset } from "../src/time-zone.js";

// A brute-force check of instantOfLocal around every clock change of 2024–2026 in every zone the
// runtime knows, against an oracle that uses nothing but Intl's own offsets (no luxon).

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2027, 0, 1);

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset in ms at an instant, read from Intl's "GMT+05:30" style name. */
function oracleOffset(instant: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(instant).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return (match[1] === "-" ? -1 : 1) * minutes * MINUTE;
}

const wallOf = (instant: number, timeZone: string) => instant + oracleOffset(instant, timeZone);

interface Change {
  at: number;
  before: number;
  after: number;
}

/** Every offset change in [FROM, TO), found by weekly samples and bisection to the minute. */
function changesOf(timeZone: string): Change[] {
  const changes: Change[] = [];
  for (let t = FROM; t < TO; t += 7 * DAY) {
    const before = oracleOffset(t, timeZone);
    const after = oracleOffset(t + 7 * DAY, timeZone);
    if (before === after) continue;
    let lo = t;
    let hi = t + 7 * DAY;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (oracleOffset(mid, timeZone) === before) lo = mid;
      else hi = mid;
    }
    changes.push({ at: hi, before, after });
  }
  return changes;
}

function asDate(wall: number) {
  const d = new Date(wall);
  return {
    date: { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() },
    time: { hour: d.getUTCHours(), minute: d.getUTCMinutes() },
  };
}

const zones = Intl.supportedValuesOf("timeZone");

describe("instantOfLocal around every clock change of 2024–2026 in every zone", () => {
  it(`gives the first instant whose wall clock reaches the wanted time (${zones.length} zones)`, () => {
    const failures: string[] = [];
    let changesSeen = 0;
    for (const timeZone of zones) {
      for (const change of changesOf(timeZone)) {
        changesSeen++;
        const size = Math.abs(change.after - change.before);
        const wallBefore = change.at + change.before;
        const wallAfter = change.at + change.after;
        const walls = new Set<number>();
        for (const base of [wallBefore, wallAfter]) {
          for (let d = -size - 30 * MINUTE; d <= size + 30 * MINUTE; d += 30 * MINUTE) walls.add(base + d);
        }
        for (const wall of walls) {
          const { date, time } = asDate(wall);
          const got = instantOfLocal(date, time, timeZone);
          const reached = wallOf(got, timeZone) >= wall;
          const firstMinute = wallOf(got - MINUTE, timeZone) < wall;
          const firstOccurrence = wallOf(got - size, timeZone) < wall;
          const exactWhenItExists = wallOf(got, timeZone) === wall || got === change.at;
          if (!(reached && firstMinute && firstOccurrence && exactWhenItExists)) {
            failures.push(
              `${timeZone} ${new Date(wall).toISOString().slice(0, 16)} local → ${new Date(got).toISOString()}`,
            );
          }
        }
      }
    }
    expect(changesSeen).toBeGreaterThan(500);
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it("agrees with Intl on the wall clock and offset of instants across the three years", () => {
    const failures: string[] = [];
    for (const timeZone of zones) {
      for (let t = FROM + 17 * MINUTE; t < TO; t += 97 * DAY + 7 * HOUR) {
        const parts = localParts(t, timeZone);
        const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
        if (
          wall !== Math.floor(wallOf(t, timeZone) / 1000) * 1000 ||
          zoneOffset(t, timeZone) !== oracleOffset(t, timeZone)
        ) {
          failures.push(`${timeZone} ${new Date(t).toISOString()}`);
        }
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });
});
