import { describe, expect, it } from "vitest";
import {
  dueDigestDay,
  isDigestDue,
  latestDigestAt,
  nextDigestAt,
  upcomingDigestAt,
} from "../../src/digest/schedule.js";

const utc = (iso: string) => Date.parse(iso);
const london = { localTime: "09:00", timeZone: "Europe/London", subscribedAt: 0 };

describe("nextDigestAt", () => {
  it("is 08:00 UTC for 09:00 London in summer", () => {
    expect(nextDigestAt(london, utc("2025-07-01T07:00:00Z"))).toEqual({
      localDate: "2025-07-01",
      at: utc("2025-07-01T08:00:00Z"),
    });
  });

  it("is 09:00 UTC for 09:00 London in winter", () => {
    expect(nextDigestAt(london, utc("2025-01-15T07:00:00Z")).at).toBe(utc("2025-01-15T09:00:00Z"));
  });

  it("moves to the next day once today's time has passed", () => {
    expect(nextDigestAt(london, utc("2025-01-15T09:00:00Z"))).toEqual({
      localDate: "2025-01-16",
      at: utc("2025-01-16T09:00:00Z"),
    });
  });

  it("follows the clocks going forward: one hour earlier in UTC the next day", () => {
    const saturday = nextDigestAt(london, utc("2025-03-29T00:00:00Z")).at;
    const sunday = nextDigestAt(london, saturday).at;
    expect(saturday).toBe(utc("2025-03-29T09:00:00Z"));
    expect(sunday).toBe(utc("2025-03-30T08:00:00Z"));
    expect(sunday - saturday).toBe(23 * 3_600_000);
  });

  it("follows the clocks going back: 25 hours between the two digests", () => {
    const saturday = nextDigestAt(london, utc("2025-10-25T00:00:00Z")).at;
    const sunday = nextDigestAt(london, saturday).at;
    expect(saturday).toBe(utc("2025-10-25T08:00:00Z"));
    expect(sunday).toBe(utc("2025-10-26T09:00:00Z"));
  });

  it("sends a time that does not exist on the spring-forward day at the next valid minute", () => {
    const early = { localTime: "01:30", timeZone: "Europe/London" };
    expect(nextDigestAt(early, utc("2025-03-29T12:00:00Z"))).toEqual({
      localDate: "2025-03-30",
      at: utc("2025-03-30T01:00:00Z"),
    });
  });

  it("sends a time that occurs twice on the fall-back day once, at its first occurrence", () => {
    const early = { localTime: "01:30", timeZone: "America/New_York" };
    const first = nextDigestAt(early, utc("2025-11-02T00:00:00Z"));
    expect(first).toEqual({ localDate: "2025-11-02", at: utc("2025-11-02T05:30:00Z") });
    expect(nextDigestAt(early, first.at).localDate).toBe("2025-11-03");
  });

  it("uses the subscription's own zone, whatever the local date in UTC", () => {
    const tokyo = { localTime: "08:00", timeZone: "Asia/Tokyo" };
    expect(nextDigestAt(tokyo, utc("2025-03-01T20:00:00Z"))).toEqual({
      localDate: "2025-03-02",
      at: utc("2025-03-01T23:00:00Z"),
    });
  });
});

describe("latestDigestAt and dueDigestDay", () => {
  it("owes today's digest once its time has come", () => {
    expect(dueDigestDay(london, utc("2025-01-15T09:00:30Z"))).toEqual({
      localDate: "2025-01-15",
      at: utc("2025-01-15T09:00:00Z"),
    });
  });

  it("still owes yesterday's digest before today's time", () => {
    expect(latestDigestAt(london, utc("2025-01-15T08:59:00Z")).localDate).toBe("2025-01-14");
  });

  it("owes only the latest day after days of downtime, not one per missed day", () => {
    const afterThreeDaysDown = utc("2025-01-18T12:00:00Z");
    expect(dueDigestDay(london, afterThreeDaysDown)?.localDate).toBe("2025-01-18");
  });

  it("owes nothing for a day whose time passed before the channel subscribed", () => {
    const subscribed = { ...london, subscribedAt: utc("2025-01-15T10:00:00Z") };
    expect(dueDigestDay(subscribed, utc("2025-01-15T11:00:00Z"))).toBeNull();
    expect(dueDigestDay(subscribed, utc("2025-01-16T09:00:00Z"))?.localDate).toBe("2025-01-16");
  });
});

describe("isDigestDue", () => {
  it("is due when nothing was recorded for the day", () => {
    expect(isDigestDue(undefined, 0)).toBe(true);
  });

  it("is due again when an attempt was recorded but never finished (a crash during the post)", () => {
    expect(isDigestDue({ status: "posting", nextAttemptAt: null }, 0)).toBe(true);
  });

  it("is due for a pending retry only once its time has come", () => {
    expect(isDigestDue({ status: "pending", nextAttemptAt: 1_000 }, 999)).toBe(false);
    expect(isDigestDue({ status: "pending", nextAttemptAt: 1_000 }, 1_000)).toBe(true);
  });

  it("is settled once sent, skipped as empty, or failed", () => {
    for (const status of ["sent", "empty", "failed"] as const) {
      expect(isDigestDue({ status, nextAttemptAt: null }, 0)).toBe(false);
    }
  });
});

describe("upcomingDigestAt", () => {
  const sent = { status: "sent" as const, nextAttemptAt: null };
  const noRecords = () => undefined;

  it("is now when a digest is owed", () => {
    const now = utc("2025-01-15T10:00:00Z");
    expect(upcomingDigestAt(london, noRecords, now)).toEqual({ localDate: "2025-01-15", at: now });
  });

  it("is the retry time when a failed post waits for one", () => {
    const now = utc("2025-01-15T10:00:00Z");
    const pending = { status: "pending" as const, nextAttemptAt: now + 60_000 };
    expect(upcomingDigestAt(london, () => pending, now).at).toBe(now + 60_000);
  });

  it("skips today when today's digest went out before the time was moved later", () => {
    // 09:00 digest sent; at 10:00 the channel moves to 17:00: one digest per local day, so tomorrow.
    const moved = {
      localTime: "17:00",
      timeZone: "Europe/London",
      subscribedAt: utc("2025-01-15T10:00:00Z"),
    };
    const records = (day: string) => (day === "2025-01-15" ? sent : undefined);
    expect(upcomingDigestAt(moved, records, utc("2025-01-15T10:00:00Z"))).toEqual({
      localDate: "2025-01-16",
      at: utc("2025-01-16T17:00:00Z"),
    });
    expect(upcomingDigestAt(moved, noRecords, utc("2025-01-15T10:00:00Z")).at).toBe(
      utc("2025-01-15T17:00:00Z"),
    );
  });

  it("owes nothing right after the time is moved earlier: the next one is tomorrow", () => {
    const moved = { localTime: "09:00", timeZone: "UTC", subscribedAt: utc("2025-01-15T12:00:00Z") };
    expect(upcomingDigestAt(moved, noRecords, utc("2025-01-15T12:00:00Z")).at).toBe(
      utc("2025-01-16T09:00:00Z"),
    );
  });
});
