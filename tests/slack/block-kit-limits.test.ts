import { describe, expect, it } from "vitest";
import { blockKitErrorFor, blockTextLength, checkBlockKitLimits } from "../../src/slack/block-kit-limits.js";

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

describe("checkBlockKitLimits", () => {
  it("accepts a small well-formed message", () => {
    const message = {
      text: "fallback",
      blocks: [
        { type: "header", text: { type: "plain_text", text: "Digest" } },
        { type: "context", elements: [{ type: "mrkdwn", text: "3 new" }] },
        { type: "divider" },
        section("*Hello*"),
      ],
    };
    expect(checkBlockKitLimits(message)).toEqual([]);
    expect(blockKitErrorFor(message)).toBeNull();
  });

  it("refuses more than 50 blocks", () => {
    const message = { text: "x", blocks: Array.from({ length: 51 }, () => ({ type: "divider" })) };
    expect(checkBlockKitLimits(message)).toEqual(["blocks: has 51 blocks; Slack allows 1 to 50"]);
    expect(blockKitErrorFor(message)).toBe("invalid_blocks");
  });

  it("refuses a section text over 3,000 characters and an empty one", () => {
    expect(checkBlockKitLimits({ text: "x", blocks: [section("a".repeat(3_001))] })).toEqual([
      "block 0 (section): text is 3,001 characters; Slack allows 3,000",
    ]);
    expect(checkBlockKitLimits({ text: "x", blocks: [section("")] })).toEqual([
      "block 0 (section): text is empty",
    ]);
  });

  it("refuses a header over 150 characters or in mrkdwn", () => {
    const long = { type: "header", text: { type: "plain_text", text: "h".repeat(151) } };
    const styled = { type: "header", text: { type: "mrkdwn", text: "*h*" } };
    expect(checkBlockKitLimits({ text: "x", blocks: [long] })).toEqual([
      "block 0 (header): text is 151 characters; Slack allows 150",
    ]);
    expect(checkBlockKitLimits({ text: "x", blocks: [styled] })).toEqual([
      "block 0 (header): text type must be plain_text",
    ]);
  });

  it("refuses a context block with more than 10 elements", () => {
    const context = {
      type: "context",
      elements: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "a" })),
    };
    expect(checkBlockKitLimits({ text: "x", blocks: [context] })).toEqual([
      "block 0 (context): has 11 elements; Slack allows 1 to 10",
    ]);
  });

  it("refuses more than 10 section fields and fields over 2,000 characters", () => {
    const fields = Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "f" }));
    expect(checkBlockKitLimits({ text: "x", blocks: [{ type: "section", fields }] })).toEqual([
      "block 0 (section): has 11 fields; Slack allows 1 to 10",
    ]);
    const long = [{ type: "plain_text", text: "f".repeat(2_001) }];
    expect(checkBlockKitLimits({ text: "x", blocks: [{ type: "section", fields: long }] })).toEqual([
      "block 0 (section) field 0: text is 2,001 characters; Slack allows 2,000",
    ]);
  });

  it("answers msg_blocks_too_long when the blocks hold more than 12,000 characters in all", () => {
    const message = { text: "x", blocks: Array.from({ length: 5 }, () => section("a".repeat(2_500))) };
    expect(blockTextLength(message)).toBe(12_500);
    expect(checkBlockKitLimits(message)).toHaveLength(1);
    expect(blockKitErrorFor(message)).toBe("msg_blocks_too_long");
  });

  it("answers msg_too_long for a fallback text over 40,000 characters", () => {
    expect(blockKitErrorFor({ text: "t".repeat(40_001) })).toBe("msg_too_long");
  });

  it("answers no_text for a message with neither text nor blocks", () => {
    expect(blockKitErrorFor({ text: "  " })).toBe("no_text");
  });

  it("reports malformed blocks instead of throwing", () => {
    const message = { text: "x", blocks: [null, { type: "section" }, { type: "context", elements: "no" }] };
    expect(checkBlockKitLimits(message)).toEqual([
      "block 0: expected an object with a type",
      "block 1 (section): needs text or fields",
      "block 2 (context): expected an array of elements",
    ]);
  });

  it("refuses a block_id over 255 characters", () => {
    const message = { text: "x", blocks: [{ type: "divider", block_id: "b".repeat(256) }] };
    expect(blockKitErrorFor(message)).toBe("invalid_blocks");
  });
});
