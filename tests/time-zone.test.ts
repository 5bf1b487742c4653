import { describe, expect, it } from "vitest";
import {
  addDays,
  formatLocalDateTime,
  formatLocalTime,
  instantOfLocal,
  isValidTimeZone,
  localDateKey,
  localParts,
  zoneOffset,
} from "../src/time-zone.js";

const utc = (iso: string) => Date.parse(iso);

describe("isValidTimeZone", () => {
  it("accepts IANA names and UTC", () => {
    expect(isValidTimeZone("Europe/London")).toBe(true);
    expect(isValidTimeZone("America/New_York")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
  });

  it("rejects unknown, empty and absurdly long names", () => {
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    expect(isValidTimeZone(`Europe/${"x".repeat(80)}`)).toBe(false);
  });
});

describe("localParts and zoneOffset", () => {
  it("gives the wall clock of an instant in a zone", () => {
    expect(localParts(utc("2025-07-01T08:30:15Z"), "Europe/London")).toEqual({
      year: 2025,
      month: 7,
      day: 1,
      hour: 9,
      minute: 30,
      second: 15,
    });
  });

  it("shows midnight as hour 0, not 24", () => {
    expect(localParts(utc("2025-01-01T00:00:00Z"), "UTC").hour).toBe(0);
  });

  it("follows daylight saving time in the offset", () => {
    expect(zoneOffset(utc("2025-07-01T12:00:00Z"), "Europe/London")).toBe(3_600_000);
    expect(zoneOffset(utc("2025-01-01T12:00:00Z"), "Europe/London")).toBe(0);
    expect(zoneOffset(utc("2025-01-01T12:00:00Z"), "Asia/Kolkata")).toBe(5.5 * 3_600_000);
  });
});

describe("instantOfLocal", () => {
  it("puts 09:00 London at 08:00 UTC in summer and 09:00 UTC in winter", () => {
    const summer = instantOfLocal({ year: 2025, month: 7, day: 1 }, { hour: 9, minute: 0 }, "Europe/London");
    const winter = instantOfLocal({ year: 2025, month: 1, day: 15 }, { hour: 9, minute: 0 }, "Europe/London");
    expect(summer).toBe(utc("2025-07-01T08:00:00Z"));
    expect(winter).toBe(utc("2025-01-15T09:00:00Z"));
  });

  it("moves a time skipped by spring-forward to the next valid minute", () => {
    const london = instantOfLocal(
      { year: 2025, month: 3, day: 30 },
      { hour: 1, minute: 30 },
      "Europe/London",
    );
    expect(london).toBe(utc("2025-03-30T01:00:00Z"));
    expect(formatLocalTime(london, "Europe/London")).toBe("02:00");
    const newYork = instantOfLocal(
      { year: 2025, month: 3, day: 9 },
      { hour: 2, minute: 30 },
      "America/New_York",
    );
    expect(formatLocalTime(newYork, "America/New_York")).toBe("03:00");
  });

  it("resolves a half-hour gap (Lord Howe Island) to its end", () => {
    const instant = instantOfLocal(
      { year: 2025, month: 10, day: 5 },
      { hour: 2, minute: 15 },
      "Australia/Lord_Howe",
    );
    expect(formatLocalTime(instant, "Australia/Lord_Howe")).toBe("02:30");
  });

  it("resolves a whole skipped day (Samoa, 30 Dec 2011) to the first minute after it", () => {
    const instant = instantOfLocal(
      { year: 2011, month: 12, day: 30 },
      { hour: 9, minute: 0 },
      "Pacific/Apia",
    );
    expect(instant).toBe(utc("2011-12-30T10:00:00Z"));
    expect(localDateKey(instant, "Pacific/Apia")).toBe("2011-12-31");
  });

  it("takes the first of two occurrences on the fall-back day", () => {
    const london = instantOfLocal(
      { year: 2025, month: 10, day: 26 },
      { hour: 1, minute: 30 },
      "Europe/London",
    );
    expect(london).toBe(utc("2025-10-26T00:30:00Z"));
    const newYork = instantOfLocal(
      { year: 2025, month: 11, day: 2 },
      { hour: 1, minute: 30 },
      "America/New_York",
    );
    expect(newYork).toBe(utc("2025-11-02T05:30:00Z"));
  });

  it("handles zones with half-hour offsets and the southern hemisphere", () => {
    expect(instantOfLocal({ year: 2025, month: 1, day: 1 }, { hour: 9, minute: 0 }, "Asia/Kolkata")).toBe(
      utc("2025-01-01T03:30:00Z"),
    );
    expect(instantOfLocal({ year: 2025, month: 1, day: 1 }, { hour: 9, minute: 0 }, "Australia/Sydney")).toBe(
      utc("2024-12-31T22:00:00Z"),
    );
  });
});

describe("calendar helpers", () => {
  it("keys an instant by its local date, which can differ from the UTC date", () => {
    expect(localDateKey(utc("2025-03-01T23:30:00Z"), "Asia/Tokyo")).toBe("2025-03-02");
    expect(localDateKey(utc("2025-03-01T03:30:00Z"), "America/Los_Angeles")).toBe("2025-02-28");
  });

  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays({ year: 2024, month: 2, day: 28 }, 1)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(addDays({ year: 2024, month: 12, day: 31 }, 1)).toEqual({ year: 2025, month: 1, day: 1 });
    expect(addDays({ year: 2025, month: 3, day: 1 }, -1)).toEqual({ year: 2025, month: 2, day: 28 });
  });

  it("formats a short local date and time with the zone's abbreviation", () => {
    expect(formatLocalDateTime(utc("2025-03-04T09:05:00Z"), "Europe/London")).toBe("Tue 4 Mar, 09:05 GMT");
    expect(formatLocalTime(utc("2025-07-04T09:05:00Z"), "Europe/London")).toBe("10:05");
  });
});
