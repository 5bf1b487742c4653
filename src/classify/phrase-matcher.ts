import { foldWord, type Token, tokenize } from "./tokenize.js";

/**
 * Phrases compiled once into an index keyed by their first word's folded forms, so matching a
 * text is one map lookup per word plus a short check of the few candidates that start there.
 */

export type PhraseKind = "term" | "alias" | "description" | "other" | "negative";
export type WordForms = "plural" | "verb" | "exact";

export interface CompiledPhrase {
  topic: number;
  kind: PhraseKind;
  weight: number;
  /** Negatives only: words between the negative and a match it still cancels. */
  window: number;
  /** Accepted folded forms for each word; null is a gap of zero to three words. */
  slots: readonly (ReadonlySet<string> | null)[];
}

export interface PhraseMatch {
  phrase: CompiledPhrase;
  /** Index of the first and last matched token. */
  first: number;
  last: number;
}

export type PhraseIndex = ReadonlyMap<string, readonly CompiledPhrase[]>;

const MAX_GAP = 3;
const VOWEL = /[aeiou]/;

function pluralForms(word: string): string[] {
  const out = [word];
  const last = word.at(-1) ?? "";
  const beforeLast = word.at(-2) ?? "";
  if (last === "y" && !VOWEL.test(beforeLast)) out.push(`${word.slice(0, -1)}ies`);
  else if (/(s|x|z|ch|sh)$/.test(word)) out.push(`${word}es`);
  else {
    out.push(`${word}s`);
    if (last === "o") out.push(`${word}es`);
  }
  if (word.endsWith("ies")) out.push(`${word.slice(0, -3)}y`);
  else if (/(s|x|z|ch|sh)es$/.test(word)) out.push(word.slice(0, -2));
  else if (last === "s" && !/(ss|us|is)$/.test(word)) out.push(word.slice(0, -1));
  return out;
}

function verbForms(word: string): string[] {
  const out = pluralForms(word);
  const last = word.at(-1) ?? "";
  if (last === "e") out.push(`${word}d`, `${word.slice(0, -1)}ing`);
  else if (last === "y" && !VOWEL.test(word.at(-2) ?? "")) out.push(`${word.slice(0, -1)}ied`, `${word}ing`);
  else {
    out.push(`${word}ed`, `${word}ing`);
    if (/[^aeiou][aeiou][bdgklmnprt]$/.test(word)) out.push(`${word}${last}ed`, `${word}${last}ing`);
  }
  return out;
}

/** Folded forms a word of a phrase accepts in a text. */
export function wordForms(form: string, forms: WordForms): Set<string> {
  const list = forms === "exact" ? [form] : forms === "plural" ? pluralForms(form) : verbForms(form);
  return new Set(list.map(foldWord));
}

/**
 * Compiles one phrase: words are folded like text words; the last word gets `forms`, and every
 * word of a negative accepts simple inflections ("harvest * data" also matches "harvesting user data").
 */
export function compilePhrase(
  text: string,
  spec: { topic: number; kind: PhraseKind; weight: number; window?: number; forms: WordForms },
): CompiledPhrase {
  const words: (string | null)[] = [];
  for (const piece of text.trim().split(/\s+/)) {
    if (piece === "*") words.push(null);
    else for (const token of tokenize(piece)) words.push(token.form);
  }
  const lastWord = words.findLastIndex((w) => w !== null);
  const slots = words.map((word, i) => {
    if (word === null) return null;
    if (spec.kind === "negative") return wordForms(word, "verb");
    return i === lastWord ? wordForms(word, spec.forms) : new Set([word]);
  });
  return { topic: spec.topic, kind: spec.kind, weight: spec.weight, window: spec.window ?? 0, slots };
}

/** Indexes phrases by every form of their first word. */
export function indexPhrases(phrases: readonly CompiledPhrase[]): PhraseIndex {
  const index = new Map<string, CompiledPhrase[]>();
  for (const phrase of phrases) {
    const first = phrase.slots[0];
    if (!first) continue;
    for (const form of first) {
      const list = index.get(form);
      if (list) list.push(phrase);
      else index.set(form, [phrase]);
    }
  }
  return index;
}

/** Index of the last token matched by slots[slot..] starting at tokens[at], or -1. */
function matchFrom(
  slots: CompiledPhrase["slots"],
  slot: number,
  tokens: readonly Token[],
  at: number,
): number {
  if (slot === slots.length) return at - 1;
  const accepted = slots[slot];
  if (accepted === null || accepted === undefined) {
    for (let skip = 0; skip <= MAX_GAP && at + skip <= tokens.length; skip++) {
      const end = matchFrom(slots, slot + 1, tokens, at + skip);
      if (end >= 0) return end;
    }
    return -1;
  }
  const token = tokens[at];
  if (!token || !accepted.has(token.form)) return -1;
  return matchFrom(slots, slot + 1, tokens, at + 1);
}

/** Every occurrence of every indexed phrase in the tokens, in text order. */
export function findPhrases(index: PhraseIndex, tokens: readonly Token[]): PhraseMatch[] {
  const matches: PhraseMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const candidates = index.get((tokens[i] as Token).form);
    if (!candidates) continue;
    for (const phrase of candidates) {
      const last = phrase.slots.length === 1 ? i : matchFrom(phrase.slots, 1, tokens, i + 1);
      if (last >= 0) matches.push({ phrase, first: i, last });
    }
  }
  return matches;
}
