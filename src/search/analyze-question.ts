/**
 * Turns a question typed in Slack into what retrieval and scoring need: the concepts to look for
 * (each with its lemma, WordNet synonyms and derived forms, and domain wordings), the kind of
 * answer expected (a name, a place, a date, a number, a duration, a reason), time hints, topic
 * hints, or a request for the newest articles instead of an answer.
 */
import type { DomainTerms } from "./language/domain-terms.js";
import type { EntityKind, Language, Token } from "./language/read-text.js";
import type { WordVectors } from "./language/word-vectors.js";
import type { WordNet, WordNetPos } from "./language/wordnet.js";
import { withNounEntities } from "./read-article.js";
import { readTimeHint, type TimeWindow } from "./time-hints.js";

export type AnswerKind = "name" | "place" | "date" | "number" | "duration" | "reason" | "other";

/** One thing the question is about, in every wording that counts as a match. */
export interface Concept {
  /** The question's own words for it. */
  label: string;
  /** The question's wordings (surface words and lemmas): an exact match. */
  exact: readonly (readonly string[])[];
  /** Synonyms, derived forms and domain wordings: a weaker match. */
  expansions: readonly (readonly string[])[];
  /** Wordings the full-text index is asked for (lower-case words). */
  variants: readonly (readonly string[])[];
  /** Part of speech of the question word. */
  pos: string;
}

export interface LatestRequest {
  topic: string | null;
  limit: number;
}

export interface QuestionAnalysis {
  concepts: Concept[];
  expects: AnswerKind;
  window: TimeWindow | null;
  prefersRecent: boolean;
  /** Topics the question mentions, by name or by hint. */
  topics: string[];
  /** Entities the question itself names: they do not make a sentence an answer. */
  givenEntities: string[];
  /** Set when the question asks for the newest articles rather than an answer. */
  latest: LatestRequest | null;
}

/** The language resources a question is read with, loaded once. */
export interface LanguageKit {
  language: Language;
  wordNet: WordNet;
  domain: DomainTerms;
  vectors: WordVectors;
}

export interface AnalyzeOptions {
  now: number;
  timeZone: string;
  topicNames: readonly string[];
  topicHints: (text: string) => string[];
}

export const DEFAULT_LATEST_LIMIT = 5;
/** A question longer than this many concepts is searched for its first ones only. */
export const MAX_CONCEPTS = 12;
export const MAX_LATEST_LIMIT = 20;
/** Index wordings per concept, at most (each costs an OR in the full-text query). */
const MAX_VARIANTS = 10;
/** WordNet wordings per concept, at most. */
const MAX_EXPANSIONS = 16;

/** Which entity kinds answer which kind of question. */
export const ANSWER_ENTITIES: Record<AnswerKind, readonly EntityKind[]> = {
  name: ["name", "place"],
  place: ["place", "name"],
  date: ["date"],
  number: ["money", "percent", "count"],
  duration: ["duration", "date"],
  reason: [],
  other: [],
};

const NEWS_WORDS = new Set(["news", "update", "updates", "headlines", "headline", "latest", "newest"]);
/** Words of asking, not of the thing asked about. */
const FILLER = new Set([
  ...NEWS_WORDS,
  "tell",
  "know",
  "happen",
  "happened",
  "anything",
  "something",
  "pls",
  "please",
  "thing",
  "things",
  "stuff",
  "get",
  "gets",
  "got",
  "getting",
  "guy",
  "guys",
  "wat",
  "wht",
  "whats",
  "theres",
  "thats",
  "im",
  "u",
  "w",
  "abt",
]);
const HOW_NUMBER = new Set(["much", "many", "big", "large", "high", "far", "low", "small", "steep"]);
const WHAT_NUMBER = new Set([
  "share",
  "percentage",
  "percent",
  "proportion",
  "amount",
  "rate",
  "size",
  "price",
  "value",
  "number",
  "figure",
  "level",
  "total",
  "volume",
]);
const WHAT_DATE = new Set(["date", "day", "month", "year", "time", "deadline"]);
const WHAT_PLACE = new Set([
  "country",
  "countries",
  "city",
  "cities",
  "state",
  "states",
  "province",
  "port",
  "ports",
  "region",
  "nation",
  "nations",
  "where",
]);
const WHAT_NAME = new Set([
  "company",
  "companies",
  "firm",
  "firms",
  "agency",
  "official",
  "officials",
  "person",
  "people",
  "group",
  "bank",
  "banks",
  "brand",
  "lawmaker",
  "lawmakers",
  "senator",
  "carrier",
  "chipmaker",
  "exporter",
  "importer",
  "buyer",
  "buyers",
  "supplier",
  "suppliers",
  "minister",
  "leader",
  "executive",
  "exec",
]);
const WH_WORDS = new Set([
  "what",
  "which",
  "who",
  "whom",
  "whose",
  "when",
  "whens",
  "where",
  "why",
  "how",
  "wat",
  "wht",
  "whats",
]);
/** Adverbs that only colour a question ("actually", "exactly", "still"): not searched for. */
const COLOURING_ADVERBS = new Set([
  "actually",
  "exactly",
  "still",
  "really",
  "just",
  "even",
  "already",
  "ever",
  "again",
  "also",
  "now",
  "currently",
  "right",
  "yet",
  "so",
  "though",
]);

