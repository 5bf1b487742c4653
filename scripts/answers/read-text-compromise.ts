/**
 * The same language layer on compromise, kept to measure against wink-nlp (`npm run bench -- nlp`,
 * `npm run train -- compare-nlp`): its sentences, roots (lemmas), tags and its people, places,
 * organisations, values and dates. Not used by the bot: wink-nlp was chosen (README).
 */
import nlp from "compromise";
import type {
  Entity,
  EntityKind,
  Language,
  ReadSentence,
  Token,
} from "../../src/search/language/read-text.js";

interface Term {
  normal: string;
  root?: string;
  tags: string[];
}

const POS_BY_TAG: [string, string][] = [
  ["Auxiliary", "AUX"],
  ["Modal", "AUX"],
  ["Pronoun", "PRON"],
  ["ProperNoun", "PROPN"],
  ["Person", "PROPN"],
  ["Place", "PROPN"],
  ["Organization", "PROPN"],
  ["Value", "NUM"],
  ["Verb", "VERB"],
  ["Adjective", "ADJ"],
  ["Adverb", "ADV"],
  ["Preposition", "ADP"],
  ["Determiner", "DET"],
  ["Conjunction", "CCONJ"],
  ["Noun", "NOUN"],
];
const STOP_POS = new Set(["AUX", "PRON", "ADP", "DET", "CCONJ"]);
const KIND_BY_TAG: [string, EntityKind][] = [
  ["Money", "money"],
  ["Percent", "percent"],
  ["Duration", "duration"],
  ["Date", "date"],
  ["Person", "name"],
  ["Organization", "name"],
  ["Place", "place"],
  ["Cardinal", "count"],
  ["ProperNoun", "name"],
];

function sentenceOf(text: string, terms: readonly Term[]): ReadSentence {
  const tokens: Token[] = [];
  const entities: Entity[] = [];
  type Open = { kind: EntityKind; words: string[] };
  let current = null as Open | null;
  for (const term of terms) {
    const form = term.normal.replace(/[^\p{L}\p{N}.%$-]/gu, "");
    if (!form) continue;
    const pos = POS_BY_TAG.find(([tag]) => term.tags.includes(tag))?.[1] ?? "X";
    tokens.push({ form, lemma: (term.root ?? form).toLowerCase(), pos, stop: STOP_POS.has(pos) });
    const kind = KIND_BY_TAG.find(([tag]) => term.tags.includes(tag))?.[1];
    if (kind && current?.kind === kind) current.words.push(form);
    else {
      if (current) entities.push({ kind: current.kind, text: current.words.join(" ") });
      current = kind ? { kind, words: [form] } : null;
    }
  }
  const last = current as Open | null;
  if (last) entities.push({ kind: last.kind, text: last.words.join(" ") });
  return { text, tokens, entities };
}

function read(text: string): ReadSentence[] {
  const doc = nlp(text);
  doc.compute("root");
  const json = doc.json({ offset: false, terms: { normal: true } }) as { text: string; terms: Term[] }[];
  return json.map((s) => sentenceOf(s.text.trim(), s.terms));
}

export function loadCompromiseLanguage(): Language {
  return {
    readSentences: (text) =>
      text
        .split(/\n+/)
        .filter((line) => line.trim().length > 0)
        .flatMap(read),
    readPhrase(text) {
      const sentences = read(text);
      return {
        text,
        tokens: sentences.flatMap((s) => s.tokens),
        entities: sentences.flatMap((s) => s.entities),
      };
    },
  };
}
