import { describe, expect, it } from "vitest";
import { checkBlockKitLimits } from "../../src/slack/block-kit-limits.js";
import { type ArticleLine, renderAnswer, renderFeeds, renderLatest } from "../../src/slack/render-replies.js";
import type { Feed } from "../../src/store/feed-repository.js";

const NOW = Date.parse("2026-11-20T12:00:00Z");
const longUrl = (i: number) => `https://news.example.com/rss/articles/${"C".repeat(400)}${i}?oc=5&hl=en-US`;
const blockText = (m: { blocks?: unknown[] }) => JSON.stringify(m.blocks);

function article(i: number, title: string, url: string | null = longUrl(i)): ArticleLine {
  return {
    title,
    url,
    source: "Example News",
    publishedAt: NOW - i * 60_000,
    topics: ["tariffs", "agriculture"],
  };
}

function feed(i: number, overrides: Partial<Feed> = {}): Feed {
  return {
    id: i,
    url: `https://feeds.example.com/${i}/rss`,
    title: `Feed ${i}`,
    origin: "config",
    trusted: true,
    addedBy: null,
    addedAt: NOW,
    etag: null,
    lastModified: null,
    lastPolledAt: NOW,
    lastSuccessAt: NOW,
    lastError: null,
    lastErrorAt: null,
    consecutiveFailures: 0,
    nextPollAt: NOW,
    itemsSeen: 10,
    itemsStored: 10,
    ...overrides,
  };
}

describe("renderLatest", () => {
  it("stays within Block Kit limits for 20 articles with long titles and long links", () => {
    const title =
      "Washington and Beijing agree to suspend new tariffs on soybeans and chips while talks continue".padEnd(
        110,
        ".",
      );
    const message = renderLatest(
      "tariffs",
      Array.from({ length: 20 }, (_, i) => article(i, title)),
      "UTC",
      false,
    );
    expect(checkBlockKitLimits(message)).toEqual([]);
  });

  it("stays within limits for titles made of characters that grow when escaped", () => {
    const message = renderLatest(
      null,
      Array.from({ length: 20 }, (_, i) => article(i, "&".repeat(400), null)),
      "UTC",
      false,
    );
    expect(checkBlockKitLimits(message)).toEqual([]);
    expect(blockText(message)).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });

  it("leaves a title unlinked when its URL is over 500 characters", () => {
    const url = `https://news.example.com/${"x".repeat(600)}`;
    const message = renderLatest(null, [article(0, "Soy deal", url)], "UTC", false);
    expect(blockText(message)).toContain("• Soy deal");
    expect(blockText(message)).not.toContain(url);
  });
});

describe("renderFeeds", () => {
  it("cuts a long feed title so it cannot hide the other feeds", () => {
    const feeds = Array.from({ length: 10 }, (_, i) => feed(i, i === 0 ? { title: "T".repeat(3_000) } : {}));
    const message = renderFeeds(feeds, "UTC");
    expect(checkBlockKitLimits(message)).toEqual([]);
    for (let i = 1; i < 10; i++) expect(blockText(message)).toContain(`|Feed ${i}>`);
  });

  it("keeps many feeds within limits and says how many were left out", () => {
    const feeds = Array.from({ length: 60 }, (_, i) =>
      feed(i, { url: `https://feeds.example.com/${"path/".repeat(60)}${i}`, title: null }),
    );
    const message = renderFeeds(feeds, "UTC");
    expect(checkBlockKitLimits(message)).toEqual([]);
    expect(blockText(message)).toMatch(/more not shown/);
  });
});

describe("renderAnswer", () => {
  const quoted = (text: string, title: string) => ({
    text,
    title,
    url: "https://news.example.com/a?x=1&y=2",
    source: "Example <News>",
    publishedAt: NOW,
  });

  it("shows the other candidate sentences under 'Also possibly', escaped", () => {
    const m = renderAnswer(
      {
        question: "who might block relief?",
        answer: quoted("Lawmakers could stymie it.", "Huawei relief"),
        alternatives: [
          quoted("<!channel> Senators may object.", "Senate <b>"),
          quoted("Hawks resist.", "Hawks"),
        ],
        related: [],
      },
      "UTC",
    );
    const text = blockText(m);
    expect(text).toContain("*Also possibly*");
    expect(text).toContain("&lt;!channel&gt; Senators may object.");
    expect(text).not.toContain("<!channel>");
    expect(text).toContain("Hawks resist.");
    expect(checkBlockKitLimits(m)).toEqual([]);
  });

  it("shows no 'Also possibly' when the answer is sure", () => {
    const m = renderAnswer(
      { question: "q", answer: quoted("Lawmakers could stymie it.", "Huawei relief"), related: [] },
      "UTC",
    );
    expect(blockText(m)).not.toContain("Also possibly");
  });
});
