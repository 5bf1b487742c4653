import fc from "fast-check";
import { describe, it } from "vitest";
import type { Article } from "../../src/articles/article.js";
import { buildDigest } from "../../src/digest/build-digest.js";
import { renderDigestBlocks } from "../../src/digest/render-digest.js";
import { checkBlockKitLimits } from "../../src/slack/block-kit-limits.js";
import type { SlackMessage } from "../../src/slack/post-message.js";
import { type ArticleLine, renderAnswer, renderFeeds, renderLatest } from "../../src/slack/render-replies.js";
import type { Feed } from "../../src/store/feed-repository.js";
import { budget } from "./settings.js";

const NOW = Date.parse("2026-12-02T08:00:00Z");
const DAY = 86_400_000;
const TOPICS = ["huawei", "tariffs", "agriculture"];
const SPECIAL = /<[!@#]/;

/** Long and hostile text: mentions, links, entities, and plain prose up to 3,000 characters. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 3_000 }),
  fc.constantFrom(
    "<!channel> tariffs <@U123> <#C9> & more",
    "&lt;!here&gt;",
    "*bold* _it_ `code` ~x~ > quote",
  ),
  fc.string({ maxLength: 20 }).map((s) => `${s} `.repeat(150)),
);
const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.webUrl().map((u) => `${u}?${"utm_x=1&".repeat(80)}`),
  fc.constantFrom("javascript:alert(1)", "https://evil.example/x|<!channel>"),
  fc.constant(null),
);
const zone = fc.constantFrom("UTC", "Europe/London", "Asia/Kolkata", "Pacific/Chatham", "America/St_Johns");
const instant = fc.integer({ min: NOW - 30 * DAY, max: NOW });

const articleLine: fc.Arbitrary<ArticleLine> = fc.record({
  title: hostileText,
  url,
  source: hostileText,
  publishedAt: instant,
  topics: fc.array(fc.oneof(fc.constantFrom(...TOPICS), fc.string({ maxLength: 40 })), { maxLength: 5 }),
});

const feed: fc.Arbitrary<Feed> = fc.record({
  id: fc.nat(),
  url: fc.webUrl({ withQueryParameters: true }),
  title: fc.option(hostileText, { nil: null }),
  origin: fc.constantFrom("config", "file", "slack", "cli"),
  trusted: fc.boolean(),
  addedBy: fc.constant(null),
  addedAt: instant,
  etag: fc.constant(null),
  lastModified: fc.constant(null),
  lastPolledAt: fc.option(instant, { nil: null }),
  lastSuccessAt: fc.option(instant, { nil: null }),
  lastError: fc.option(hostileText, { nil: null }),
  lastErrorAt: fc.constant(null),
  consecutiveFailures: fc.nat({ max: 40 }),
  nextPollAt: instant,
  itemsSeen: fc.nat({ max: 100_000 }),
  itemsStored: fc.nat({ max: 100_000 }),
}) as fc.Arbitrary<Feed>;

/** Every text in the message (fallback and blocks) that a person could see. */
function texts(message: SlackMessage): string[] {
  const out: string[] = [message.text];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        if (key === "text" && typeof v === "string") out.push(v);
        else visit(v);
      }
    }
  };
  visit(message.blocks);
  return out;
}

function withinLimitsAndSafe(message: SlackMessage): boolean {
  const problems = checkBlockKitLimits(message);
  if (problems.length > 0) throw new Error(problems.join("; "));
  return texts(message).every((t) => !SPECIAL.test(t));
}

describe("replies and digests, for any generated articles", () => {
  it("/trade latest stays within Block Kit limits and shows no mention", () => {
    fc.assert(
      fc.property(
        fc.array(articleLine, { maxLength: 20 }),
        fc.option(fc.constantFrom(...TOPICS), { nil: null }),
        zone,
        fc.boolean(),
        (lines, topic, timeZone, capped) => withinLimitsAndSafe(renderLatest(topic, lines, timeZone, capped)),
      ),
      budget(60),
    );
  });

  it("/trade ask stays within Block Kit limits and shows no mention", () => {
    const answer = fc.option(
      fc.record({ text: hostileText, title: hostileText, url, source: hostileText, publishedAt: instant }),
      { nil: null },
    );
    fc.assert(
      fc.property(
        hostileText,
        answer,
        fc.array(articleLine, { maxLength: 5 }),
        zone,
        (question, a, related, timeZone) =>
          withinLimitsAndSafe(renderAnswer({ question, answer: a, related }, timeZone)),
      ),
      budget(60),
    );
  });

  it("/trade feeds stays within Block Kit limits and shows no mention", () => {
    fc.assert(
      fc.property(fc.array(feed, { maxLength: 120 }), zone, (feeds, timeZone) =>
        withinLimitsAndSafe(renderFeeds(feeds, timeZone)),
      ),
      budget(40),
    );
  });

  it("the daily digest stays within Block Kit limits and shows no mention", () => {
    const article = fc.record({
      title: hostileText,
      body: hostileText,
      url,
      source: hostileText,
      publishedAt: fc.integer({ min: NOW - 2 * DAY, max: NOW }),
      topics: fc.subarray(TOPICS, { minLength: 1 }),
    });
    fc.assert(
      fc.property(
        fc.array(article, { maxLength: 60 }),
        zone,
        fc.integer({ min: 1, max: 30 }),
        (drafts, timeZone, maxPerTopic) => {
          const articles: Article[] = drafts.map((d, i) => ({
            ...d,
            id: i + 1,
            guid: null,
            feedId: null,
            fetchedAt: NOW - 3_600_000,
            topics: d.topics.map((topic) => ({ topic, score: 0.9, evidence: [topic] })),
          }));
          const subscription = { channelId: "C1", topics: TOPICS, timeZone };
          const digest = buildDigest(articles, subscription, { since: NOW - DAY, until: NOW }, NOW, {
            topicOrder: TOPICS,
            maxPerTopic,
          });
          return withinLimitsAndSafe(renderDigestBlocks(digest));
        },
      ),
      budget(30),
    );
  });
});
