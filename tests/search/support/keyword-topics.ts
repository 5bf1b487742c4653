/**
 * A small stand-in for the classifier's topic hints in search tests: three topics, a few
 * keywords each. The real classifier is injected in production.
 */
import type { TopicMatch } from "../../../src/articles/article.js";

const KEYWORDS: Record<string, RegExp> = {
  huawei: /\b(?:huawei|entity list|hisilicon)\b/gi,
  tariffs: /\b(?:tariffs?|duties|levies|levy)\b/gi,
  agriculture: /\b(?:soybeans?|farm(?:s|ers)?|agricultur\w*|pork|sorghum|wheat|crops?)\b/gi,
};

export const keywordTopicNames: readonly string[] = Object.keys(KEYWORDS);

/** Topics whose keywords the text mentions. */
export function keywordTopicHints(text: string): string[] {
  return keywordTopicNames.filter((topic) => new RegExp(KEYWORDS[topic] ?? /$^/).test(text));
}

/** Topic matches for storing an article, scored by keyword count. */
export function keywordTopicsOf(text: string): TopicMatch[] {
  return keywordTopicNames.flatMap((topic) => {
    const hits = text.match(KEYWORDS[topic] ?? /$^/) ?? [];
    return hits.length > 0 ? [{ topic, score: hits.length, evidence: [...new Set(hits)].slice(0, 3) }] : [];
  });
}
