import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/open-database.js";
import { createSubscriptionRepository } from "../../src/store/subscription-repository.js";

const base = {
  channelId: "C1",
  topics: ["tariffs"],
  localTime: "09:00",
  timeZone: "UTC",
  subscribedBy: "U1",
};

describe("subscription controls in the store", () => {
  it("defaults to no filters, every day and digest only", () => {
    const repo = createSubscriptionRepository(openDatabase(":memory:"));
    expect(repo.subscribe({ ...base, now: 1 })).toMatchObject({
      includeKeywords: [],
      excludeKeywords: [],
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      alertMode: "digest",
      alertsSince: null,
    });
  });

  it("stores filters, weekdays and alert mode, and starts alerts from when they were switched on", () => {
    const repo = createSubscriptionRepository(openDatabase(":memory:"));
    repo.subscribe({ ...base, now: 1 });
    const on = repo.subscribe({
      ...base,
      now: 50,
      includeKeywords: ["soybean", "phase one"],
      excludeKeywords: ["pork"],
      weekdays: [5, 1, 3],
      alertMode: "alerts",
    });
    expect(on).toMatchObject({
      includeKeywords: ["soybean", "phase one"],
      excludeKeywords: ["pork"],
      weekdays: [1, 3, 5],
      alertMode: "alerts",
      alertsSince: 50,
    });
    expect(repo.subscribe({ ...base, now: 90, alertMode: "alerts", weekdays: [1, 3, 5] }).alertsSince).toBe(
      50,
    );
    expect(repo.subscribe({ ...base, now: 95, alertMode: "digest" }).alertsSince).toBeNull();
  });

  it("starts the schedule afresh when the weekdays change, like a new time", () => {
    const repo = createSubscriptionRepository(openDatabase(":memory:"));
    repo.subscribe({ ...base, now: 1 });
    expect(repo.subscribe({ ...base, now: 5 }).subscribedAt).toBe(1);
    expect(repo.subscribe({ ...base, now: 9, weekdays: [1, 2, 3, 4, 5] }).subscribedAt).toBe(9);
  });
});
