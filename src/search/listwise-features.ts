/**
 * The listwise part of the sentence features: each sentence compared with the other candidates of
 * the same question (its rank and gap by lexical match, by word-vector match, by Okapi BM25) and
 * each article with the other candidate articles. Pure; fills slots answer-features.ts left at 0.
 */
import { FEATURE_NAMES, type FeatureName } from "./answer-feature-names.js";
import type { SentenceFeatures, WeightedConcept } from "./answer-features.js";

export interface ListwiseInputs {
  /** Per sentence, in `out` order: lexical match (exact + ½ expanded + ¼ context). */
  lexical: readonly number[];
  /** Per sentence: soft (word-vector) coverage of the question. */
  soft: readonly number[];
  /** Per sentence: its article's soft coverage of the question. */
  softArticle: readonly number[];
  /** Per sentence: its length and how often each concept occurs exactly (for BM25). */
  counts: readonly { length: number; exactCount: readonly number[] }[];
}

const K1 = 1.2;
const B = 0.75;

/**
 * Okapi BM25 of each sentence against the question's exact wordings (term frequency, sentence
 * length, the concepts' IDF), normalised by the best candidate, and each sentence's rank by it.
 */
function addBm25(
  out: SentenceFeatures[],
  hits: readonly { length: number; exactCount: readonly number[] }[],
  concepts: readonly WeightedConcept[],
  at: number,
): void {
  const average = hits.reduce((sum, h) => sum + h.length, 0) / Math.max(1, hits.length);
  const scores = hits.map((h) => {
    const norm = K1 * (1 - B + (B * h.length) / Math.max(1, average));
    let score = 0;
    concepts.forEach((c, i) => {
      const tf = h.exactCount[i] ?? 0;
      if (tf > 0) score += (c.weight * tf * (K1 + 1)) / (tf + norm);
    });
    return score;
  });
  const best = Math.max(...scores, Number.EPSILON);
  const order = scores.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v);
  order.forEach(({ i }, rank) => {
    const f = out[i] as SentenceFeatures;
    f.values[at] = (scores[i] ?? 0) / best;
    f.values[at + 1] = 1 / (1 + rank);
  });
}

export function addListwiseFeatures(
  out: SentenceFeatures[],
  inputs: ListwiseInputs,
  concepts: readonly WeightedConcept[],
): void {
  const { lexical: lexicalOf, soft: softOf, softArticle: softArticleOf, counts } = inputs;
  const slot = (name: FeatureName) => FEATURE_NAMES.indexOf(name);
  const set = (f: SentenceFeatures, name: FeatureName, value: number) => {
    f.values[slot(name)] = value;
  };
  const get = (f: SentenceFeatures, name: FeatureName) => f.values[slot(name)] ?? 0;
  // Listwise: how far each sentence's lexical match is from the best one, and its rank by it.
  const best = Math.max(...lexicalOf, 0);
  const order = lexicalOf.map((v, i) => ({ i, v })).sort((x, y) => y.v - x.v);
  order.forEach(({ i, v: lexical }, rank) => {
    const f = out[i] as SentenceFeatures;
    const type = get(f, "typeMatch");
    set(f, "lexicalGap", best - lexical);
    set(f, "lexicalRank", 1 / (1 + rank));
    set(f, "lexicalTimesType", lexical * type);
    set(f, "rankTimesType", (1 / (1 + rank)) * type);
    set(f, "lexicalTimesArticle", lexical * get(f, "relevance"));
  });
  // Articles ranked by their best sentence's lexical match and by how much of the question they hold.
  const articleBest = new Map<number, { lexical: number; second: number; coverage: number }>();
  out.forEach((f, i) => {
    const lexical = lexicalOf[i] ?? 0;
    const known = articleBest.get(f.articleId) ?? { lexical: 0, second: 0, coverage: get(f, "article") };
    const [first, second] = [known.lexical, known.second, lexical].sort((x, y) => y - x);
    articleBest.set(f.articleId, { lexical: first ?? 0, second: second ?? 0, coverage: known.coverage });
  });
  const rankBy = (key: "lexical" | "coverage") =>
    new Map(
      [...articleBest]
        .sort((x, y) => y[1][key] - x[1][key])
        .map(([id], rank) => [id, 1 / (1 + rank)] as const),
    );
  const byLexical = rankBy("lexical");
  const byCoverage = rankBy("coverage");
  for (const f of out) {
    const a = articleBest.get(f.articleId);
    set(f, "articleLexicalRank", byLexical.get(f.articleId) ?? 0);
    set(f, "articleCoverageRank", byCoverage.get(f.articleId) ?? 0);
    set(f, "articleTopTwo", (a?.lexical ?? 0) + (a?.second ?? 0));
  }
  addBm25(out, counts, concepts, slot("bm25"));
  const rankOf = (scores: readonly number[], name: FeatureName) => {
    const order = scores.map((v, i) => ({ v, i })).sort((x, y) => y.v - x.v);
    order.forEach(({ i }, rank) => {
      set(out[i] as SentenceFeatures, name, 1 / (1 + rank));
    });
  };
  rankOf(softOf, "softRank");
  const articleSoft = new Map(out.map((f, i) => [f.articleId, softArticleOf[i] ?? 0]));
  const articleOrder = [...articleSoft].sort((x, y) => y[1] - x[1]).map(([id]) => id);
  for (const f of out) set(f, "softArticleRank", 1 / (1 + articleOrder.indexOf(f.articleId)));
}
