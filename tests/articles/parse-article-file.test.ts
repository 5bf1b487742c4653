import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseArticleText } from "../../src/articles/parse-article-file.js";

describe("parseArticleText", () => {
  it("takes the first non-empty line as the title and the rest as the body", () => {
    expect(parseArticleText("\n\nTariffs Rise\n\nWashington raised tariffs.\n")).toEqual({
      title: "Tariffs Rise",
      body: "Washington raised tariffs.",
    });
  });

  it("drops a repeated title line and a credit line such as Depositphotos", () => {
    const parsed = parseArticleText(readFileSync("seeds/big-tech-meeting-us-china-talks.txt", "utf8"));
    if ("error" in parsed) throw new Error(parsed.error);
    expect(parsed.title).toBe("Big Tech Meeting Sets Stage for U.S.-China Talks");
    expect(parsed.body).toMatch(/^The U\.S\. and China are moving closer/);
    expect(parsed.body).not.toContain("Depositphotos");
  });

  it("drops a repeated title regardless of case and spacing", () => {
    expect(parseArticleText("Farm Aid Grows\nFARM  AID GROWS\nFarmers get more aid.")).toEqual({
      title: "Farm Aid Grows",
      body: "Farmers get more aid.",
    });
  });

  it("drops 'Photo: …' credit lines anywhere in the body", () => {
    expect(parseArticleText("Title\n\nFirst paragraph.\n\nPhoto: Reuters\n\nSecond paragraph.")).toEqual({
      title: "Title",
      body: "First paragraph.\n\nSecond paragraph.",
    });
  });

  it("keeps a short line that ends a sentence", () => {
    expect(parseArticleText("Title\nPrices fell.\nMore follows here.")).toEqual({
      title: "Title",
      body: "Prices fell. More follows here.",
    });
  });

  it("keeps a short first line that continues into a paragraph", () => {
    expect(parseArticleText("Title\nBy the numbers\nexports fell by half.")).toEqual({
      title: "Title",
      body: "By the numbers exports fell by half.",
    });
  });

  it("keeps short lines after the first paragraph", () => {
    expect(parseArticleText("Title\n\nFirst paragraph.\n\nGetty Images\n\nLast.")).toEqual({
      title: "Title",
      body: "First paragraph.\n\nGetty Images\n\nLast.",
    });
  });

  it("joins the lines of a paragraph and separates paragraphs with a blank line", () => {
    expect(parseArticleText("Title\r\n\r\nOne line\r\ncontinues.\r\n\r\n\r\nNext   paragraph.")).toEqual({
      title: "Title",
      body: "One line continues.\n\nNext paragraph.",
    });
  });

  it("accepts a title with no body", () => {
    expect(parseArticleText("\uFEFFJust a Headline\n")).toEqual({ title: "Just a Headline", body: "" });
  });

  it("reports an empty file", () => {
    expect(parseArticleText("")).toEqual({ error: "empty file: expected a title on the first line" });
  });

  it("reports a file of blank lines as empty", () => {
    expect(parseArticleText(" \n\t\n")).toEqual({ error: "empty file: expected a title on the first line" });
  });

  it("reports a binary file", () => {
    expect(parseArticleText("PK\u0003\u0004\u0000\u0000")).toEqual({
      error: "looks like a binary file, not an article",
    });
  });

  it("reports a first line too long to be a title", () => {
    const result = parseArticleText(`${"word ".repeat(100)}\nbody`);
    expect("error" in result && result.error).toMatch(/^first line is 499 characters long/);
  });
});