function readExpectedKind(forms: readonly string[]): { kind: AnswerKind; consumed: number[] } {
  for (let i = 0; i < forms.length; i++) {
    const word = forms[i] ?? "";
    const next = forms[i + 1] ?? "";
    if (word === "how" && next === "long") return { kind: "duration", consumed: [i, i + 1] };
    if (word === "how" && next === "soon") return { kind: "date", consumed: [i, i + 1] };
    if (word === "how" && HOW_NUMBER.has(next)) return { kind: "number", consumed: [i, i + 1] };
    if (WH_WORDS.has(word) && word !== "how" && word !== "why") {
      // "which chinese chipmaker", "what kind of rate": the kind noun within three words.
      for (let k = i + 1; k <= i + 3 && k < forms.length; k++) {
        const noun = forms[k] ?? "";
        if (WHAT_NUMBER.has(noun)) return { kind: "number", consumed: [i, k] };
        if (WHAT_DATE.has(noun)) return { kind: "date", consumed: [i, k] };
        if (WHAT_PLACE.has(noun)) return { kind: "place", consumed: [i, k] };
        if (WHAT_NAME.has(noun)) return { kind: "name", consumed: [i, k] };
      }
    }
  }
  const first = (...ws: string[]) => ws.map((w) => forms.indexOf(w)).find((i) => i >= 0) ?? -1;
  const who = first("who", "whom", "whose");
  if (who >= 0) return { kind: "name", consumed: [who] };
  const when = first("when", "whens", "deadline");
  if (when >= 0) return { kind: "date", consumed: [when] };
  const where = first("where");
  if (where >= 0) return { kind: "place", consumed: [where] };
  const why = first("why");
  if (why >= 0) return { kind: "reason", consumed: [why] };
  return { kind: "other", consumed: [] };
}

function isNewsRequest(forms: readonly string[]): boolean {
  const joined = ` ${forms.join(" ")} `;
  return (
    forms[0] === "latest" ||
    [...NEWS_WORDS].some((w) => joined.includes(` ${w} `)) ||
    / what s new | whats new | what is new | anything new | most recent /.test(joined)
  );
}

function readLatestRequest(
  tokens: readonly Token[],
  options: AnalyzeOptions,
  timeWords: ReadonlySet<number>,
): LatestRequest | null {
  const forms = tokens.map((t) => t.form);
  if (!isNewsRequest(forms)) return null;
  let limit = DEFAULT_LATEST_LIMIT;
  let rest = tokens.filter((_, i) => !timeWords.has(i));
  const last = rest[rest.length - 1]?.form;
  if (last !== undefined && /^\d{1,3}$/.test(last)) {
    limit = Math.min(MAX_LATEST_LIMIT, Math.max(1, Number(last)));
    rest = rest.slice(0, -1);
  }
  const content = rest.filter(
    (t) => !t.stop && !NEWS_WORDS.has(t.form) && !["new", "anything", "recent", "s"].includes(t.form),
  );
  if (content.length === 0) return { topic: null, limit };
  if (content.length > 1) return null;
  const token = content[0] as Token;
  const named = options.topicNames.find((t) => {
    const name = t.toLowerCase();
    return name === token.form || name === token.lemma;
  });
  if (named) return { topic: named, limit };
  const hinted = options.topicHints(token.form);
  return hinted.length === 1 && hinted[0] ? { topic: hinted[0], limit } : null;
}

