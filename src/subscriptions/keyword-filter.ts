/**
 * Keyword filters of a subscription: include (an article must mention at least one, when any are
 * given) and exclude (an article mentioning any is left out). A keyword is a word or a phrase,
 * matched case-insensitively on word boundaries in the title and the body; a phrase's words may be
 * separated by any whitespace. Used by digests and instant alerts alike.
 */

export interface KeywordFilters {
  include: readonly string[];
  exclude: readonly string[];
}

export const NO_FILTERS: KeywordFilters = { include: [], exclude: [] };
export const MAX_KEYWORDS = 20;
export const MAX_KEYWORD_LENGTH = 60;

export type KeywordCheck = { ok: true; keyword: string } | { ok: false; problem: string };

/** Trims, folds whitespace and lower-cases a keyword; says why when it cannot be one. */
export function normaliseKeyword(raw: string): KeywordCheck {
  const keyword = raw
    .replace(/^["“”']+|["“”']+$/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
  if (keyword.length === 0) return { ok: false, problem: "An empty keyword matches nothing." };
  if (keyword.length > MAX_KEYWORD_LENGTH)
    return {
      ok: false,
      problem: `"${keyword.slice(0, 40)}…" is too long for a keyword (at most ${MAX_KEYWORD_LENGTH} characters).`,
    };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(keyword))
    return { ok: false, problem: "Keywords cannot hold control characters." };
  if (!/[\p{L}\p{N}]/u.test(keyword))
    return {
      ok: false,
      problem: `"${keyword}" has no letters or digits, so it cannot be matched as a word.`,
    };
  return { ok: true, keyword };
}

/** Tokens of a keyword list: "quoted phrases" stay whole; commas and whitespace separate the rest. */
export function splitKeywordTokens(text: string): string[] {
  return text.match(/[+-]?["“”][^"“”]*["“”]?|[^\s,]+/g) ?? [];
}

export type KeywordListResult = { ok: true; keywords: string[] } | { ok: false; problem: string };

/**
 * A keyword list as typed in the subscribe modal: `soybean, "phase one" corn` (commas or spaces
 * between keywords, quotes around a phrase). Repeats are dropped.
 */
export function parseKeywordList(text: string): KeywordListResult {
  const keywords: string[] = [];
  for (const token of splitKeywordTokens(text)) {
    const checked = normaliseKeyword(token.replace(/^[+-](?=["“”])/, ""));
    if (!checked.ok) return checked;
    if (!keywords.includes(checked.keyword)) keywords.push(checked.keyword);
  }
  if (keywords.length > MAX_KEYWORDS)
    return { ok: false, problem: `That is ${keywords.length} keywords; give at most ${MAX_KEYWORDS}.` };
  return { ok: true, keywords };
}

/** A keyword as the user would type it: phrases in quotes. */
export function formatKeyword(keyword: string): string {
  return keyword.includes(" ") ? `"${keyword}"` : keyword;
}

/** A list for the modal's text inputs: `soybean, "phase one"`. */
export function formatKeywordList(keywords: readonly string[]): string {
  return keywords.map(formatKeyword).join(", ");
}

/** True when the subscription narrows articles by keyword at all. */
export function hasFilters(filters: KeywordFilters): boolean {
  return filters.include.length > 0 || filters.exclude.length > 0;
}

function keywordPattern(keywords: readonly string[]): RegExp | null {
  if (keywords.length === 0) return null;
  const alternatives = keywords.map((k) =>
    k
      .split(" ")
      .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("\\s+"),
  );
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}_])`, "iu");
}

export type ArticleFilter = (article: { title: string; body: string }) => boolean;

/** Compiles filters once into a test of one article (title and body). */
export function compileFilters(filters: KeywordFilters): ArticleFilter {
  const include = keywordPattern(filters.include);
  const exclude = keywordPattern(filters.exclude);
  if (!include && !exclude) return () => true;
  return (article) => {
    const text = `${article.title}\n${article.body}`;
    if (exclude?.test(text)) return false;
    return include ? include.test(text) : true;
  };
}
