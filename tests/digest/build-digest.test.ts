import { describe, expect, it } from "vitest";
import type { Article } from "../../src/articles/article.js";
import { buildDigest, countStories, coveredArticles, type Digest } from "../../src/digest/build-digest.js";
import { createDigestCache } from "../../src/digest/window-stories.js";
import { DAY, HOUR, makeArticle, readFixture, TOPIC_ORDER } from "./helpers.js";

const NOW = Date.parse("2025-06-10T09:00:00Z");
const WINDOW = { since: NOW - DAY, until: NOW };
const CHANNEL = { channelId: "C1", topics: ["huawei", "tariffs", "agriculture"], timeZone: "Europe/London" };
const OPTIONS = { topicOrder: TOPIC_ORDER, maxPerTopic: 5 };

function fresh(overrides: Partial<Article> = {}): Article {
  return makeArticle({ publishedAt: NOW - 2 * HOUR, fetchedAt: NOW - HOUR, ...overrides });
}

function shownIds(digest: Digest): number[] {
  return digest.sections.flatMap((s) => s.entries.flatMap((e) => e.articleIds));
}

describe("buildDigest: what counts as new", () => {
  it("takes articles stored since the previous digest, not those stored before or after the window", () => {
    const inside = fresh({ fetchedAt: WINDOW.since });
    const before = fresh({ fetchedAt: WINDOW.since - 1 });
    const after = fresh({ fetchedAt: WINDOW.until });
    const digest = buildDigest([inside, before, after], CHANNEL, WINDOW, NOW, OPTIONS);
    expect(shownIds(digest)).toEqual([inside.id]);
  });

  it("includes an item published days ago but stored only now (a late feed item is not lost)", () => {
    const late = fresh({ publishedAt: NOW - 3 * DAY, fetchedAt: NOW - HOUR });
    expect(shownIds(buildDigest([late], CHANNEL, WINDOW, NOW, OPTIONS))).toEqual([late.id]);
  });

  it("leaves out a new feed's backlog published more than 7 days ago", () => {
    const backlog = fresh({ publishedAt: NOW - 8 * DAY, fetchedAt: NOW - HOUR });
    expect(countStories(buildDigest([backlog], CHANNEL, WINDOW, NOW, OPTIONS))).toBe(0);
  });

  it("takes only articles tagged with the channel's topics", () => {
    const farm = fresh({ topics: [{ topic: "agriculture", score: 0.9, evidence: [] }] });
    const chips = fresh({ topics: [{ topic: "huawei", score: 0.9, evidence: [] }] });
    const channel = { ...CHANNEL, topics: ["agriculture"] };
    expect(shownIds(buildDigest([farm, chips], channel, WINDOW, NOW, OPTIONS))).toEqual([farm.id]);
  });

  it("never repeats an article already delivered to the channel", () => {
    const old = fresh();
    const other = fresh();
    const digest = buildDigest([old, other], CHANNEL, WINDOW, NOW, {
      ...OPTIONS,
      delivered: new Map([[old.id, false]]),
    });
    expect(shownIds(digest)).toEqual([other.id]);
  });

  it("does not show again a story the channel was shown, when another outlet reports it later", () => {
    const [reuters, ap] = readFixture("same-story");
    if (!reuters || !ap) throw new Error("fixture");
    const shown = fresh({ ...reuters, fetchedAt: NOW - 30 * HOUR, publishedAt: NOW - 31 * HOUR });
    const later = fresh({ ...ap, fetchedAt: NOW - HOUR, publishedAt: NOW - 2 * HOUR });
    const digest = buildDigest([shown, later], CHANNEL, WINDOW, NOW, {
      ...OPTIONS,
      delivered: new Map([[shown.id, true]]),
    });
    expect(countStories(digest)).toBe(0);
  });
});

