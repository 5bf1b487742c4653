import { describe, expect, it } from "vitest";
import { searchTimeZones } from "../../src/subscriptions/time-zones.js";
import { describeWeekdays, parseWeekdayToken, weekdayOf } from "../../src/subscriptions/weekdays.js";

describe("time-zone suggestions", () => {
  it("puts a city that starts with the query first, reading spaces as underscores", () => {
    expect(searchTimeZones("new york")[0]).toBe("America/New_York");
    expect(searchTimeZones("LONDON")[0]).toBe("Europe/London");
    expect(searchTimeZones("utc")).toContain("UTC");
  });

  it("answers at most 100 zones, and none for nonsense", () => {
    expect(searchTimeZones("a").length).toBeLessThanOrEqual(100);
    expect(searchTimeZones("")).toHaveLength(100);
    expect(searchTimeZones("zzzz-not-a-zone")).toEqual([]);
  });
});

describe("weekdays", () => {
  it("knows the ISO weekday of a local date", () => {
    expect(weekdayOf({ year: 2025, month: 6, day: 9 })).toBe(1);
    expect(weekdayOf({ year: 2025, month: 6, day: 15 })).toBe(7);
  });

  it("reads names, groups and wrapping ranges, and describes sets in words", () => {
    expect(parseWeekdayToken("Wednesday")).toEqual([3]);
    expect(parseWeekdayToken("sat-mon")).toEqual([1, 6, 7]);
    expect(parseWeekdayToken("someday")).toBeNull();
    expect(describeWeekdays([1, 2, 3, 4, 5])).toBe("weekdays (Mon–Fri)");
    expect(describeWeekdays([5, 1, 3])).toBe("Mon, Wed, Fri");
    expect(describeWeekdays([1, 2, 3, 4, 5, 6, 7])).toBe("every day");
  });
});