const WORDNET_POS: Record<string, WordNetPos> = { NOUN: "noun", VERB: "verb", ADJ: "adj", ADV: "adv" };

function uniqueWordings(wordings: readonly (readonly string[])[]): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const w of wordings) {
    const key = w.join(" ");
    if (w.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push([...w]);
  }
  return out;
}

function conceptOf(kit: LanguageKit, words: readonly Token[], domainKey: string | null): Concept {
  const forms = words.map((t) => t.form);
  const lemmas = words.map((t) => t.lemma);
  const exact = uniqueWordings([forms, lemmas]);
  const domain = domainKey ? (kit.domain.get(domainKey) ?? []) : [];
  const head = words[0] as Token;
  const pos = WORDNET_POS[head.pos];
  const related =
    pos && !domainKey ? kit.wordNet.related(lemmas.join(" "), pos) : { synonyms: [], derived: [] };
  const expansions = uniqueWordings([...domain, ...related.derived, ...related.synonyms]).filter(
    (w) => !exact.some((e) => e.join(" ") === w.join(" ")),
  );
  return {
    label: forms.join(" "),
    exact,
    expansions: expansions.slice(0, MAX_EXPANSIONS),
    variants: uniqueWordings([...exact, ...domain, ...related.derived, ...related.synonyms]).slice(
      0,
      MAX_VARIANTS,
    ),
    pos: head.pos,
  };
}

/** Concepts in question order: domain terms, phrasal verbs known to WordNet, then content words. */
function readConcepts(kit: LanguageKit, tokens: readonly Token[], skip: ReadonlySet<number>): Concept[] {
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i] as Token;
    const next = tokens[i + 1];
    if (skip.has(i)) {
      i++;
      continue;
    }
    let concept: Concept | null = null;
    let length = 1;
    const pair = next ? `${token.form} ${next.form}` : "";
    const afterVerb = tokens[i - 1]?.pos === "VERB";
    if (next && kit.domain.has(pair)) {
      concept = conceptOf(kit, [token, next], pair);
      length = 2;
    } else if (kit.domain.has(token.form) && !(token.form === "us" && afterVerb)) {
      concept = conceptOf(kit, [token], token.form);
    } else if (kit.domain.has(token.lemma) && token.form !== "us") {
      concept = conceptOf(kit, [token], token.lemma);
    } else if (
      token.stop ||
      token.pos === "INTJ" ||
      FILLER.has(token.form) ||
      WH_WORDS.has(token.form) ||
      COLOURING_ADVERBS.has(token.form) ||
      token.form.length < 2
    ) {
      concept = null;
    } else if (
      next &&
      token.pos === "VERB" &&
      (next.pos === "ADP" || next.pos === "PART" || next.pos === "ADV") &&
      kit.wordNet.has(`${token.lemma} ${next.form}`)
    ) {
      concept = conceptOf(kit, [{ ...token }, { ...next, lemma: next.form }], null);
      length = 2;
    } else {
      concept = conceptOf(kit, [token], null);
    }
    i += length;
    if (!concept) continue;
    const key = concept.exact.map((w) => w.join(" ")).join("|");
    if (seen.has(key)) continue;
    seen.add(key);
    concepts.push(concept);
  }
  return concepts;
}

/** Reads a question. `now`, the time zone and topic knowledge come in as options. */
export function analyzeQuestion(
  question: string,
  kit: LanguageKit,
  options: AnalyzeOptions,
): QuestionAnalysis {
  const text = question
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const phrase = withNounEntities(kit.language.readPhrase(text), kit.wordNet);
  const tokens = phrase.tokens;
  const forms = tokens.map((t) => t.form);
  const time = readTimeHint(forms, options.now, options.timeZone);
  const timeWords = new Set(time.consumed);
  const latest = readLatestRequest(tokens, options, timeWords);
  const expected = readExpectedKind(forms);
  const skip = new Set([...time.consumed, ...expected.consumed]);
  const named = options.topicNames.filter((t) => forms.includes(t.toLowerCase()));
  const topics = [...new Set([...named, ...options.topicHints(question)])];
  return {
    concepts: latest ? [] : readConcepts(kit, tokens, skip).slice(0, MAX_CONCEPTS),
    expects: expected.kind,
    window: time.window,
    prefersRecent: time.prefersRecent,
    topics,
    givenEntities: phrase.entities.map((e) => e.text),
    latest,
  };
}
