import fc from "fast-check";
import { describe, it } from "vitest";
import { normaliseItem } from "../../src/ingest/normalise-item.js";
import { type FeedItem, parseFeed } from "../../src/ingest/parse-feed.js";
import { budget } from "./settings.js";

const NOW = Date.parse("2026-12-02T00:00:00Z");
const FEED_URL = "https://feeds.example/trade.rss";
const CONTEXT = { feedId: 1, feedUrl: FEED_URL, source: "Trade Wire", now: NOW };

const link = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "vbscript:msgbox",
    "ftp://files.example/a",
    "mailto:desk@news.example",
    "file:///etc/passwd",
    "//evil.example/x",
    "/2026/12/story?utm_source=rss",
    "story.html",
    "http://",
    "https://user:pw@news.example/x",
  ),
  fc.string({ maxLength: 40 }),
  fc.constant(null),
);

const date = fc.date({
  min: new Date("1950-01-01T00:00:00Z"),
  max: new Date("2200-01-01T00:00:00Z"),
  noInvalidDate: true,
});
const published = fc.oneof(
  date.map((d) => d.toUTCString()),
  date.map((d) => d.toISOString()),
  date.map((d) => d.toISOString().slice(0, 16)),
  fc.constantFrom("yesterday", "", "0", "-1", "9999-99-99", "Tue, 31 Feb 2026 10:00:00 GMT"),
  fc.string({ maxLength: 20 }),
  fc.constant(null),
);

const markup = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    "<p>Soy <b>exports</b> rise</p>",
    "<script>x</script>",
    "&lt;!channel&gt;",
    "Tariffs &amp; quotas",
  ),
);

const feedItem: fc.Arbitrary<FeedItem> = fc.record({
  title: fc.option(markup, { nil: null }),
  link,
  guid: fc.option(fc.string({ maxLength: 30 }), { nil: null }),
  contents: fc.array(markup, { maxLength: 3 }),
  published,
  baseUrl: fc.oneof(fc.constant(FEED_URL), fc.webUrl()),
});

function isSafe(url: string | null): boolean {
  return url === null || /^https?:\/\/[^/?#\s]+/.test(url);
}

const xmlEscape = (s: string) =>
  s
    // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 cannot hold these characters
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");

describe("feed normalisation, for any generated item", () => {
  it("never keeps a non-http(s) link or a date in the future, and names what it rejects", () => {
    fc.assert(
      fc.property(feedItem, (item) => {
        const result = normaliseItem(item, CONTEXT);
        if (!result.ok) return result.reason.length > 0;
        const { draft } = result;
        return (
          isSafe(draft.url) && draft.publishedAt <= NOW && draft.publishedAt > 0 && draft.title.length > 0
        );
      }),
      budget(400),
    );
  });

  it("holds through rss-parser too: a generated RSS document parsed and normalised", async () => {
    const rssItem = fc.record({ title: markup, link, pubDate: published, description: markup });
    await fc.assert(
      fc.asyncProperty(fc.array(rssItem, { minLength: 1, maxLength: 5 }), async (items) => {
        const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${items
          .map(
            (i) =>
              `<item><title>${xmlEscape(i.title)}</title>${i.link === null ? "" : `<link>${xmlEscape(i.link)}</link>`}` +
              `${i.pubDate === null ? "" : `<pubDate>${xmlEscape(i.pubDate)}</pubDate>`}<description>${xmlEscape(i.description)}</description></item>`,
          )
          .join("")}</channel></rss>`;
        const parsed = await parseFeed(xml, FEED_URL);
        if (!parsed.ok) return false;
        return parsed.items.every((item) => {
          const result = normaliseItem(item, CONTEXT);
          return !result.ok || (isSafe(result.draft.url) && result.draft.publishedAt <= NOW);
        });
      }),
      budget(60),
    );
  });
});
