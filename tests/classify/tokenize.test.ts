import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isListMention } from "../../src/classify/list-mention.js";
import { foldWord, tokenize } from "../../src/classify/tokenize.js";

describe("foldWord", () => {
  it.each([
    ["Liberalisation", "liberalization"],
    ["organisations", "organizations"],
    ["subsidised", "subsidized"],
    ["fertilisers", "fertilizers"],
    ["analysed", "analyzed"],
    ["LABOUR", "labor"],
    ["aluminium", "aluminum"],
    ["licences", "licenses"],
    ["Huawei’s", "huawei"],
    ["farmer's", "farmer"],
  ])("folds %s to %s", (word, folded) => {
    expect(foldWord(word)).toBe(folded);
  });

  it("leaves short words alone", () => {
    expect(["rise", "raise", "four", "hour"].map(foldWord)).toEqual(["rise", "raise", "four", "hour"]);
  });
});

describe("tokenize", () => {
  it("splits on hyphens and punctuation and keeps original offsets", () => {
    const text = "U.S.-China feed-in";
    expect(tokenize(text).map((t) => text.slice(t.start, t.end))).toEqual(["U", "S", "China", "feed", "in"]);
  });

  it("leaves a possessive 's out of the token's span", () => {
    const text = "China’s Huawei's chips";
    expect(tokenize(text).map((t) => text.slice(t.start, t.end))).toEqual(["China", "Huawei", "chips"]);
  });

  it("starts a new sentence after a full stop before a capital or a line break", () => {
    const tokens = tokenize("Tariffs rose. Farmers lost.\nmarkets fell");
    expect(tokens.map((t) => t.sentence)).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it("does not end a sentence after U.S. or Mr.", () => {
    const tokens = tokenize("The U.S. Trade Representative met Mr. Liu today.");
    expect(new Set(tokens.map((t) => t.sentence))).toEqual(new Set([0]));
  });

  it("marks capitalised words and numbers", () => {
    expect(tokenize("Huawei and 5G").map((t) => t.capitalised)).toEqual([true, false, true]);
  });
});

describe("isListMention", () => {
  const mentionOf = (text: string, name: string) => {
    const tokens = tokenize(text);
    const at = tokens.findIndex((t) => text.slice(t.start, t.end) === name);
    return isListMention(text, tokens, at, at);
  };

  it("finds a name among three or more others", () => {
    expect(mentionOf("CEOs from Google, Broadcom, Huawei, Western Digital and Qualcomm met.", "Huawei")).toBe(
      true,
    );
  });

  it("does not count a pair as a list", () => {
    expect(mentionOf("The FCC named Huawei and ZTE as threats.", "Huawei")).toBe(false);
  });

  it("does not count lower-case words as list items", () => {
    expect(mentionOf("Huawei, the company, said sales, profits and margins rose.", "Huawei")).toBe(false);
  });

  it("stops at the end of the sentence", () => {
    expect(mentionOf("Sales rose at Apple, Samsung and Sony. Huawei, Oppo and Vivo fell.", "Huawei")).toBe(
      false,
    );
  });
});

describe("tokenize, with folded words remembered", () => {
  it("gives every word of the labelled articles the form foldWord gives it, first time and again", () => {
    const text = readFileSync("tests/fixtures/labelled-articles.jsonl", "utf8");
    const first = tokenize(text);
    const again = tokenize(text);
    expect(again).toEqual(first);
    for (const token of first) {
      expect(token.form).toBe(foldWord(text.slice(token.start, token.end)));
    }
  });
});
