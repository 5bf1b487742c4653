import { describe, expect, it } from "vitest";
import { storeArticle } from "./helpers.js";
import { createSenderHarness } from "./sender-harness.js";

const SUBSCRIBED = Date.parse("2025-01-14T12:00:00Z");
const DIGEST_TIME = Date.parse("2025-01-15T09:00:00Z");
const CHANNELS = 1_000;
const TOPIC_SETS = [
  ["huawei"],
  ["tariffs"],
  ["agriculture"],
  ["huawei", "tariffs"],
  ["huawei", "tariffs", "agriculture"],
];

function fanOutHarness(realYields = false) {
  const h = createSenderHarness({ start: SUBSCRIBED, settings: { maxPostsPerSecond: 10 }, realYields });
  for (let i = 0; i < CHANNELS; i++) {
    h.subscribe(`C${String(i).padStart(4, "0")}`, SUBSCRIBED, { topics: TOPIC_SETS[i % TOPIC_SETS.length] });
  }
  for (let i = 0; i < 60; i++) {
    const topic = ["huawei", "tariffs", "agriculture"][i % 3] ?? "tariffs";
    storeArticle(h.db, DIGEST_TIME - (i + 1) * 10 * 60_000, {
      topics: [{ topic, score: 0.5 + (i % 5) / 10, evidence: [] }],
    });
  }
  return h;
}

describe("fan-out of 1,000 digests due in the same minute", () => {
  it("sends every digest, at most SLACK_MAX_POSTS_PER_SECOND posts in any simulated second", async () => {
    const h = fanOutHarness();
    const report = await h.tickAt(DIGEST_TIME + 5_000);
    expect(report.sent).toBe(CHANNELS);
    expect(new Set(h.poster.posted.map((p) => p.channel)).size).toBe(CHANNELS);
    const perSecond = new Map<number, number>();
    for (const t of h.postTimes)
      perSecond.set(Math.floor(t / 1_000), (perSecond.get(Math.floor(t / 1_000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(10);
    const span = (h.postTimes.at(-1) ?? 0) - (h.postTimes[0] ?? 0);
    expect(span).toBeLessThan(3 * 60_000);
  });

  it("yields to the event loop between digests so other work keeps running", async () => {
    const h = fanOutHarness(true);
    const sentWhenOtherWorkRan: number[] = [];
    const interval = setInterval(() => sentWhenOtherWorkRan.push(h.poster.posted.length), 0);
    await h.tickAt(DIGEST_TIME + 5_000);
    clearInterval(interval);
    expect(sentWhenOtherWorkRan.some((n) => n > 0 && n < CHANNELS)).toBe(true);
    expect(h.yields()).toBeGreaterThanOrEqual(CHANNELS);
  });

  it("builds each digest from the channel's own topics", async () => {
    const h = fanOutHarness();
    await h.tickAt(DIGEST_TIME + 5_000);
    const huaweiOnly = h.poster.postedTo("C0000")[0]?.message.text ?? "";
    expect(huaweiOnly).toBe("Trade news digest for Wed 15 Jan 2025: Huawei 20.");
  });
});
