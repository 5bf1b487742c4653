import fc from "fast-check";
import { describe, it } from "vitest";
import { builtInTopics } from "../../src/classify/topics.js";
import { MAX_COMMAND_TEXT, parseTradeCommand } from "../../src/slack/parse-command.js";
import { budget } from "./settings.js";

const OPTIONS = { topicNames: builtInTopics.map((t) => t.name), defaultTimeZone: "UTC" };
const KINDS = new Set([
  "help",
  "subscribe",
  "unsubscribe",
  "status",
  "latest",
  "ask",
  "digest",
  "feeds",
  "feeds_add",
  "feeds_remove",
]);

const WORDS = [
  "subscribe",
  "unsubscribe",
  "latest",
  "status",
  "digest",
  "feeds",
  "feed",
  "add",
  "remove",
  "ask",
  "help",
  "at",
  "all",
  "huawei",
  "tariffs",
  "agriculture",
  "bananas",
  "japan",
  "PRC",
  "08:30",
  "7pm",
  "25:00",
  "0",
  "-3",
  "999",
  "Europe/London",
  "America/New_York",
  "EST",
  "Mars/Olympus_Mons",
  "https://news.example/rss",
  "<https://news.example/rss|news>",
  "http://me:secret@x.example/",
  "&lt;!channel&gt;",
  "ftp://x.example/feed",
];

/** Commands from the /trade vocabulary in any order, with arbitrary words mixed in. */
const commandText = fc.oneof(
  fc
    .array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 12 })), { maxLength: 8 })
    .map((w) => w.join(" ")),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ minLength: MAX_COMMAND_TEXT - 5, maxLength: MAX_COMMAND_TEXT + 20 }),
);

describe("parseTradeCommand, for any text", () => {
  it("never throws, and either parses to a known command or names the problem", () => {
    fc.assert(
      fc.property(commandText, (text) => {
        const result = parseTradeCommand(text, OPTIONS);
        if (result.ok) return KINDS.has(result.command.kind);
        return (
          result.problem.trim().length > 10 &&
          !/undefined|\[object|NaN/.test(result.problem) &&
          (text.length <= MAX_COMMAND_TEXT || result.problem.includes(`at most ${MAX_COMMAND_TEXT}`))
        );
      }),
      budget(400),
    );
  });
});
