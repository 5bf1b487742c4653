/**
 * How closely a sentence's words come to each question concept the sentence does not hold word
 * for word: the best cosine similarity of word vectors between the concept's words and the
 * sentence's content words ("bailout" ~ "package" 0.68, "cash" ~ "payment" 0.74). Pure.
 */
import type { Concept } from "./analyze-question.js";
import type { Token } from "./language/read-text.js";
import type { WordVectors } from "./language/word-vectors.js";

/** Below this a similarity is noise between unrelated words and counts as none. */
export const SIMILAR_AT = 0.3;

/** The words a concept is compared by: its lemma wording's content words. */
function conceptWords(concept: Concept): string[] {
  return [...new Set(concept.exact[concept.exact.length - 1] ?? [])];
}

/**
 * A scorer for one question: similarity (0..1) of each concept to a sentence's tokens, cached by
 * word so the candidate sentences of one question share the work.
 */
export function createSoftMatcher(vectors: WordVectors, concepts: readonly Concept[]) {
  const words = concepts.map(conceptWords);
  const cache = new Map<string, number[]>();
  const toWord = (word: string): number[] => {
    let known = cache.get(word);
    if (!known) {
      known = words.map((cw) => {
        if (cw.length === 0) return 0;
        const total = cw.reduce((s, w) => s + vectors.similarity(w, word), 0);
        return total / cw.length;
      });
      cache.set(word, known);
    }
    return known;
  };
  const centroid = (list: readonly string[]) => {
    const sum = new Float64Array(vectors.dimensions);
    for (const w of list) vectors.addTo(sum, w);
    const length = Math.hypot(...sum);
    return length > 0 ? sum.map((v) => v / length) : null;
  };
  const question = centroid(words.flat());
  return {
    /** Cosine of the mean vectors of the question's concepts and of the tokens' content words. */
    meaning(tokens: readonly Token[]): number {
      if (!question) return 0;
      const mine = centroid(tokens.filter((t) => !t.stop).map((t) => t.lemma));
      if (!mine) return 0;
      let dot = 0;
      for (let d = 0; d < question.length; d++) dot += (question[d] ?? 0) * (mine[d] ?? 0);
      return dot;
    },
    /** Per concept: the best similarity to any content word of the tokens, 0 below SIMILAR_AT. */
    similarities(tokens: readonly Token[]): number[] {
      const best = concepts.map(() => 0);
      for (const t of tokens) {
        if (t.stop) continue;
        const lemma = toWord(t.lemma);
        const form = t.form === t.lemma ? lemma : toWord(t.form);
        for (let i = 0; i < best.length; i++) {
          const s = Math.max(lemma[i] ?? 0, form[i] ?? 0);
          if (s > (best[i] ?? 0)) best[i] = s;
        }
      }
      return best.map((s) => (s >= SIMILAR_AT ? (s - SIMILAR_AT) / (1 - SIMILAR_AT) : 0));
    },
  };
}

export type SoftMatcher = ReturnType<typeof createSoftMatcher>;
