import { describe, expect, it } from "vitest";
import type { Article } from "../../src/articles/article.js";
import {
  computeStorySignature,
  groupSameStories,
  indexStories,
  isSameStory,
} from "../../src/digest/same-story.js";
import { HOUR, makeArticle, readFixture } from "./helpers.js";

const NOW = Date.parse("2025-06-10T12:00:00Z");

function fixtureArticles(): Map<string, Article> {
  const out = new Map<string, Article>();
  for (const f of readFixture("same-story")) {
    out.set(
      f.key,
      makeArticle({
        title: f.title,
        body: f.body,
        source: f.source,
        url: f.url,
        topics: f.topics,
        publishedAt: NOW - f.publishedHoursAgo * HOUR,
        fetchedAt: NOW - f.publishedHoursAgo * HOUR,
      }),
    );
  }
  return out;
}

function keysOf(groups: Article[][], byKey: Map<string, Article>): string[][] {
  const keyOf = new Map([...byKey].map(([k, a]) => [a.id, k]));
  return groups.map((g) => g.map((a) => keyOf.get(a.id) ?? "?"));
}

describe("groupSameStories", () => {
  it("merges one event reported by three outlets (wire copy, edited copy, one-line summary)", () => {
    const byKey = fixtureArticles();
    const groups = keysOf(groupSameStories([...byKey.values()]), byKey);
    expect(groups).toContainEqual(["chip-reuters", "chip-ap", "chip-scmp"]);
  });

  it("keeps apart different stories that share a subject and vocabulary", () => {
    const byKey = fixtureArticles();
    const groups = keysOf(groupSameStories([...byKey.values()]), byKey);
    expect(groups).toContainEqual(["entity-list"]);
    expect(groups).toContainEqual(["soy-raise"]);
    expect(groups).toContainEqual(["soy-cut"]);
  });

  it("does not merge the same text published more than 48 hours apart", () => {
    const byKey = fixtureArticles();
    const groups = keysOf(groupSameStories([...byKey.values()]), byKey);
    expect(groups).toContainEqual(["chip-old"]);
  });

  it("lists each group oldest first, and groups in order of their first report", () => {
    const byKey = fixtureArticles();
    const groups = groupSameStories([...byKey.values()]);
    for (const group of groups) {
      const times = group.map((a) => a.publishedAt);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    const firsts = groups.map((g) => g[0]?.publishedAt ?? 0);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
  });
});

describe("isSameStory", () => {
  it("needs more than shared boilerplate to call two bodies the same", () => {
    const boilerplate = "The Commerce Department did not respond to a request for comment on Friday.";
    const a = makeArticle({
      title: "Chipmaker shares fall on export rule",
      body: `Shares of chip equipment makers fell sharply in Tokyo trading after new export rules were published. ${boilerplate}`,
    });
    const b = makeArticle({
      title: "Soybean shipments to China reach record",
      body: `Soybean shipments from Gulf ports to Chinese buyers reached a record in May, traders said. ${boilerplate}`,
    });
    expect(isSameStory(a, b, computeStorySignature(a), computeStorySignature(b))).toBe(false);
  });

  it("ignores a trailing outlet credit in titles", () => {
    const a = makeArticle({
      title: "EU opens probe into Chinese electric car subsidies - Reuters",
      body: "",
    });
    const b = makeArticle({
      title: "EU opens probe into Chinese electric car subsidies | Politico",
      body: "",
    });
    expect(isSameStory(a, b, computeStorySignature(a), computeStorySignature(b))).toBe(true);
  });

  it("keeps apart nearly equal titles whose full texts clearly differ", () => {
    const a = makeArticle({
      title: "China's exports rise in March as shipments to Europe grow",
      body: "Chinese exports rose 7 percent in March from a year earlier, customs data showed, as shipments to Europe and Southeast Asia offset weaker demand from the United States. Economists had forecast a smaller gain. Imports fell 2 percent, pointing to soft domestic demand, while the trade surplus widened to 90 billion dollars.",
    });
    const b = makeArticle({
      title: "China's exports rise in April as shipments to Europe grow",
      body: "Outbound shipments from China climbed again in April according to figures released on Thursday by the General Administration of Customs in Beijing. Sales of electric vehicles and solar panels led the increase while steel exports reached their highest level since 2016. Analysts at Nomura expect momentum to slow in the second half.",
    });
    expect(isSameStory(a, b, computeStorySignature(a), computeStorySignature(b))).toBe(false);
  });
});

describe("indexStories", () => {
  it("maps every article to the smallest id of its story and reuses cached signatures", () => {
    const byKey = fixtureArticles();
    const articles = [...byKey.values()];
    const cache = new Map();
    const index = indexStories(articles, undefined, cache);
    expect(cache.size).toBe(articles.length);
    const chip = ["chip-reuters", "chip-ap", "chip-scmp"].map((k) => byKey.get(k)?.id ?? 0);
    expect(new Set(chip.map((id) => index.get(id)))).toEqual(new Set([Math.min(...chip)]));
  });
});
