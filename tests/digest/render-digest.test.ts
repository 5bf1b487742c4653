import { describe, expect, it } from "vitest";
import type { Article } from "../../src/articles/article.js";
import { buildDigest, countStories, type Digest } from "../../src/digest/build-digest.js";
import {
  fitDigestToSlack,
  formatDigestDate,
  renderDigestBlocks,
  renderDigestText,
} from "../../src/digest/render-digest.js";
import { blockTextLength, checkBlockKitLimits } from "../../src/slack/block-kit-limits.js";
import type { SlackMessage } from "../../src/slack/post-message.js";
import { DAY, HOUR, makeArticle, readFixture, TOPIC_ORDER } from "./helpers.js";

const NOW = Date.parse("2025-06-10T08:00:00Z");
const WINDOW = { since: NOW - DAY, until: NOW };
const CHANNEL = { channelId: "C1", topics: ["huawei", "tariffs", "agriculture"], timeZone: "Europe/London" };
const OPTIONS = { topicOrder: TOPIC_ORDER, maxPerTopic: 5 };

function fixtureDigest(): Digest {
  const articles = readFixture("same-story")
    .filter((f) => f.key !== "chip-old")
    .map((f) => makeArticle({ ...f, publishedAt: NOW - f.publishedHoursAgo * HOUR, fetchedAt: NOW - HOUR }));
  return buildDigest(articles, CHANNEL, WINDOW, NOW, OPTIONS);
}

/** Every text string in the message's blocks. */
function blockTexts(message: SlackMessage): string[] {
  const out: string[] = [];
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
  return [message.text, ...out];
}

/** Each "<" opens an http(s) link: no mention, special command or other link can be formed. */
function onlyWebLinks(text: string): boolean {
  return [...text.matchAll(/</g)].every((m) => /^<https?:\/\/[^|>\s]+\|[^<]*>/.test(text.slice(m.index)));
}

const HOSTILE = "<!channel> <@U123> <javascript:alert(1)|x> <!here> <#C999|general> &amp; ";

function hostileArticle(i: number): Article {
  return makeArticle({
    title: `${HOSTILE}${i} ${"x".repeat(3_000)}`.slice(0, 3_000),
    body: `${HOSTILE} Officials said the <!everyone> tariffs on item ${i} would rise by ${i} percent next week. ${"y".repeat(2_000)}`,
    source: `<!subteam^S1|admins> ${"s".repeat(3_000)}`,
    url: i % 2 === 0 ? "javascript:alert(1)" : `https://evil.example/${"p".repeat(2_900)}>|<!channel>`,
    publishedAt: NOW - HOUR,
    fetchedAt: NOW - HOUR,
    topics: [{ topic: TOPIC_ORDER[i % 3] ?? "tariffs", score: 0.9, evidence: ["tariffs"] }],
  });
}

