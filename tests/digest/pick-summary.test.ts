import { describe, expect, it } from "vitest";
import { pickSummary } from "../../src/digest/pick-summary.js";
import { makeArticle } from "./helpers.js";

describe("pickSummary", () => {
  it("does not repeat the title when the body starts with it", () => {
    const article = makeArticle({
      title: "Big Tech Meeting Sets Stage for U.S.-China Talks",
      body: "Big Tech Meeting Sets Stage for U.S.-China Talks\nDepositphotos\n\nThe U.S. and China are moving closer to their first trade negotiations in months, with a meeting between tech chief executives and the president. The meeting marks another step toward easing a ban on sales to Huawei.",
    });
    expect(pickSummary([article])).toBe(
      "The U.S. and China are moving closer to their first trade negotiations in months, with a meeting between tech chief executives and the president.",
    );
  });

  it("skips credit lines and strips a dateline", () => {
    const article = makeArticle({
      title: "Farm aid package approved",
      body: "Photo credit: Jane Smith for the Daily Planet newspaper archive. WASHINGTON (Reuters) - Congress approved a 16 billion dollar aid package for soybean farmers hurt by Chinese tariffs. Reporting by John Roe; Editing by Ann Poe for the wire desk today.",
      topics: [{ topic: "agriculture", score: 0.9, evidence: ["soybean farmers"] }],
    });
    expect(pickSummary([article])).toBe(
      "Congress approved a 16 billion dollar aid package for soybean farmers hurt by Chinese tariffs.",
    );
  });

  it("prefers the sentence carrying the topic's evidence over a vaguer lead", () => {
    const article = makeArticle({
      title: "Markets react to trade news",
      body: "It was a busy day for investors around the world on Monday morning. Beijing said it would suspend tariffs on American pork and soybeans for ninety days starting in June.",
      topics: [{ topic: "tariffs", score: 0.9, evidence: ["suspend tariffs", "pork"] }],
    });
    expect(pickSummary([article])).toMatch(/^Beijing said it would suspend tariffs/);
  });

  it("looks at every article of a story and shortens a long sentence to one line", () => {
    const short = makeArticle({ title: "Tariff deadline", body: "Tariff deadline." });
    const long = makeArticle({
      title: "Tariff deadline",
      body: `The administration said tariffs on ${"consumer electronics, toys, footwear and clothing, ".repeat(10)}would take effect on December 15.`,
    });
    const summary = pickSummary([short, long], 120);
    expect(summary?.length).toBeLessThanOrEqual(120);
    expect(summary).toMatch(/^The administration said tariffs on consumer electronics/);
    expect(summary?.endsWith("…")).toBe(true);
  });

  it("returns null when no sentence qualifies", () => {
    expect(pickSummary([makeArticle({ title: "Huawei", body: "Huawei. Read more." })])).toBeNull();
  });
});
