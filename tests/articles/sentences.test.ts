import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/articles/sentences.js";

describe("splitSentences", () => {
  it("splits on full stops, question and exclamation marks", () => {
    expect(splitSentences("Talks resumed. Will they last? Nobody knows!")).toEqual([
      "Talks resumed.",
      "Will they last?",
      "Nobody knows!",
    ]);
  });

  it("does not end a sentence after U.S. inside a name", () => {
    expect(
      splitSentences("U.S. Trade Representative Robert Lighthizer will travel. He leaves Monday."),
    ).toEqual(["U.S. Trade Representative Robert Lighthizer will travel.", "He leaves Monday."]);
  });

  it("ends a sentence after U.S. when the next word starts a sentence", () => {
    expect(splitSentences("Soybeans were shipped to the U.S. The talks continue.")).toEqual([
      "Soybeans were shipped to the U.S.",
      "The talks continue.",
    ]);
  });

  it("keeps titles and initials with the name they belong to", () => {
    expect(splitSentences("Dr. Li met Donald J. Trump on Jan. 5. It went well.")).toEqual([
      "Dr. Li met Donald J. Trump on Jan. 5.",
      "It went well.",
    ]);
  });

  it("reads No. as an abbreviation only before a number", () => {
    expect(splitSentences("It ranks No. 2 in China. Beijing said no. Talks ended.")).toEqual([
      "It ranks No. 2 in China.",
      "Beijing said no.",
      "Talks ended.",
    ]);
  });

  it("keeps closing quotes with the sentence they close", () => {
    expect(splitSentences("“We agreed,” he said. “They asked.” Then they left.")).toEqual([
      "“We agreed,” he said.",
      "“They asked.”",
      "Then they left.",
    ]);
  });

  it("treats an opening quote typed as a closing one as a closer", () => {
    expect(splitSentences("“They requested decisions, and the President agreed.“ Markets rose.")).toEqual([
      "“They requested decisions, and the President agreed.“",
      "Markets rose.",
    ]);
  });

  it("does not split decimals or amounts", () => {
    expect(splitSentences("Importers booked 1.2 million tonnes worth $1.5 billion. Prices rose.")).toEqual([
      "Importers booked 1.2 million tonnes worth $1.5 billion.",
      "Prices rose.",
    ]);
  });

  it("treats each line as its own paragraph and folds whitespace", () => {
    expect(splitSentences("First line without stop\n\n  Second   line.  ")).toEqual([
      "First line without stop",
      "Second line.",
    ]);
  });

  it("does not split before a lower-case word", () => {
    expect(splitSentences("Shares rose 2.5 p.c. on the news. Analysts cheered.")).toEqual([
      "Shares rose 2.5 p.c. on the news.",
      "Analysts cheered.",
    ]);
  });
});
