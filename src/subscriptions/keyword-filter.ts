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
 * between keywords, quotes around a phrase). Repeats are dropped. A `+` in the include box or a
 * `-` in the exclude box (the text grammar's marks) is dropped; the opposite mark is refused, as
 * the keyword belongs in the other box.
 */
export function parseKeywordList(text: string, side: "include" | "exclude" = "include"): KeywordListResult {
  const keywords: string[] = [];
  const own = side === "include" ? "+" : "-";
  for (const token of splitKeywordTokens(text)) {
    const mark = /^[+-](?=.)/.exec(token)?.[0];
    if (mark && mark !== own)
      return {
        ok: false,
        problem: `"${token}" belongs in the ${side === "include" ? "leave-out" : "must-mention"} box; here, give keywords without ${mark}.`,
      };
    const checked = normaliseKeyword(mark ? token.slice(1) : token);
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

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function keywordPattern(keywords: readonly string[]): RegExp | null {
  if (keywords.length === 0) return null;
  const alternatives = keywords.map((k) => k.split(" ").map(escapeRegExp).join("\\s+"));
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}_])`, "iu");
}

const WORD_SEPARATOR = /[^\p{L}\p{N}_]+/u;

/** The distinct lower-cased words of an article's title and body (what a word keyword can match). */
export function articleWords(article: { title: string; body: string }): Set<string> {
  const words = new Set<string>();
  for (const word of `${article.title}\n${article.body}`.toLowerCase().split(WORD_SEPARATOR))
    if (word) words.add(word);
  return words;
}

export type ArticleFilter = (article: { id?: number; title: string; body: string }) => boolean;

/** Words in a keyword when it is only words (letters, digits, "_") and spaces; null otherwise. */
function plainWords(keyword: string): string[] | null {
  const words = keyword.split(" ");
  return words.every((w) => w.length > 0 && !WORD_SEPARATOR.test(w)) ? words : null;
}

/**
 * One side of a filter (include or exclude): true when the article mentions any keyword. With
 * `wordsOf` (the article's words, computed once per article and shared by every channel), a
 * one-word keyword is a set lookup and a phrase runs its pattern only when all its words occur;
 * keywords with other characters ("c++", "u.s.") always use the pattern.
 */
function mentionsAny(
  keywords: readonly string[],
  wordsOf: ((article: { id?: number; title: string; body: string }) => ReadonlySet<string>) | undefined,
): ((article: { id?: number; title: string; body: string }) => boolean) | null {
  const pattern = keywordPattern(keywords);
  if (!pattern) return null;
  // "|" between title and body keeps a phrase from running from the end of one into the other.
  const text = (a: { title: string; body: string }) => `${a.title}\n|\n${a.body}`;
  if (!wordsOf) return (a) => pattern.test(text(a));
  const singles = new Set<string>();
  const phrases: { words: string[]; pattern: RegExp }[] = [];
  const others: string[] = [];
  for (const k of keywords) {
    const words = plainWords(k);
    if (!words) others.push(k);
    else if (words.length === 1) singles.add(words[0] as string);
    else phrases.push({ words, pattern: keywordPattern([k]) as RegExp });
  }
  const otherPattern = keywordPattern(others);
  return (a) => {
    const words = wordsOf(a);
    for (const w of singles) if (words.has(w)) return true;
    for (const p of phrases) if (p.words.every((w) => words.has(w)) && p.pattern.test(text(a))) return true;
    return otherPattern ? otherPattern.test(text(a)) : false;
  };
}

/**
 * Compiles filters once into a test of one article (title and body). Pass `wordsOf` to share each
 * article's word set across many channels' filters (a digest pass over one candidate pool).
 */
export function compileFilters(
  filters: KeywordFilters,
  wordsOf?: (article: { id?: number; title: string; body: string }) => ReadonlySet<string>,
): ArticleFilter {
  const include = mentionsAny(filters.include, wordsOf);
  const exclude = mentionsAny(filters.exclude, wordsOf);
  if (!include && !exclude) return () => true;
  return (article) => {
    if (exclude?.(article)) return false;
    return include ? include(article) : true;
  };
}
