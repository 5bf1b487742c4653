import { type Corpus, corpusSearch } from "../../../scripts/answers/corpora.js";
import type { Store } from "../../../src/store/store.js";
import { keywordTopicsOf } from "../../search/support/keyword-topics.js";

/**
 * The same labelled corpus in another (empty) store: its articles stored in the same order, so
 * they get the same ids the questions name, and a search over that store.
 */
export async function loadCorpusInto(store: Store, corpus: Corpus): Promise<Corpus> {
  const { drafts, now } = corpus.stored;
  const results = await store.articles.insertMany(
    drafts.map((draft) => ({ draft, topics: keywordTopicsOf(`${draft.title}\n${draft.body}`) })),
    now,
  );
  results.forEach((result, i) => {
    if (result.status !== "new" || result.id !== i + 1)
      throw new Error(`${corpus.name}: article ${i + 1} was stored as ${JSON.stringify(result)}`);
  });
  return { ...corpus, makeSearch: corpusSearch(store, now) };
}
