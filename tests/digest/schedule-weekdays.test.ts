import { describe, expect, it } from "vitest";
import { dueDigestDay, isDigestDue, nextDigestAt, upcomingDigestAt } from "../../src/digest/schedule.js";
import type { Weekday } from "../../src/subscriptions/weekdays.js";

const utc = (iso: string) => Date.parse(iso);
const weekdays: Weekday[] = [1, 2, 3, 4, 5];

describe("digests only on the subscription's weekdays", () => {
  it("skips the weekend across the spring-forward change (London, Mon/Wed/Fri)", () => {
    const s = { localTime: "09:00", timeZone: "Europe/London", weekdays: [1, 3, 5] as Weekday[] };
    const friday = nextDigestAt(s, utc("2025-03-27T12:00:00Z"));
    expect(friday).toEqual({ localDate: "2025-03-28", at: utc("2025-03-28T09:00:00Z") });
    // Clocks go forward on Sunday 30 March; Monday's 09:00 is 08:00 UTC.
    expect(nextDigestAt(s, friday.at)).toEqual({ localDate: "2025-03-31", at: utc("2025-03-31T08:00:00Z") });
  });

  it("skips the weekend across the fall-back change (New York, weekdays)", () => {
    const s = { localTime: "07:30", timeZone: "America/New_York", weekdays };
    const friday = nextDigestAt(s, utc("2025-10-31T10:00:00Z"));
    expect(friday.at).toBe(utc("2025-10-31T11:30:00Z"));
    // Clocks go back on Sunday 2 November; Monday's 07:30 EST is 12:30 UTC.
    expect(nextDigestAt(s, friday.at)).toEqual({ localDate: "2025-11-03", at: utc("2025-11-03T12:30:00Z") });
  });

  it("judges the weekday on the local date, not the UTC one", () => {
    const s = { localTime: "08:00", timeZone: "Pacific/Auckland", weekdays };
    // Sunday noon in Auckland: the next digest is Monday 08:00 there, still Sunday in UTC.
    expect(nextDigestAt(s, utc("2025-06-01T00:00:00Z"))).toEqual({
      localDate: "2025-06-02",
      at: utc("2025-06-01T20:00:00Z"),
    });
  });

  it("finds a once-a-week digest six days ahead", () => {
    const s = { localTime: "09:00", timeZone: "UTC", weekdays: [1] as Weekday[] };
    expect(nextDigestAt(s, utc("2025-06-03T10:00:00Z")).localDate).toBe("2025-06-09");
  });

  it("owes no new digest on a skipped day: the latest owed one is still Friday's", () => {
    const s = { localTime: "09:00", timeZone: "Europe/London", weekdays, subscribedAt: 0 };
    const saturday = utc("2025-06-07T12:00:00Z");
    expect(dueDigestDay(s, saturday)?.localDate).toBe("2025-06-06");
    const fridaySent = (localDate: string) =>
      localDate === "2025-06-06" ? { status: "sent" as const, nextAttemptAt: null } : undefined;
    expect(isDigestDue(fridaySent("2025-06-06"), saturday)).toBe(false);
    expect(upcomingDigestAt(s, fridaySent, saturday)).toEqual({
      localDate: "2025-06-09",
      at: utc("2025-06-09T08:00:00Z"),
    });
  });

  it("treats every day the same as no weekdays at all", () => {
    const everyDay = { localTime: "09:00", timeZone: "UTC", weekdays: [1, 2, 3, 4, 5, 6, 7] as Weekday[] };
    const plain = { localTime: "09:00", timeZone: "UTC" };
    const at = utc("2025-06-07T12:00:00Z");
    expect(nextDigestAt(everyDay, at)).toEqual(nextDigestAt(plain, at));
  });
});
