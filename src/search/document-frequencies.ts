/**
 * How many articles mention a concept, for weighing question words. Counted exactly while cheap,
 * estimated from the newest articles beyond that, and remembered until the store grows or shrinks
 * by more than a hundredth: such a statistic barely moves with a few new articles.
 */
import type { SearchStore } from "../store/store.js";

export interface FrequencyOptions {
  /** Counted exactly up to here. */
  exactUpTo: number;
  /** Beyond, extrapolated from this many newest articles. */
  sample: number;
  /** Remembered answers, at most. */
  capacity: number;
}

export const DEFAULT_FREQUENCY_OPTIONS: FrequencyOptions = { exactUpTo: 200, sample: 1000, capacity: 5000 };

/** A remembering estimator over one index. */
export function createDocumentFrequencies(
  index: Pick<SearchStore, "estimateMatches">,
  options: FrequencyOptions = DEFAULT_FREQUENCY_OPTIONS,
) {
  const remembered = new Map<string, number>();
  let countedAt = -1;
  return {
    /** Articles matching the FTS expression, out of `documents` stored. */
    async of(expression: string, documents: number): Promise<number> {
      if (Math.abs(documents - countedAt) > countedAt / 100) {
        remembered.clear();
        countedAt = documents;
      }
      const known = remembered.get(expression);
      if (known !== undefined) return known;
      const df = await index.estimateMatches(expression, documents, options.exactUpTo, options.sample);
      if (remembered.size >= options.capacity) remembered.clear();
      remembered.set(expression, df);
      return df;
    },
  };
}
