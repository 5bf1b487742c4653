import { describe, expect, it } from "vitest";
import { parseLookback, previewChannelDigest, previewDigest } from "../../src/digest/preview-digest.js";
import { createDigestRepository } from "../../src/store/digest-repository.js";
import { openDatabase } from "../../src/store/open-database.js";
import { createSqliteStore } from "../../src/store/sqlite-store.js";
import { createSubscriptionRepository } from "../../src/store/subscription-repository.js";
import { HOUR, storeArticle, TOPIC_ORDER } from "./helpers.js";
import { createSenderHarness } from "./sender-harness.js";

const NOW = Date.parse("2025-01-15T08:00:00Z");
const SETTINGS = { topicOrder: TOPIC_ORDER, maxPerTopic: 5 };

describe("previewDigest", () => {
  it("builds an ad-hoc digest of the given topics since a time, as blocks and as text", async () => {
    const db = openDatabase(":memory:");
    storeArticle(db, NOW - 2 * HOUR, {
      title: "Recent soybean story",
      topics: [{ topic: "agriculture", score: 0.9, evidence: [] }],
    });
    storeArticle(db, NOW - 30 * HOUR, {
      title: "Older soybean story",
      topics: [{ topic: "agriculture", score: 0.9, evidence: [] }],
    });
    storeArticle(db, NOW - HOUR, {
      title: "Huawei story",
      topics: [{ topic: "huawei", score: 0.9, evidence: [] }],
    });
    const preview = await previewDigest(
      createSqliteStore(db),
      { topics: ["agriculture"], since: NOW - 24 * HOUR, now: NOW, timeZone: "UTC" },
      SETTINGS,
    );
    expect(preview.text).toContain("Recent soybean story");
    expect(preview.text).not.toContain("Older soybean story");
    expect(preview.text).not.toContain("Huawei story");
    expect(JSON.stringify(preview.message.blocks)).toContain("Recent soybean story");
  });
});

describe("previewChannelDigest", () => {
  it("shows what the channel's next digest holds without recording anything as delivered", async () => {
    const subscribed = NOW - 22 * HOUR;
    const h = createSenderHarness({ start: subscribed });
    h.subscribe("C1", subscribed);
    storeArticle(h.db, NOW - HOUR, { title: "Story seen in a preview first" });
    const preview = await previewChannelDigest(createSqliteStore(h.db), "C1", NOW, SETTINGS);
    expect(preview?.text).toContain("Story seen in a preview first");
    expect(preview?.digest.localDate).toBe("2025-01-15");
    expect(h.db.prepare("SELECT count(*) FROM digests").pluck().get()).toBe(0);
    await h.tickAt(Date.parse("2025-01-15T09:00:10Z"));
    expect(JSON.stringify(h.poster.posted[0]?.message.blocks)).toContain("Story seen in a preview first");
  });

  it("leaves out what the channel already received", async () => {
    const subscribed = NOW - 24 * HOUR;
    const h = createSenderHarness({ start: subscribed });
    h.subscribe("C1", subscribed);
    storeArticle(h.db, NOW - HOUR, { title: "Already delivered story" });
    await h.tickAt(Date.parse("2025-01-15T09:00:10Z"));
    const preview = await previewChannelDigest(
      createSqliteStore(h.db),
      "C1",
      Date.parse("2025-01-15T12:00:00Z"),
      SETTINGS,
    );
    expect(preview?.text).not.toContain("Already delivered story");
    expect(preview?.digest.localDate).toBe("2025-01-16");
    expect(createDigestRepository(h.db).recent("C1", 10)).toHaveLength(1);
  });

  it("is null for a channel without an active subscription", async () => {
    const db = openDatabase(":memory:");
    expect(await previewChannelDigest(createSqliteStore(db), "C404", NOW, SETTINGS)).toBeNull();
    expect(createSubscriptionRepository(db).get("C404")).toBeUndefined();
  });
});

describe("parseLookback", () => {
  it("reads minutes, hours, days and weeks", () => {
    expect(parseLookback("90m")).toBe(90 * 60_000);
    expect(parseLookback("24h")).toBe(24 * HOUR);
    expect(parseLookback("2d")).toBe(48 * HOUR);
    expect(parseLookback("1w")).toBe(7 * 24 * HOUR);
  });

  it("refuses anything else", () => {
    for (const bad of ["", "24", "h", "0h", "-1h", "1y", "1.5h"]) expect(parseLookback(bad)).toBeNull();
  });
});
