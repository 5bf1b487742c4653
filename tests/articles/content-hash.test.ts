import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contentHash } from "../../src/articles/content-hash.js";

/** The definition the fast path must agree with: NFKC, then letters and digits of any script. */
function referenceHash(title: string, body: string, link: string | null = null): string {
  const normalise = (text: string) =>
    text
      .toLowerCase()
      .normalize("NFKC")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  const text = normalise(body);
  const hash = createHash("sha256").update(normalise(title)).update("\n").update(text);
  if (text === "" && link) hash.update("\n").update(link);
  return hash.digest("hex");
}

const labelled = readFileSync("tests/fixtures/labelled-articles.jsonl", "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as { title: string; body: string });

describe("contentHash", () => {
  it("ignores case, punctuation and spacing", () => {
    expect(contentHash("Tariffs  Rise!", "U.S. raises duties.")).toBe(
      contentHash("tariffs rise", "u s raises duties"),
    );
  });

  it("tells apart title-only items by their link", () => {
    expect(contentHash("Market update", "", "https://a.example/1")).not.toBe(
      contentHash("Market update", "", "https://a.example/2"),
    );
  });

  it.each([
    ["ASCII punctuation and digits", "Tariffs of 25% on $200bn — “final”", "It's U.S.-China; 3.5 tonnes."],
    ["accents and other scripts", "Café talks in Zürich", "华为 said 25 % … Ⅻ ﬁnal ½"],
    ["characters that lower-case into ASCII", "KELVIN \u212A and İstanbul", "\u212Aelvin"],
    ["only punctuation", "!!!", "—"],
  ])("gives the same hash as the Unicode definition for %s", (_, title, body) => {
    expect(contentHash(title, body)).toBe(referenceHash(title, body));
  });

  it("gives the same hash as the Unicode definition for every labelled article", () => {
    expect(labelled.length).toBeGreaterThan(200);
    for (const { title, body } of labelled) expect(contentHash(title, body)).toBe(referenceHash(title, body));
  });
});
