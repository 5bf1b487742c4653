/**
 * Features of a whole question's candidate list (sentences with their probabilities, best first)
 * for deciding whether to quote the best one at all: how sure the scorer is, by how much the best
 * sentence beats the best sentence of another article, and how much of the question the best
 * sentence and its article hold. None depends on how many candidates there are, so a store of six
 * articles is judged like one of a hundred thousand.
 */
import { FEATURE_NAMES, type FeatureName } from "./answer-features.js";

export const CONFIDENCE_FEATURE_NAMES = [
  "topProbability",
  "leadOverOtherArticles",
  "logitLead",
  "topCoverage",
  "topMatchedShare",
  "topSoft",
  "topMissingNounIdf",
  "topTypeMissing",
  "topMissingGiven",
] as const;

const logit = (p: number) => {
  const q = Math.min(Math.max(p, 1e-9), 1 - 1e-9);
  return Math.log(q / (1 - q));
};

export function confidenceFeatures(
  scored: readonly { articleId: number; probability: number; values: readonly number[] }[],
): number[] {
  const top = scored[0];
  if (!top) return CONFIDENCE_FEATURE_NAMES.map(() => 0);
  const value = (name: FeatureName) => top.values[FEATURE_NAMES.indexOf(name)] ?? 0;
  const other = scored.find((s) => s.articleId !== top.articleId);
  const features: Record<(typeof CONFIDENCE_FEATURE_NAMES)[number], number> = {
    topProbability: top.probability,
    leadOverOtherArticles: top.probability - (other?.probability ?? 0),
    logitLead: Math.min(10, logit(top.probability) - logit(other?.probability ?? 0)),
    topCoverage: value("article"),
    topMatchedShare: value("matchedShare"),
    topSoft: value("soft"),
    topMissingNounIdf: value("missingNounIdf"),
    topTypeMissing: value("typeMissing"),
    topMissingGiven: value("missingGiven"),
  };
  return CONFIDENCE_FEATURE_NAMES.map((n) => features[n]);
}
