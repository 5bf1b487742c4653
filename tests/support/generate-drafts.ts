import type { ArticleDraft } from "../../src/articles/article.js";

const SUBJECTS = [
  "Beijing",
  "Washington",
  "Huawei",
  "Soybean growers",
  "The Commerce Department",
  "Hog farmers",
  "Chipmakers",
];
const VERBS = ["weighs", "announces", "delays", "expands", "rejects", "welcomes", "questions"];
const OBJECTS = [
  "new tariffs on steel",
  "licences for chip sales",
  "purchases of U.S. pork",
  "export controls",
  "duties on solar panels",
  "a farm aid package",
  "talks in Geneva",
];

/** Deterministic, varied article drafts for load tests and benchmarks (about 1–2 KB each). */
export function generateDrafts(count: number, seed = 1): ArticleDraft[] {
  const drafts: ArticleDraft[] = [];
  for (let i = 0; i < count; i++) {
    const pick = <T>(list: readonly T[], k: number) => list[(i * k + seed) % list.length] as T;
    const title = `${pick(SUBJECTS, 7)} ${pick(VERBS, 3)} ${pick(OBJECTS, 5)} (${seed}-${i})`;
    const sentences = Array.from(
      { length: 8 },
      (_, s) =>
        `${pick(SUBJECTS, s + 2)} ${pick(VERBS, s + 5)} ${pick(OBJECTS, s + 11)} as officials met on day ${(i + s) % 28}.`,
    );
    drafts.push({
      title,
      body: `${sentences.join(" ")} Report number ${seed}-${i}.`,
      url: `https://load.example/${seed}/${i}`,
      guid: null,
      source: "Load Test Wire",
      publishedAt: Date.UTC(2026, 10, 1) + i * 1000,
      feedId: null,
    });
  }
  return drafts;
}
