/** Every entry of the domain map (src/search/language/domain-terms.json) turns a typed word into its wordings. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type { AnalyzeOptions } from "../../src/search/analyze-question.js";
import { analyzeQuestion } from "../../src/search/analyze-question.js";
import { loadDomainTerms } from "../../src/search/language/domain-terms.js";
import { testKit } from "./support/language.js";

const options: AnalyzeOptions = { now: 0, timeZone: "UTC", topicNames: [], topicHints: () => [] };
const domain = loadDomainTerms();

describe("domain map", () => {
  it.each([...domain.entries()])("a question typing %j searches for its wordings too", (typed, wordings) => {
    const concept = analyzeQuestion(`what is the story on ${typed} then`, testKit(), options).concepts.find(
      (c) => c.label === typed,
    );
    expect(concept, `no concept for ${typed}`).toBeDefined();
    for (const wording of wordings) {
      const known = [...(concept?.exact ?? []), ...(concept?.expansions ?? [])].map((w) => w.join(" "));
      expect(known).toContain(wording.join(" "));
    }
  });

  it("refuses a file whose keys are not lower-case words", () => {
    const dir = mkdtempSync(join(tmpdir(), "domain-"));
    const path = join(dir, "terms.json");
    writeFileSync(path, JSON.stringify({ terms: { USTR: ["trade representative"] } }));
    expect(() => loadDomainTerms(pathToFileURL(path))).toThrow(/lower-case/);
  });
});
