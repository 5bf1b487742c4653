/**
 * Splits article text into sentences. A full stop after a known abbreviation ("U.S.", "Dr.",
 * "Jan.") or an initial ("Donald J. Trump") does not end a sentence; closing quotes stay with
 * the sentence they close.
 */

/** Words a full stop does not end a sentence after ("Dr.", "Gov.", "Jan."); the classifier's tokenizer uses them too. */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "sr",
  "jr",
  "st",
  "mt",
  "gen",
  "gov",
  "sen",
  "rep",
  "rev",
  "col",
  "lt",
  "sgt",
  "capt",
  "cmdr",
  "adm",
  "pres",
  "vs",
  "etc",
  "inc",
  "ltd",
  "co",
  "corp",
  "no",
  "nos",
  "vol",
  "approx",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "e.g",
  "i.e",
  "u.s",
  "u.k",
  "u.n",
  "e.u",
  "p.m",
  "a.m",
  "d.c",
  "fig",
  "est",
  "dept",
  "univ",
  "assn",
  "bros",
]);

/** Words that usually start a sentence, so "in the U.S. The talks…" still splits after "U.S.". */
const SENTENCE_STARTERS = new Set([
  "the",
  "a",
  "an",
  "it",
  "he",
  "she",
  "they",
  "we",
  "i",
  "you",
  "but",
  "and",
  "or",
  "so",
  "yet",
  "in",
  "on",
  "at",
  "for",
  "this",
  "that",
  "these",
  "those",
  "there",
  "however",
  "meanwhile",
  "still",
  "its",
  "his",
  "her",
  "their",
  "our",
  "some",
  "many",
  "most",
  "both",
  "after",
  "before",
  "while",
  "when",
  "if",
  "as",
  "since",
  "officials",
  "analysts",
  "farmers",
  "experts",
  "critics",
  "china",
  "beijing",
  "washington",
]);

/** Abbreviations that only abbreviate before a number ("No. 5", "Vol. 2"); "said no." ends a sentence. */
const NUMBER_ABBREVIATIONS = new Set(["no", "nos", "vol", "fig"]);

const CLOSERS = "\"'”’)]»";
/** Opening quotes typed where a closing one belongs ("…agreed.“"), closers when followed by a space or the end. */
const MISTYPED_CLOSERS = "“‘";

function endsWithAbbreviation(text: string, next: string): boolean {
  const match = /([\p{L}.]+)\.$/u.exec(text);
  if (!match?.[1]) return false;
  const word = match[1].toLowerCase();
  if (NUMBER_ABBREVIATIONS.has(word)) return /^\s*\d/.test(next);
  if (ABBREVIATIONS.has(word)) return true;
  // Dotted acronyms such as "U.S." or "U.S.A." and single initials such as "J."
  return /^(\p{L}\.)+\p{L}$/u.test(word) || /^\p{Lu}$/u.test(match[1]);
}

/** Sentences of a text, trimmed, in order; whitespace inside each is folded to single spaces. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const paragraphs = text.split(/\n\s*\n|\n/);
  for (const paragraph of paragraphs) {
    const folded = paragraph.replace(/\s+/g, " ").trim();
    if (!folded) continue;
    let start = 0;
    const boundary = /[.!?]+/g;
    for (let m = boundary.exec(folded); m; m = boundary.exec(folded)) {
      let end = m.index + m[0].length;
      while (end < folded.length && CLOSERS.includes(folded[end] ?? "")) end++;
      if (MISTYPED_CLOSERS.includes(folded[end] ?? "") && /^\s|^$/.test(folded.slice(end + 1, end + 2)))
        end++;
      const next = folded.slice(end);
      if (next.length > 0 && !/^\s+["'“‘([]?[\p{Lu}\p{N}]/u.test(next)) continue;
      const candidate = folded.slice(start, end).trim();
      if (m[0] === "." && next.length > 0 && endsWithAbbreviation(folded.slice(start, m.index + 1), next)) {
        // "U.S. Trade Representative" continues; "in the U.S. The talks" ends after "U.S.".
        const nextWord = /^\s+["'“‘([]?([\p{L}]+)/u.exec(next)?.[1]?.toLowerCase() ?? "";
        const dottedAcronym = /(?:\p{L}\.){2,}$/u.test(folded.slice(start, m.index + 1));
        if (!(dottedAcronym && SENTENCE_STARTERS.has(nextWord))) continue;
      }
      if (candidate) sentences.push(candidate);
      start = end;
    }
    const rest = folded.slice(start).trim();
    if (rest) sentences.push(rest);
  }
  return sentences;
}
