/**
 * The quotable pieces of an article: its sentences, minus noise (a repeated title, photo credits),
 * where a sentence that leans on the one before it ("They requested…") is kept with it.
 */
import { splitSentences } from "../articles/sentences.js";
import { termsOf, wordsOf } from "./text-terms.js";

export interface AnswerUnit {
  text: string;
  terms: string[];
  /** Index of the unit's last sentence among the article's kept sentences. */
  position: number;
  /** How many kept sentences the article has. */
  total: number;
  /** True when the unit is a sentence plus the one before it. */
  withNeighbour: boolean;
}

const CREDIT_LINE =
  /^(?:file\s+)?(?:photo|image|picture|credit|source|video|graphic|illustration)s?(?:\s+credits?)?\s*[:|/–—-]|^(?:depositphotos|getty images|shutterstock|alamy|ap photo|afp|reuters|advertisement|read more|subscribe|share this)\b/i;

const LEANS_ON_PREVIOUS =
  /^["“'‘]?(?:they|them|it|its|this|these|those|he|she|his|her|their|such|the move|the decision|the step)\b/i;

/** True for lines that are not prose of the article: the title again, credits, one- or two-word lines. */
export function isNoiseSentence(sentence: string, title: string): boolean {
  const words = wordsOf(sentence);
  if (words.join(" ") === wordsOf(title).join(" ")) return true;
  if (CREDIT_LINE.test(sentence.trim())) return true;
  return words.length < 3 && !/\d/.test(sentence);
}

/** True when a sentence cannot be understood without the one before it. */
export function leansOnPrevious(sentence: string): boolean {
  return LEANS_ON_PREVIOUS.test(sentence.trim());
}

/** The units an answer can quote from an article body, in order. */
export function answerUnitsOf(title: string, body: string): AnswerUnit[] {
  const sentences = splitSentences(body).filter((s) => !isNoiseSentence(s, title));
  const terms = sentences.map(termsOf);
  return sentences.map((sentence, i) => {
    const previous = sentences[i - 1];
    const joined = previous !== undefined && leansOnPrevious(sentence);
    return {
      text: joined ? `${previous} ${sentence}` : sentence,
      terms: joined ? [...(terms[i - 1] ?? []), ...(terms[i] ?? [])] : (terms[i] ?? []),
      position: i,
      total: sentences.length,
      withNeighbour: joined,
    };
  });
}
