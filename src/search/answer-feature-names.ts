/**
 * The names of the answer scorer's sentence features, in the order of the fitted model's weights
 * (answer-model.json lists them and refuses to load when they differ).
 */
/** Features of a sentence on its own. */
export const SENTENCE_FEATURES = [
  "exact",
  "expanded",
  "context",
  "article",
  "missingRare",
  "missingNounIdf",
  "missingNouns",
  "matchedShare",
  "typeMatch",
  "typeMissing",
  "reasonCue",
  "proximity",
  "position",
  "lead",
  "articleRank",
  "relevance",
  "textMatch",
  "title",
  "density",
  "short",
  "bestInArticle",
  "soft",
  "softOnly",
  "softArticle",
  "softTitle",
  "meaning",
  "missingGiven",
] as const;

/** Features that compare a sentence (and its article) with the other candidates. */
export const LISTWISE = [
  "lexicalGap",
  "lexicalRank",
  "lexicalTimesType",
  "rankTimesType",
  "lexicalTimesArticle",
  "articleLexicalRank",
  "articleCoverageRank",
  "articleTopTwo",
  "bm25",
  "bm25Rank",
  "softRank",
  "softArticleRank",
] as const;

export const FEATURE_NAMES = [...SENTENCE_FEATURES, ...LISTWISE] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
export type SentenceFeatureName = (typeof SENTENCE_FEATURES)[number];
