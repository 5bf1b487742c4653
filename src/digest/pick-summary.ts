import type { Article } from "../articles/article.js";
import { splitSentences } from "../articles/sentences.js";

/**
 * The one-line summary of a digest entry: the most informative sentence of the story's articles.
 * Not the title said again, not a credit or subscription line; preferring early sentences (news
 * leads), sentences with the topic's evidence phrases, figures, and the title's key words.
 */

const CREDIT_LINE =
  /^(?:photo|image|file photo|pictured|caption|credit|reporting by|writing by|editing by|additional reporting|compiled by|©|\(c\)|copyright|all rights reserved|click here|read more|read the full|subscribe|sign up|follow us|related|advertisement|source:|via\b|this (?:article|story) (?:was|originally|first))/i;
const CREDIT_ANYWHERE =
  /appeared first on|all rights reserved|reporting by|editing by|newsletter|cookies|terms of (?:use|service)/i;
const DATELINE = /^[\p{Lu}][\p{Lu} .,'’/-]{1,40}(?:\([^)]{1,40}\))?\s*[-–—]\s+|^\([^)]{1,40}\)\s*[-–—]\s+/u;

const MAX_SENTENCES_PER_ARTICLE = 12;
const DEFAULT_MAX_LENGTH = 240;

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter((w) => w.length > 2);
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/u, "")}…`;
}

function repeatsTitle(sentenceWords: readonly string[], titleWords: ReadonlySet<string>): boolean {
  if (sentenceWords.length === 0) return true;
  const inTitle = sentenceWords.filter((w) => titleWords.has(w)).length;
  return inTitle / sentenceWords.length >= 0.8;
}

/**
 * The best summary sentence of a story (its articles, the listed one first), cleaned of a leading
 * dateline and shortened to `maxLength`; null when no sentence qualifies (then none is shown).
 */
export function pickSummary(
  articles: readonly Pick<Article, "title" | "body" | "topics">[],
  maxLength = DEFAULT_MAX_LENGTH,
): string | null {
  const first = articles[0];
  if (!first) return null;
  const titleWords = new Set(articles.flatMap((a) => wordsOf(a.title)));
  const evidence = [
    ...new Set(articles.flatMap((a) => a.topics.flatMap((t) => t.evidence.map((e) => e.toLowerCase())))),
  ].filter((e) => e.length > 1);
  let best: { text: string; score: number } | null = null;
  for (const article of articles) {
    const sentences = splitSentences(article.body).slice(0, MAX_SENTENCES_PER_ARTICLE);
    sentences.forEach((raw, position) => {
      const text = raw.replace(DATELINE, "").trim();
      const sentenceWords = wordsOf(text);
      const wordCount = text.split(/\s+/).length;
      if (wordCount < 6 || CREDIT_LINE.test(text) || CREDIT_ANYWHERE.test(text)) return;
      if (text === text.toUpperCase() || repeatsTitle(sentenceWords, titleWords)) return;
      const lower = text.toLowerCase();
      const evidenceHits = evidence.filter((e) => lower.includes(e)).length;
      const titleShare =
        sentenceWords.filter((w) => titleWords.has(w)).length / Math.max(1, Math.min(titleWords.size, 8));
      const score =
        2 * Math.min(evidenceHits, 3) +
        2 * Math.min(titleShare, 1) +
        (/\d/.test(text) ? 0.75 : 0) +
        Math.max(0, 1.5 - 0.5 * position) +
        (wordCount >= 10 && wordCount <= 40 ? 0.5 : 0) -
        (wordCount > 60 ? 1 : 0);
      if (!best || score > best.score) best = { text, score };
    });
  }
  const chosen = best as { text: string; score: number } | null;
  return chosen ? shorten(chosen.text, maxLength) : null;
}
