/**
 * Words of a text with their positions, folded for matching: lower case, possessive "'s"
 * dropped, British spellings mapped to American ones ("liberalisation" → "liberalization",
 * "aluminium" → "aluminum"), so one vocabulary covers both and ALL-CAPS headlines.
 */

import { ABBREVIATIONS } from "../articles/sentences.js";

export interface Token {
  /** Offset of the first character in the text. */
  start: number;
  /** Offset after the last character, possessive "'s" excluded. */
  end: number;
  /** Folded form used for matching. */
  form: string;
  /** First character is an upper-case letter or a digit in the original text. */
  capitalised: boolean;
  /** Index of the sentence the token belongs to, counted from 0 across the text. */
  sentence: number;
}

const BRITISH_WORDS = new Map<string, string>([
  ["aluminium", "aluminum"],
  ["licence", "license"],
  ["licences", "licenses"],
  ["defence", "defense"],
  ["offence", "offense"],
  ["programme", "program"],
  ["programmes", "programs"],
  ["centre", "center"],
  ["centres", "centers"],
  ["fibre", "fiber"],
  ["fibres", "fibers"],
  ["tonne", "ton"],
  ["tonnes", "tons"],
  ["sulphur", "sulfur"],
  ["grey", "gray"],
  ["cheque", "check"],
  ["cheques", "checks"],
  ["storey", "story"],
  ["manoeuvre", "maneuver"],
]);

/** British endings and their American forms, longest first within each family. */
const BRITISH_SUFFIXES: readonly [string, string][] = [
  ["isations", "izations"],
  ["isation", "ization"],
  ["isers", "izers"],
  ["ising", "izing"],
  ["iser", "izer"],
  ["ised", "ized"],
  ["ises", "izes"],
  ["ise", "ize"],
  ["ysing", "yzing"],
  ["ysed", "yzed"],
  ["yses", "yzes"],
  ["yse", "yze"],
  ["ourable", "orable"],
  ["ouring", "oring"],
  ["oured", "ored"],
  ["ours", "ors"],
  ["our", "or"],
];

/** Folds one word (any case) to the form the matcher compares. */
export function foldWord(word: string): string {
  let form = word.toLowerCase();
  if (form.includes("’")) form = form.replaceAll("’", "'");
  if (form.endsWith("'s")) form = form.slice(0, -2);
  const mapped = BRITISH_WORDS.get(form);
  if (mapped) return mapped;
  if (form.length >= 6) {
    for (const [british, american] of BRITISH_SUFFIXES) {
      if (form.endsWith(british)) return form.slice(0, -british.length) + american;
    }
  }
  return form;
}

const NON_ASCII_WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const ASCII_WORD_CHAR = new Uint8Array(128).map((_, c) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0,
);

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_WORD_CHAR[c] === 1;
  return !Number.isNaN(c) && NON_ASCII_WORD_CHAR.test(text[i] as string);
}

/** Words folded so far (the vocabulary of news is small, so most words repeat); cleared when full. */
const foldedWords = new Map<string, string>();
const FOLDED_WORDS_LIMIT = 50_000;

/** foldWord, remembered: the same word folds the same way every time. */
function foldRemembered(lower: string): string {
  let form = foldedWords.get(lower);
  if (form === undefined) {
    if (foldedWords.size >= FOLDED_WORDS_LIMIT) foldedWords.clear();
    form = foldWord(lower);
    foldedWords.set(lower, form);
  }
  return form;
}

/** Folding changes only words with an apostrophe or of six letters or more; the rest are just lower-cased. */
function needsFolding(lower: string, hasApostrophe: boolean): boolean {
  return hasApostrophe || lower.length >= 6 || BRITISH_WORDS.has(lower);
}

/** True when the characters between two words end a sentence: ".", "!" or "?" then space, or a line break. */
function endsSentence(text: string, from: number, to: number): boolean {
  let sawStop = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (c === 46 || c === 33 || c === 63) sawStop = true;
    else if (sawStop && (c === 32 || c === 9 || c === 13)) return true;
  }
  return false;
}

/**
 * The words of a text in order, each with its folded form and sentence index. A word is a run of
 * letters and digits, with inner apostrophes ("Huawei’s", "don't"); everything else separates.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const lowered = text.toLowerCase();
  const sameLength = lowered.length === text.length;
  // Scanning the fresh lower-case copy keeps reads on a flat string; letters, digits and punctuation keep their class.
  const scan = sameLength ? lowered : text;
  let sentence = 0;
  let previous: Token | undefined;
  let previousLength = 0;
  const length = text.length;
  let i = 0;
  while (i < length) {
    if (!isWordChar(scan, i)) {
      i++;
      continue;
    }
    const start = i;
    let hasApostrophe = false;
    i++;
    for (;;) {
      if (i < length && isWordChar(scan, i)) i++;
      else {
        const c = scan.charCodeAt(i);
        if ((c === 39 || c === 8217) && i + 1 < length && isWordChar(scan, i + 1)) {
          hasApostrophe = true;
          i += 2;
        } else break;
      }
    }
    let end = i;
    if (hasApostrophe && lowered[i - 1] === "s" && (scan[i - 2] === "'" || scan[i - 2] === "’")) end -= 2;
    const lower = sameLength ? lowered.slice(start, i) : text.slice(start, i).toLowerCase();
    const form = needsFolding(lower, hasApostrophe) ? foldRemembered(lower) : lower;
    const first = text.charCodeAt(start);
    const firstChar = text[start] as string;
    const capitalised =
      (first >= 48 && first <= 57) ||
      (sameLength ? first !== lowered.charCodeAt(start) : firstChar !== firstChar.toLowerCase());
    if (
      previous &&
      (capitalised || scan.charCodeAt(start - 1) === 10) &&
      endsSentence(scan, previous.end, start) &&
      !(previousLength === 1 || ABBREVIATIONS.has(previous.form))
    ) {
      sentence++;
    }
    const token: Token = { start, end, form, capitalised, sentence };
    tokens.push(token);
    previous = token;
    previousLength = i - start;
  }
  return tokens;
}
