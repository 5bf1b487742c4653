/**
 * Words and stems of a text, split the way SQLite's `unicode61 remove_diacritics 2` tokenizer
 * splits it (letters and digits; everything else separates), so what the scorer counts in a
 * sentence is what the index matched.
 */
import { stemWord } from "./stem-word.js";

/** Irregular forms Porter cannot join to their base ("met" → "meet"), for matching only. */
const IRREGULAR: Record<string, string> = {
  met: "meet",
  bought: "buy",
  sold: "sell",
  paid: "pay",
  said: "say",
  says: "say",
  told: "tell",
  began: "begin",
  begun: "begin",
  took: "take",
  taken: "take",
  rose: "rise",
  risen: "rise",
  fell: "fall",
  fallen: "fall",
  held: "hold",
  made: "make",
  grew: "grow",
  grown: "grow",
  went: "go",
  gone: "go",
  gave: "give",
  given: "give",
  lost: "lose",
  won: "win",
  spent: "spend",
  sought: "seek",
  brought: "bring",
  left: "leave",
  led: "lead",
  struck: "strike",
  chose: "choose",
  chosen: "choose",
  knew: "know",
  known: "know",
  saw: "see",
  seen: "see",
  drove: "drive",
  driven: "drive",
};

/** Lower-case words of a text with diacritics removed, in order. */
export function wordsOf(text: string): string[] {
  const folded = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Irregular forms of a base word ("meet" → ["met"]), so the index query can ask for them too. */
export function irregularFormsOf(word: string): string[] {
  return Object.keys(IRREGULAR).filter((form) => IRREGULAR[form] === word);
}

/** The matching key of one lower-case word: its Porter stem, after undoing irregular forms. */
export function termOf(word: string): string {
  return stemWord(IRREGULAR[word] ?? word);
}

/** Matching keys of every word of a text, in order. */
export function termsOf(text: string): string[] {
  return wordsOf(text).map(termOf);
}
