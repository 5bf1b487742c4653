/**
 * An article as the answer scorer reads it: its title and its quotable sentences (a repeated
 * title, photo credits and one- or two-word lines left out), read once and remembered for the
 * most recently asked-about articles.
 */
import type { Entity, Language, ReadSentence } from "./language/read-text.js";
import type { WordNet } from "./language/wordnet.js";

export interface ReadArticle {
  title: ReadSentence;
  /**
   * Quotable units, in order: each sentence, joined with the one before it when it leans on it
   * ("They requested…"), so what is scored is what is quoted.
   */
  sentences: ReadSentence[];
}

const CREDIT_LINE =
  /^(?:file\s+)?(?:photo|image|picture|credit|source|video|graphic|illustration)s?(?:\s+credits?)?\s*[:|/–—-]|^(?:depositphotos|getty images|shutterstock|alamy|ap photo|afp|reuters|advertisement|read more|subscribe|share this)\b/i;

const LEANS_ON_PREVIOUS =
  /^["“'‘]?(?:they|them|it|its|this|these|those|he|she|his|her|their|such|the move|the decision|the step)\b/i;

const wordsOf = (s: ReadSentence) => s.tokens.map((t) => t.form).join(" ");

/** True for lines that are not prose of the article: the title again, credits, one- or two-word lines. */
export function isNoiseSentence(sentence: ReadSentence, title: ReadSentence): boolean {
  if (wordsOf(sentence) === wordsOf(title)) return true;
  if (CREDIT_LINE.test(sentence.text.trim())) return true;
  return sentence.tokens.length < 3 && !sentence.tokens.some((t) => /\d/.test(t.form));
}

/** True when a sentence cannot be understood without the one before it ("They requested…"). */
export function leansOnPrevious(text: string): boolean {
  return LEANS_ON_PREVIOUS.test(text.trim());
}

/** Each sentence as a quotable unit: joined with the one before it when it leans on it. */
export function quotableUnits(sentences: readonly ReadSentence[]): ReadSentence[] {
  return sentences.map((sentence, i) => {
    const previous = sentences[i - 1];
    if (!previous || !leansOnPrevious(sentence.text)) return sentence;
    return {
      text: `${previous.text} ${sentence.text}`,
      tokens: [...previous.tokens, ...sentence.tokens],
      entities: [...previous.entities, ...sentence.entities],
    };
  });
}

/**
 * Adds the common nouns WordNet files under people, groups and places ("lawmakers", "the
 * company", "the port") as name and place entities: a "who" question is often answered by one.
 */
export function withNounEntities(sentence: ReadSentence, wordNet: Pick<WordNet, "nounKind">): ReadSentence {
  const extra: Entity[] = [];
  for (const token of sentence.tokens) {
    if (token.pos !== "NOUN") continue;
    const kind = wordNet.nounKind(token.lemma);
    if (kind === "person" || kind === "group") extra.push({ kind: "name", text: token.form });
    else if (kind === "location") extra.push({ kind: "place", text: token.form });
  }
  return extra.length === 0 ? sentence : { ...sentence, entities: [...sentence.entities, ...extra] };
}

/** Reads articles through the language layer, remembering the last `capacity` by id. */
export function createArticleReader(
  language: Language,
  wordNet: Pick<WordNet, "nounKind">,
  capacity = 2_000,
) {
  const remembered = new Map<number, ReadArticle>();
  return {
    read(id: number, title: string, body: string): ReadArticle {
      const known = remembered.get(id);
      if (known) {
        remembered.delete(id);
        remembered.set(id, known);
        return known;
      }
      const readTitle = language.readPhrase(title);
      const article = {
        title: readTitle,
        sentences: quotableUnits(
          language
            .readSentences(body)
            .filter((s) => !isNoiseSentence(s, readTitle))
            .map((s) => withNounEntities(s, wordNet)),
        ),
      };
      if (remembered.size >= capacity) remembered.delete(remembered.keys().next().value as number);
      remembered.set(id, article);
      return article;
    },
  };
}
