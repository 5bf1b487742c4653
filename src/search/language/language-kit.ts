/**
 * Loads the language resources answers are read with: wink-nlp's English model, WordNet 3.1 and
 * the domain map. About half a second and 30 MB of heap, once, before the bot accepts commands.
 */
import type { LanguageKit } from "../analyze-question.js";
import { loadDomainTerms } from "./domain-terms.js";
import { loadLanguage } from "./read-text.js";
import { loadWordVectors } from "./word-vectors.js";
import { loadWordNet } from "./wordnet.js";

export function loadLanguageKit(): LanguageKit {
  return {
    language: loadLanguage(),
    wordNet: loadWordNet(),
    domain: loadDomainTerms(),
    vectors: loadWordVectors(),
  };
}
