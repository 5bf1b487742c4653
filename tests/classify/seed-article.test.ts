import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseArticleText } from "../../src/articles/parse-article-file.js";
import { createClassifier } from "../../src/classify/classifier.js";
import { builtInTopics } from "../../src/classify/topics.js";

const parsed = parseArticleText(readFileSync("seeds/big-tech-meeting-us-china-talks.txt", "utf8"));
if ("error" in parsed) throw new Error(`seed article does not parse: ${parsed.error}`);
const classification = createClassifier(builtInTopics).classify(parsed);

describe("seed article: Big Tech Meeting Sets Stage for U.S.-China Talks", () => {
  it("is tagged huawei with Huawei as evidence", () => {
    expect(classification.topics).toContain("huawei");
    expect(classification.evidence.huawei).toContain("Huawei");
  });

  it("is not tagged tariffs: it speaks of a trade dispute and negotiations, never of tariffs or duties", () => {
    expect(classification.topics).not.toContain("tariffs");
    expect(classification.scores.tariffs).toBe(0);
  });

  it("is not tagged agriculture: soybeans and agricultural commodities come up in one sentence only", () => {
    expect(classification.topics).not.toContain("agriculture");
    expect(classification.scores.agriculture).toBeGreaterThan(0);
  });
});
