/**
 * Orders candidate articles by a blend of text match (BM25), recency and topic match, and weighs
 * question concepts by how rare they are. Pure: `now` and the facts come in.
 */

const DAY_MS = 86_400_000;

export interface CandidateFacts {
  id: number;
  /** SQLite bm25(): negative, lower is better. */
  bm25: number;
  publishedAt: number;
  topics: readonly string[];
}

export interface BlendOptions {
  now: number;
  /** Topics the question mentions; matching articles get a lift. */
  topics: readonly string[];
  /** "latest", "today"…: recency counts for more. */
  prefersRecent: boolean;
}

export interface BlendedCandidate {
  id: number;
  /** 0..1, 1 for the best candidate. */
  relevance: number;
}

/**
 * Recency relative to the newest candidate (not to now, so "the new tariffs" still means the
 * newest ones when nothing was published this week): halves every `halfLifeDays`.
 */
function recencyOf(publishedAt: number, newest: number, halfLifeDays: number): number {
  const ageDays = Math.max(0, newest - publishedAt) / DAY_MS;
  return 0.5 ** (ageDays / halfLifeDays);
}

/** Candidates best first: text match counts most, then topic, then recency. */
export function blendCandidates(
  candidates: readonly CandidateFacts[],
  options: BlendOptions,
): BlendedCandidate[] {
  const best = Math.min(...candidates.map((c) => c.bm25), -Number.EPSILON);
  const weights = options.prefersRecent
    ? { text: 0.55, recency: 0.3, topic: 0.15 }
    : { text: 0.75, recency: 0.1, topic: 0.15 };
  const halfLife = options.prefersRecent ? 30 : 90;
  const newest = Math.min(options.now, Math.max(...candidates.map((c) => c.publishedAt)));
  const wanted = new Set(options.topics);
  const scored = candidates.map((c) => {
    const text = Math.max(0, c.bm25 / best);
    const topic = wanted.size > 0 && c.topics.some((t) => wanted.has(t)) ? 1 : 0;
    const score =
      weights.text * text +
      weights.recency * recencyOf(c.publishedAt, newest, halfLife) +
      weights.topic * topic;
    return { id: c.id, score };
  });
  const top = Math.max(...scored.map((s) => s.score), Number.EPSILON);
  return scored
    .map((s) => ({ id: s.id, relevance: s.score / top }))
    .sort((a, b) => b.relevance - a.relevance);
}

/**
 * BM25's inverse document frequency: near 0 for a word in every article, highest for a word in
 * none (a question about something never reported weighs that word most).
 */
export function inverseDocumentFrequency(documentFrequency: number, documents: number): number {
  const df = Math.min(documentFrequency, documents);
  return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
}

export interface ConceptFrequency<C> {
  concept: C & { action: boolean };
  /** Articles that mention the concept (may be capped for very common ones). */
  df: number;
}

/**
 * Weights for a question's concepts: their IDF, with actions ("request", "start") lifted to at
 * least the question's average, so the sentence that says what was done beats one that only
 * names who was involved.
 */
export function weighConcepts<C>(
  concepts: readonly ConceptFrequency<C>[],
  documents: number,
): (ConceptFrequency<C> & { weight: number })[] {
  const idf = concepts.map((c) => inverseDocumentFrequency(c.df, documents));
  const mean = idf.reduce((sum, w) => sum + w, 0) / Math.max(1, idf.length);
  return concepts.map((c, i) => {
    const own = idf[i] ?? 0;
    return { ...c, weight: c.concept.action ? Math.max(own, mean) : own };
  });
}
