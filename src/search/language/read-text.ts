/**
 * The language layer for answers, on wink-nlp with its English lite model: sentence boundaries,
 * lemmas that know irregular forms ("broke" → "break"), parts of speech, stop words and entities
 * (dates, money, percentages, counts, durations; names from proper-noun runs). Loaded once; reading
 * is pure and synchronous.
 */

import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";

/** Kinds of entity an answer can be: what a question's "when", "how much", "who"… asks for. */
export type EntityKind = "date" | "money" | "percent" | "count" | "duration" | "name" | "place";

export interface Entity {
  kind: EntityKind;
  /** Lower-case text of the entity. */
  text: string;
}

export interface Token {
  /** Lower-case surface form. */
  form: string;
  /** Lower-case lemma. */
  lemma: string;
  /** Universal part of speech (NOUN, VERB, PROPN, ADP…). */
  pos: string;
  stop: boolean;
}

export interface ReadSentence {
  text: string;
  /** Word and number tokens only (no punctuation). */
  tokens: Token[];
  entities: Entity[];
}

const ENTITY_KINDS: Record<string, EntityKind> = {
  DATE: "date",
  TIME: "date",
  MONEY: "money",
  PERCENT: "percent",
  CARDINAL: "count",
  DURATION: "duration",
};

/** Prepositions after which a name is a place ("in Shenzhen", "from Brazil"). */
const PLACE_BEFORE = new Set(["in", "at", "from", "near", "to", "across", "outside", "inside"]);

type WinkDoc = ReturnType<ReturnType<typeof winkNLP>["readDoc"]>;
// biome-ignore lint/suspicious/noExplicitAny: an entity or sentence of wink-nlp's collections
type WinkItem = { out: (f?: any) => unknown };

export interface Language {
  /** Sentences of a text; each line (paragraph) is read on its own, so a bare headline line stays apart. */
  readSentences(text: string): ReadSentence[];
  /** One text as a single sentence (for a question). */
  readPhrase(text: string): ReadSentence;
}

/** Loads wink-nlp's English model (about 80 ms) with the sentence, part-of-speech and entity steps. */
export function loadLanguage(): Language {
  const nlp = winkNLP(model, ["sbd", "pos", "ner"]);
  const its = nlp.its;

  function sentencesOf(doc: WinkDoc): ReadSentence[] {
    const forms = doc.tokens().out(its.normal) as string[];
    // biome-ignore lint/suspicious/noExplicitAny: wink-nlp's typings do not accept its.lemma in out()
    const lemmas = doc.tokens().out(its.lemma as any) as string[];
    const tags = doc.tokens().out(its.pos) as string[];
    const types = doc.tokens().out(its.type) as string[];
    const stops = doc.tokens().out(its.stopWordFlag) as unknown as boolean[];
    const kindAt = new Map<number, Entity>();
    doc.entities().each((e: WinkItem) => {
      const kind = ENTITY_KINDS[e.out(its.type) as string];
      const [start] = e.out(its.span) as unknown as [number, number];
      if (kind) kindAt.set(start, { kind, text: (e.out() as string).toLowerCase() });
    });
    const sentences: ReadSentence[] = [];
    doc.sentences().each((s: WinkItem) => {
      const [start, end] = s.out(its.span) as unknown as [number, number];
      const tokens: Token[] = [];
      const entities: Entity[] = [];
      let name: string[] = [];
      let nameIsPlace = false;
      const closeName = () => {
        if (name.length > 0) entities.push({ kind: nameIsPlace ? "place" : "name", text: name.join(" ") });
        name = [];
      };
      for (let i = start; i <= end; i++) {
        const entity = kindAt.get(i);
        if (entity) entities.push(entity);
        const type = types[i];
        if (tags[i] === "PROPN" && type === "word") {
          if (name.length === 0) nameIsPlace = PLACE_BEFORE.has(forms[i - 1] ?? "");
          name.push(forms[i] ?? "");
        } else closeName();
        if (type !== "word" && type !== "number") continue;
        tokens.push({
          form: forms[i] ?? "",
          lemma: (lemmas[i] ?? "").toLowerCase(),
          pos: tags[i] ?? "X",
          stop: stops[i] === true,
        });
      }
      closeName();
      sentences.push({ text: s.out() as string, tokens, entities });
    });
    return sentences;
  }

  return {
    readSentences(text) {
      return text
        .split(/\n+/)
        .filter((line) => line.trim().length > 0)
        .flatMap((line) => sentencesOf(nlp.readDoc(line)));
    },
    readPhrase(text) {
      const sentences = sentencesOf(nlp.readDoc(text));
      return {
        text,
        tokens: sentences.flatMap((s) => s.tokens),
        entities: sentences.flatMap((s) => s.entities),
      };
    },
  };
}