describe("buildDigest: layout", () => {
  it("has one section per subscribed topic in the fixed topic order, whatever the subscription's order", () => {
    const channel = { ...CHANNEL, topics: ["agriculture", "huawei"] };
    const digest = buildDigest([], channel, WINDOW, NOW, OPTIONS);
    expect(digest.sections.map((s) => s.topic)).toEqual(["huawei", "agriculture"]);
  });

  it("lists an article with several topics once, under its strongest, with the others as labels", () => {
    const both = fresh({
      topics: [
        { topic: "agriculture", score: 0.9, evidence: [] },
        { topic: "tariffs", score: 0.6, evidence: [] },
      ],
    });
    const digest = buildDigest([both], CHANNEL, WINDOW, NOW, OPTIONS);
    expect(shownIds(digest)).toEqual([both.id]);
    const agriculture = digest.sections.find((s) => s.topic === "agriculture");
    expect(agriculture?.entries[0]?.labels).toEqual(["tariffs"]);
  });

  it("chooses the strongest among the channel's own topics", () => {
    const article = fresh({
      topics: [
        { topic: "huawei", score: 0.95, evidence: [] },
        { topic: "tariffs", score: 0.4, evidence: [] },
      ],
    });
    const digest = buildDigest([article], { ...CHANNEL, topics: ["tariffs"] }, WINDOW, NOW, OPTIONS);
    expect(digest.sections[0]?.entries[0]).toMatchObject({ topic: "tariffs", labels: [] });
  });

  it("shows at most maxPerTopic stories per topic and counts the rest", () => {
    const many = Array.from({ length: 8 }, () => fresh());
    const digest = buildDigest(many, CHANNEL, WINDOW, NOW, { ...OPTIONS, maxPerTopic: 3 });
    const tariffs = digest.sections.find((s) => s.topic === "tariffs");
    expect(tariffs?.entries).toHaveLength(3);
    expect(tariffs?.hiddenStories).toBe(5);
    expect(countStories(digest)).toBe(8);
  });

  it("ranks by topic score and by recency", () => {
    const weakNew = fresh({
      topics: [{ topic: "tariffs", score: 0.3, evidence: [] }],
      publishedAt: NOW - HOUR,
    });
    const strongNew = fresh({
      topics: [{ topic: "tariffs", score: 0.9, evidence: [] }],
      publishedAt: NOW - HOUR,
    });
    const strongOld = fresh({
      topics: [{ topic: "tariffs", score: 0.9, evidence: [] }],
      publishedAt: NOW - 3 * DAY,
    });
    const digest = buildDigest([weakNew, strongOld, strongNew], CHANNEL, WINDOW, NOW, OPTIONS);
    expect(shownIds(digest)).toEqual([strongNew.id, weakNew.id, strongOld.id]);
  });

  it("merges the same story from several outlets into one entry listing every source", () => {
    const articles = readFixture("same-story")
      .filter((f) => f.key.startsWith("chip-") && f.key !== "chip-old")
      .map((f) => fresh({ ...f, publishedAt: NOW - f.publishedHoursAgo * HOUR, fetchedAt: NOW - HOUR }));
    const digest = buildDigest(articles, CHANNEL, WINDOW, NOW, OPTIONS);
    const huawei = digest.sections.find((s) => s.topic === "huawei");
    expect(huawei?.entries).toHaveLength(1);
    const entry = huawei?.entries[0];
    expect(entry?.sources.map((s) => s.name)).toEqual([
      "Reuters",
      "Associated Press",
      "South China Morning Post",
    ]);
    expect(entry?.articleIds).toHaveLength(3);
    expect(entry?.url).toBe("https://reuters.example/technology/huawei-kirin-smic");
    expect(entry?.summary).toMatch(/unveiled a new Kirin processor/);
  });

  it("keeps one entry per article when merging is off", () => {
    const articles = readFixture("same-story")
      .filter((f) => f.key.startsWith("chip-") && f.key !== "chip-old")
      .map((f) => fresh({ ...f, fetchedAt: NOW - HOUR }));
    const digest = buildDigest(articles, CHANNEL, WINDOW, NOW, { ...OPTIONS, mergeSameStories: false });
    expect(countStories(digest)).toBe(3);
  });

  it("dates the digest by the channel's local day unless told which day it is for", () => {
    const late = Date.parse("2025-06-10T23:30:00Z");
    expect(buildDigest([], { ...CHANNEL, timeZone: "Asia/Tokyo" }, WINDOW, late, OPTIONS).localDate).toBe(
      "2025-06-11",
    );
    expect(buildDigest([], CHANNEL, WINDOW, late, { ...OPTIONS, localDate: "2025-06-09" }).localDate).toBe(
      "2025-06-09",
    );
  });
});

describe("coveredArticles", () => {
  it("flags shown articles, and covers hidden ones only where a later window could see them again", () => {
    const early = fresh({
      fetchedAt: NOW - 10 * HOUR,
      topics: [{ topic: "tariffs", score: 0.2, evidence: [] }],
    });
    const late = fresh({ fetchedAt: NOW - 60_000, topics: [{ topic: "tariffs", score: 0.3, evidence: [] }] });
    const shown = Array.from({ length: 2 }, () =>
      fresh({ topics: [{ topic: "tariffs", score: 0.9, evidence: [] }] }),
    );
    const digest = buildDigest([early, late, ...shown], CHANNEL, WINDOW, NOW, {
      ...OPTIONS,
      maxPerTopic: 2,
      lateArrivalMs: 15 * 60_000,
    });
    expect(digest.sections.find((s) => s.topic === "tariffs")?.hiddenStories).toBe(2);
    expect(coveredArticles(digest)).toEqual([
      ...shown.map((a) => ({ id: a.id, shown: true })),
      { id: late.id, shown: false },
    ]);
  });
});

describe("buildDigest with a shared cache", () => {
  it("builds the same digest as without it, for channels with different topics and deliveries", () => {
    const articles = readFixture("same-story").map((f) =>
      fresh({ ...f, publishedAt: NOW - f.publishedHoursAgo * HOUR, fetchedAt: NOW - HOUR }),
    );
    const cache = createDigestCache();
    const channels = [
      { options: OPTIONS, channel: CHANNEL },
      { options: OPTIONS, channel: { ...CHANNEL, topics: ["agriculture"] } },
      { options: { ...OPTIONS, delivered: new Map([[articles[5]?.id ?? 0, true]]) }, channel: CHANNEL },
    ];
    for (const { options, channel } of channels) {
      const plain = buildDigest(articles, channel, WINDOW, NOW, options);
      expect(buildDigest(articles, channel, WINDOW, NOW, { ...options, cache })).toEqual(plain);
    }
  });
});
