import { describe, expect, it } from "vitest";
import {
  type FeedContext,
  guidKey,
  MAX_BODY_LENGTH,
  normaliseItem,
  publishedTime,
  sourceName,
} from "../../src/ingest/normalise-item.js";
import type { FeedItem } from "../../src/ingest/parse-feed.js";

const NOW = Date.parse("2024-06-01T12:00:00Z");
const FEED_URL = "https://feeds.example.com/rss";
const context: FeedContext = { feedId: 3, feedUrl: FEED_URL, source: "Trade Wire", now: NOW };

function item(overrides: Partial<FeedItem>): FeedItem {
  return {
    title: null,
    link: null,
    guid: null,
    contents: [],
    published: null,
    baseUrl: FEED_URL,
    ...overrides,
  };
}

function draftOf(overrides: Partial<FeedItem>) {
  const result = normaliseItem(item(overrides), context);
  if (!result.ok) throw new Error(result.reason);
  return result.draft;
}

describe("normaliseItem", () => {
  it("turns HTML title and body into plain text", () => {
    const draft = draftOf({
      title: "Tariffs &amp; <em>talks</em>",
      contents: ["<p>One.</p><p>Two &#8212; three.</p>"],
    });
    expect(draft.title).toBe("Tariffs & talks");
    expect(draft.body).toBe("One.\n\nTwo — three.");
  });

  it("chooses the longest body once reduced to text", () => {
    const draft = draftOf({
      title: "T",
      contents: [
        "<p>Short.</p><script>var padding = 'a very long script that is not text';</script>",
        "A longer summary here.",
      ],
    });
    expect(draft.body).toBe("A longer summary here.");
  });

  it("does not count a body that only repeats the title", () => {
    const draft = draftOf({ title: "Soy prices rise", contents: ["Soy prices rise"] });
    expect(draft.body).toBe("");
  });

  it("canonicalises the link against the item's base URL", () => {
    const draft = draftOf({
      title: "T",
      link: "/a?utm_source=rss#top",
      baseUrl: "https://News.example.com/feed/",
    });
    expect(draft.url).toBe("https://news.example.com/a");
  });

  it("gives a null URL for a link that is not http(s)", () => {
    expect(draftOf({ title: "T", link: "mailto:desk@example.com" }).url).toBeNull();
  });

  it("derives a title from the body's first sentence when the item has none", () => {
    const draft = draftOf({ contents: ["Tariff deadline extended to December. Officials gave no reason."] });
    expect(draft.title).toBe("Tariff deadline extended to December.");
  });

  it("rejects an item with neither title nor body, saying why", () => {
    const result = normaliseItem(item({ guid: "x-1", contents: ["  <p> </p> "] }), context);
    expect(result).toEqual({ ok: false, reason: "item has neither a title nor a body", item: "x-1" });
  });

  it("carries the feed id and source name", () => {
    const draft = draftOf({ title: "T" });
    expect(draft.feedId).toBe(3);
    expect(draft.source).toBe("Trade Wire");
  });

  it("caps a runaway body", () => {
    const draft = draftOf({ title: "T", contents: ["word ".repeat(MAX_BODY_LENGTH)] });
    expect(draft.body.length).toBeLessThanOrEqual(MAX_BODY_LENGTH);
    expect(draft.body.endsWith("…")).toBe(true);
  });
});

describe("guidKey", () => {
  it("keeps absolute URLs, urn: and tag: GUIDs as they are", () => {
    expect(guidKey("https://example.com/a/1", FEED_URL)).toBe("https://example.com/a/1");
    expect(guidKey("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", FEED_URL)).toBe(
      "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a",
    );
    expect(guidKey("tag:example.com,2024:1", FEED_URL)).toBe("tag:example.com,2024:1");
  });

  it("prefixes other GUIDs with the feed URL", () => {
    expect(guidKey(" 42 ", FEED_URL)).toBe(`${FEED_URL}#42`);
    expect(guidKey("post/42", FEED_URL)).toBe(`${FEED_URL}#post/42`);
  });

  it("gives null for a missing or blank GUID", () => {
    expect(guidKey(null, FEED_URL)).toBeNull();
    expect(guidKey("   ", FEED_URL)).toBeNull();
  });
});

describe("publishedTime", () => {
  it("reads RFC 822 dates with numeric zones", () => {
    expect(publishedTime("Wed, 15 May 2024 10:00:00 +0800", NOW)).toBe(Date.parse("2024-05-15T02:00:00Z"));
  });

  it("reads ISO 8601 dates with offsets", () => {
    expect(publishedTime("2024-05-16T09:00:00+02:00", NOW)).toBe(Date.parse("2024-05-16T07:00:00Z"));
  });

  it("reads a date-time without a zone as UTC", () => {
    expect(publishedTime("2024-05-16 09:00:00", NOW)).toBe(Date.parse("2024-05-16T09:00:00Z"));
  });

  it("uses the time fetched for a missing date", () => {
    expect(publishedTime(null, NOW)).toBe(NOW);
    expect(publishedTime("  ", NOW)).toBe(NOW);
  });

  it("uses the time fetched for a garbage date", () => {
    expect(publishedTime("not a date at all", NOW)).toBe(NOW);
  });

  it("uses the time fetched for the epoch or earlier", () => {
    expect(publishedTime("Thu, 01 Jan 1970 00:00:00 GMT", NOW)).toBe(NOW);
  });

  it("clamps a future date to now", () => {
    expect(publishedTime("Thu, 01 Jan 2099 00:00:00 GMT", NOW)).toBe(NOW);
  });
});

describe("sourceName", () => {
  it("is the feed title when there is one", () => {
    expect(sourceName("Trade Wire", FEED_URL)).toBe("Trade Wire");
  });

  it("is the feed's host without www. otherwise", () => {
    expect(sourceName(null, "https://www.Example.com/rss")).toBe("example.com");
    expect(sourceName("  ", "https://feeds.example.com/rss")).toBe("feeds.example.com");
  });
});
