import fc from "fast-check";
import { describe, it } from "vitest";
import { canonicalUrl } from "../../src/articles/canonical-url.js";
import { parseArticleText } from "../../src/articles/parse-article-file.js";
import { parseFeedList } from "../../src/ingest/feed-list.js";
import { publishedTime } from "../../src/ingest/normalise-item.js";
import { parseTimeOfDay } from "../../src/slack/parse-command.js";
import { budget } from "./settings.js";

const NOW = Date.parse("2026-12-02T00:00:00Z");

const urlish = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.webUrl().map((u) => u.replace("://", "://me:secret@")),
  fc.constantFrom(
    "ftp://files.example/feed",
    "javascript:alert(1)",
    "not-a-url",
    "https://",
    "//x.example/rss",
  ),
  fc.string({ maxLength: 30 }),
);

const opml = fc
  .array(
    fc.record({
      text: fc.string({ maxLength: 15 }),
      xmlUrl: fc.option(urlish, { nil: null }),
      nested: fc.boolean(),
    }),
    { maxLength: 8 },
  )
  .map((outlines) => {
    const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    const body = outlines
      .map((o) => {
        const own = `<outline text="${attr(o.text)}"${o.xmlUrl === null ? "" : ` xmlUrl="${attr(o.xmlUrl)}"`}`;
        return o.nested ? `<outline text="Folder">${own}/></outline>` : `${own}/>`;
      })
      .join("\n");
    return `<?xml version="1.0"?><opml version="2.0"><body>${body}</body></opml>`;
  });

describe("the other parsers, for any input", () => {
  it("a feed list (OPML or lines) gives only credential-free http(s) URLs, and problems in words", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          opml,
          fc.array(urlish, { maxLength: 8 }).map((l) => l.join("\n")),
          fc.string(),
        ),
        (text) => {
          const list = parseFeedList(text);
          return (
            list.urls.every((u) => /^https?:\/\/[^/@]+\//.test(u) && !u.includes("secret")) &&
            list.problems.every((p) => p.length > 10 && !p.includes("secret"))
          );
        },
      ),
      budget(300),
    );
  });

  it("an article file gives a title and body, or says what is wrong", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 500 }), fc.string({ unit: "binary", maxLength: 200 })),
        (text) => {
          const parsed = parseArticleText(text);
          return "error" in parsed
            ? parsed.error.length > 10
            : parsed.title.length > 0 && parsed.title.length <= 300;
        },
      ),
      budget(300),
    );
  });

  it("a canonical URL is null or http(s), and canonicalising it again changes nothing", () => {
    fc.assert(
      fc.property(urlish, fc.option(fc.webUrl(), { nil: null }), (href, base) => {
        const url = canonicalUrl(href, base);
        return url === null || (/^https?:\/\//.test(url) && canonicalUrl(url) === url);
      }),
      budget(400),
    );
  });

  it("a publication date is never in the future and never before 1970", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
        ),
        (raw) => {
          const t = publishedTime(raw, NOW);
          return t > 0 && t <= NOW;
        },
      ),
      budget(300),
    );
  });

  it("a time of day is HH:MM within the day, or null", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 8 }), fc.stringMatching(/^\d{1,2}(:\d{2})?\s?(am|pm|AM)?$/)),
        (text) => {
          const time = parseTimeOfDay(text);
          return time === null || /^([01]\d|2[0-3]):[0-5]\d$/.test(time);
        },
      ),
      budget(300),
    );
  });
});
