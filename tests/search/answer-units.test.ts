import { describe, expect, it } from "vitest";
import { answerUnitsOf, isNoiseSentence, leansOnPrevious } from "../../src/search/answer-units.js";

const TITLE = "Big Tech Meeting Sets Stage for U.S.-China Talks";

describe("isNoiseSentence", () => {
  it.each([TITLE, "Depositphotos", "Photo: Reuters", "Image credit: AP", "Getty Images"])(
    "%j is noise",
    (line) => {
      expect(isNoiseSentence(line, TITLE)).toBe(true);
    },
  );

  it("keeps short sentences that carry a number", () => {
    expect(isNoiseSentence("Up 6%.", TITLE)).toBe(false);
  });

  it("keeps prose", () => {
    expect(isNoiseSentence("The meeting marks another step toward easing a ban.", TITLE)).toBe(false);
  });
});

describe("leansOnPrevious", () => {
  it.each([
    "They requested timely decisions.",
    "“They requested it.“",
    "It was signed.",
    "This followed talks.",
  ])("%j needs the sentence before it", (sentence) => expect(leansOnPrevious(sentence)).toBe(true));

  it.each(["Theirs is a different view.", "The CEOs expressed support.", "Itself a sign."])(
    "%j stands alone",
    (sentence) => expect(leansOnPrevious(sentence)).toBe(false),
  );
});

describe("answerUnitsOf", () => {
  it("skips the repeated title and credit lines", () => {
    const units = answerUnitsOf(TITLE, `${TITLE}\nDepositphotos\n\nThe U.S. and China are moving closer.`);
    expect(units.map((u) => u.text)).toEqual(["The U.S. and China are moving closer."]);
  });

  it("joins a sentence that starts with a pronoun to the one before it", () => {
    const units = answerUnitsOf("T", "The CEOs met Trump. They requested licences. Analysts were surprised.");
    expect(units.map((u) => u.text)).toEqual([
      "The CEOs met Trump.",
      "The CEOs met Trump. They requested licences.",
      "Analysts were surprised.",
    ]);
    expect(units[1]?.withNeighbour).toBe(true);
  });

  it("leaves a pronoun sentence alone when it opens the article", () => {
    const units = answerUnitsOf("T", "They said no. Then talks resumed.");
    expect(units[0]).toMatchObject({ text: "They said no.", withNeighbour: false });
  });
});
