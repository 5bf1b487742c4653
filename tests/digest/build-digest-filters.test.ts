import { describe, expect, it } from "vitest";
import type { Article } from "../../src/articles/article.js";
import { buildDigest, type Digest } from "../../src/digest/build-digest.js";
import { DAY, HOUR, makeArticle, TOPIC_ORDER } from "./helpers.js";

const NOW = Date.parse("2025-06-10T09:00:00Z");
const WINDOW = { since: NOW - DAY, until: NOW };
const OPTIONS = { topicOrder: TOPIC_ORDER, maxPerTopic: 5 };
const channel = (includeKeywords: string[], excludeKeywords: string[]) => ({
  channelId: "C1",
  topics: ["tariffs"],
  timeZone: "UTC",
  includeKeywords,
  excludeKeywords,
});

function fresh(title: string, body: string): Article {
  return makeArticle({ title, body, publishedAt: NOW - 2 * HOUR, fetchedAt: NOW - HOUR });
}

const shown = (digest: Digest) => digest.sections.flatMap((s) => s.entries.map((e) => e.title));

describe("buildDigest: keyword filters", () => {
  const soy = fresh("Soybean tariffs cut", "Beijing lowered duties on American farm goods.");
  const pork = fresh("Pork tariffs raised", "Duties on soybean meal and pork rose on Monday.");
  const chips = fresh("Chip export rules", "New tariffs on semiconductors were announced.");
  const all = [soy, pork, chips];

  it("lists everything without filters", () => {
    expect(shown(buildDigest(all, channel([], []), WINDOW, NOW, OPTIONS))).toHaveLength(3);
  });

  it("keeps only articles mentioning an include keyword, in title or body", () => {
    expect(shown(buildDigest(all, channel(["soybean"], []), WINDOW, NOW, OPTIONS)).sort()).toEqual([
      "Pork tariffs raised",
      "Soybean tariffs cut",
    ]);
  });

  it("leaves out articles mentioning an exclude keyword, even when they match an include one", () => {
    expect(shown(buildDigest(all, channel(["soybean"], ["pork"]), WINDOW, NOW, OPTIONS))).toEqual([
      "Soybean tariffs cut",
    ]);
  });

  it('counts a filtered-out article nowhere, not even in "and N more"', () => {
    const digest = buildDigest(all, channel([], ["tariffs"]), WINDOW, NOW, OPTIONS);
    expect(digest.sections.map((s) => [s.entries.length, s.hiddenStories])).toEqual([[0, 0]]);
  });
});