describe("renderDigestBlocks", () => {
  it("has a dated header, counts per topic and one entry per story", () => {
    const message = renderDigestBlocks(fixtureDigest());
    expect(message.blocks?.[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Trade news digest · Tue 10 Jun 2025" },
    });
    const all = blockTexts(message).join("\n");
    expect(all).toContain("New since Mon 9 Jun, 09:00 BST · Huawei 2 · Tariffs 2 · Agriculture 0");
    expect(all).toContain("*<https://reuters.example/technology/huawei-kirin-smic|Huawei unveils Kirin chip");
    expect(all).toContain(
      "Reuters, <https://apnews.example/article/huawei-kirin-chip|Associated Press>, <https://scmp.example/tech/huawei-kirin|South China Morning Post>",
    );
    expect(message.text).toBe("Trade news digest for Tue 10 Jun 2025: Huawei 2, Tariffs 2, Agriculture 0.");
  });

  it("shows the other topics of a story as labels and a summary that is not the title", () => {
    const all = blockTexts(renderDigestBlocks(fixtureDigest())).join("\n");
    expect(all).toMatch(
      /China raises tariffs on U\.S\. soybeans to 25% in retaliation>\*\n.+\n.*also _Agriculture_/,
    );
    expect(all).toContain("The U.S. Commerce Department on Wednesday added Huawei's cloud computing unit");
  });

  it("stays within Slack's limits", () => {
    expect(checkBlockKitLimits(renderDigestBlocks(fixtureDigest()))).toEqual([]);
  });

  it("cuts a long topic with 'and N more' pointing at /trade latest", () => {
    const many = Array.from({ length: 9 }, () =>
      makeArticle({ publishedAt: NOW - HOUR, fetchedAt: NOW - HOUR }),
    );
    const digest = buildDigest(many, CHANNEL, WINDOW, NOW, { ...OPTIONS, maxPerTopic: 4 });
    const all = blockTexts(renderDigestBlocks(digest)).join("\n");
    expect(all).toContain("and 5 more — `/trade latest tariffs`");
  });

  it("says in one short line that nothing is new", () => {
    const message = renderDigestBlocks(buildDigest([], CHANNEL, WINDOW, NOW, OPTIONS));
    expect(message.text).toBe(
      "No new trade news on Huawei, Tariffs and Agriculture since Mon 9 Jun, 09:00 BST.",
    );
    expect(message.blocks).toHaveLength(1);
  });

  it("keeps a digest of 20 hostile 3,000-character titles within limits, escaped, with no mention or forged link", () => {
    const hostile = Array.from({ length: 20 }, (_, i) => hostileArticle(i));
    const digest = buildDigest(hostile, CHANNEL, WINDOW, NOW, { ...OPTIONS, maxPerTopic: 20 });
    const message = renderDigestBlocks(digest);
    expect(checkBlockKitLimits(message)).toEqual([]);
    for (const text of blockTexts(message)) {
      expect(onlyWebLinks(text)).toBe(true);
      expect(text).not.toMatch(/<[!@#]|<javascript/i);
    }
    expect(blockTexts(message).join("\n")).toContain(
      "&lt;!channel&gt; &lt;@U123&gt; &lt;javascript:alert(1)|x&gt;",
    );
  });

  it("fits 60 stories with long links under the text budget by moving the rest into 'and N more'", () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      makeArticle({
        url: `https://news.example/${"a".repeat(400)}/${i}`,
        publishedAt: NOW - HOUR,
        fetchedAt: NOW - HOUR,
        topics: [{ topic: TOPIC_ORDER[i % 3] ?? "tariffs", score: 0.9, evidence: [] }],
      }),
    );
    const digest = buildDigest(many, CHANNEL, WINDOW, NOW, { ...OPTIONS, maxPerTopic: 20 });
    const message = renderDigestBlocks(digest);
    expect(checkBlockKitLimits(message)).toEqual([]);
    expect(blockTextLength(message)).toBeLessThanOrEqual(10_000);
    const fitted = fitDigestToSlack(digest);
    expect(countStories(fitted)).toBe(60);
    expect(fitted.sections.reduce((n, s) => n + s.entries.length, 0)).toBeLessThan(60);
  });

  it("stays within 50 blocks when a channel follows many topics", () => {
    const topics = Array.from({ length: 30 }, (_, i) => `topic${i}`);
    const articles = topics.map((topic) =>
      makeArticle({
        publishedAt: NOW - HOUR,
        fetchedAt: NOW - HOUR,
        topics: [{ topic, score: 0.9, evidence: [] }],
      }),
    );
    const digest = buildDigest(articles, { ...CHANNEL, topics }, WINDOW, NOW, OPTIONS);
    const message = renderDigestBlocks(digest);
    expect(checkBlockKitLimits(message)).toEqual([]);
    expect(blockTexts(message).join("\n")).toContain("Not shown:");
  });
});

describe("renderDigestText", () => {
  it("prints each story with its summary, sources, time and link", () => {
    const text = renderDigestText(fixtureDigest());
    expect(text).toContain("Trade news digest · Tue 10 Jun 2025 (Europe/London)");
    expect(text).toContain(
      "Huawei · 2 new\n  • Huawei unveils Kirin chip made by SMIC despite U.S. curbs - Reuters\n",
    );
    expect(text).toContain("    Reuters, Associated Press, South China Morning Post · 9 Jun 23:00\n");
    expect(text).toContain("    https://reuters.example/technology/huawei-kirin-smic\n");
  });

  it("strips terminal control sequences from untrusted text", () => {
    const sneaky = makeArticle({
      title: "Tariffs \u001b[2J\u001b[31mcleared\u0007 screen",
      publishedAt: NOW - HOUR,
      fetchedAt: NOW - HOUR,
    });
    const text = renderDigestText(buildDigest([sneaky], CHANNEL, WINDOW, NOW, OPTIONS));
    expect(text).toContain("• Tariffs [2J[31mcleared screen");
    expect(text.includes("\u001b") || text.includes("\u0007")).toBe(false);
  });

  it("says in one line that nothing is new", () => {
    expect(renderDigestText(buildDigest([], { ...CHANNEL, topics: ["huawei"] }, WINDOW, NOW, OPTIONS))).toBe(
      "No new trade news on Huawei since Mon 9 Jun, 09:00 BST.\n",
    );
  });
});

describe("formatDigestDate", () => {
  it("formats a local date with its weekday", () => {
    expect(formatDigestDate("2025-03-04")).toBe("Tue 4 Mar 2025");
  });
});
