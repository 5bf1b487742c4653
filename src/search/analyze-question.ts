/**
 * Turns a question typed in Slack into what retrieval needs: the concepts to look for (each with
 * its synonyms), the kind of answer expected (a person, a date, a number…), time hints, topic
 * hints, or a request for the latest articles instead of an answer.
 */
import { STOP_WORDS } from "./stop-words.js";
import { ACTION_WORDS, createSynonymLookup, type SynonymLookup } from "./synonyms.js";
import { irregularFormsOf, termOf, wordsOf } from "./text-terms.js";
import { readTimeHint, type TimeWindow } from "./time-hints.js";

export type AnswerKind = "person" | "date" | "quantity" | "place" | "reason" | "thing";

/** One thing the question is about, in every wording that counts as a match. */
export interface Concept {
  /** The question's own words for it. */
  label: string;
  /** Wordings to search for, each as lower-case words. */
  variants: readonly (readonly string[])[];
  /** The same wordings as matching terms (stems). */
  termVariants: readonly (readonly string[])[];
  /** True for the question's main verb ("request" in "what did the CEOs request?"): its focus. */
  action: boolean;
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
  /** Numbers written in the question. */
  numbers: string[];
  /** Set when the question asks for the newest articles rather than an answer. */
  latest: LatestRequest | null;
}

export interface AnalyzeOptions {
  now: number;
  timeZone: string;
  topicNames: readonly string[];
  topicHints: (text: string) => string[];
  synonyms?: SynonymLookup;
}

export const DEFAULT_LATEST_LIMIT = 5;
/** A question longer than this many concepts is searched for its first ones only. */
export const MAX_CONCEPTS = 12;
export const MAX_LATEST_LIMIT = 20;

const ACTION_TERMS = new Set([...ACTION_WORDS].map(termOf));
const AUXILIARIES = new Set(
  "did does do will would can could should shall may might is are was were has have had".split(" "),
);
const NEWS_WORDS = new Set(["news", "update", "updates", "headlines", "headline", "latest", "newest"]);
const QUANTITY_AFTER_HOW = new Set(["much", "many", "big", "large", "long", "high", "far", "low", "small"]);
const QUANTITY_AFTER_WHAT = new Set(["share", "percentage", "percent", "proportion", "amount", "size"]);
const FILLER_PHRASES = /\b(?:tell|show|give) me\b|\blet me know\b|\bdo you know\b|\bcan you\b|\bso far\b/g;

function readExpectedKind(words: readonly string[]): { kind: AnswerKind; consumed: number[] } {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    const next = words[i + 1] ?? "";
    if (word === "how" && QUANTITY_AFTER_HOW.has(next)) return { kind: "quantity", consumed: [i, i + 1] };
    if (word === "what" && QUANTITY_AFTER_WHAT.has(next)) return { kind: "quantity", consumed: [i, i + 1] };
  }
  const has = (w: string) => words.indexOf(w);
  const first = (...ws: string[]) => ws.map(has).find((i) => i >= 0) ?? -1;
  const who = first("who", "whom", "whose");
  if (who >= 0) return { kind: "person", consumed: [who] };
  const when = first("when", "deadline", "date");
  if (when >= 0) return { kind: "date", consumed: [when] };
  const where = first("where");
  if (where >= 0) return { kind: "place", consumed: [where] };
  const why = first("why", "reason");
  if (why >= 0) return { kind: "reason", consumed: [why] };
  return { kind: "thing", consumed: [] };
}

function isNewsRequest(words: readonly string[]): boolean {
  const joined = ` ${words.join(" ")} `;
  return (
    words[0] === "latest" ||
    [...NEWS_WORDS].some((w) => joined.includes(` ${w} `)) ||
    / what s new | whats new | what is new | anything new | most recent /.test(joined)
  );
}

function readLatestRequest(
  words: readonly string[],
  options: AnalyzeOptions,
  timeWords: ReadonlySet<number>,
): LatestRequest | null {
  if (!isNewsRequest(words)) return null;
  let limit = DEFAULT_LATEST_LIMIT;
  let rest = words.filter((_, i) => !timeWords.has(i));
  const last = rest[rest.length - 1];
  if (last !== undefined && /^\d{1,3}$/.test(last)) {
    limit = Math.min(MAX_LATEST_LIMIT, Math.max(1, Number(last)));
    rest = rest.slice(0, -1);
  }
  const content = rest.filter(
    (w) => !STOP_WORDS.has(w) && !NEWS_WORDS.has(w) && !["new", "anything", "recent"].includes(w),
  );
  if (content.length === 0) return { topic: null, limit };
  if (content.length > 1) return null;
  const word = content[0] ?? "";
  const named = options.topicNames.find(
    (t) => t.toLowerCase() === word || termOf(t.toLowerCase()) === termOf(word),
  );
  if (named) return { topic: named, limit };
  const hinted = options.topicHints(word);
  return hinted.length === 1 && hinted[0] ? { topic: hinted[0], limit } : null;
}

function conceptOf(label: string, variants: readonly (readonly string[])[]): Concept {
  const all: string[][] = [];
  for (const variant of variants) {
    all.push([...variant]);
    if (variant.length === 1 && variant[0]) for (const form of irregularFormsOf(variant[0])) all.push([form]);
  }
  return { label, variants: all, termVariants: all.map((v) => v.map(termOf)), action: false };
}

/**
 * Concepts in question order. The first known verb after an auxiliary ("did", "will", "is"…)
 * is marked as the action: in "how much did china pay for the jets" that is "pay".
 */
function readConcepts(
  words: readonly string[],
  skip: ReadonlySet<number>,
  synonyms: SynonymLookup,
): Concept[] {
  const terms = words.map(termOf);
  const auxiliary = words.findIndex((w) => AUXILIARIES.has(w));
  let actionFound = false;
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < words.length; ) {
    if (skip.has(i)) {
      i++;
      continue;
    }
    const match = synonyms.match(terms, i);
    const word = words[i] ?? "";
    let concept: Concept | null = null;
    let length = 1;
    if (match) {
      length = match.length;
      concept = conceptOf(words.slice(i, i + length).join(" "), match.group);
    } else if (!STOP_WORDS.has(word) && !NEWS_WORDS.has(word) && word.length > 1) {
      concept = conceptOf(word, [[word]]);
    }
    if (concept && !actionFound && auxiliary >= 0 && i > auxiliary && ACTION_TERMS.has(terms[i] ?? "")) {
      concept = { ...concept, action: true };
      actionFound = true;
    }
    i += length;
    if (!concept) continue;
    const key = concept.termVariants.map((v) => v.join(" ")).join("|");
    if (seen.has(key)) continue;
    seen.add(key);
    concepts.push(concept);
  }
  return concepts;
}

/** Reads a question. Pure: `now`, the time zone and topic knowledge come in as options. */
export function analyzeQuestion(question: string, options: AnalyzeOptions): QuestionAnalysis {
  const synonyms = options.synonyms ?? createSynonymLookup();
  const text = question
    .toLowerCase()
    .replace(/<[^>]*>/g, " ")
    .replace(FILLER_PHRASES, " ")
    .replace(/\b(the|in|from|to|of|by|and) us\b/g, "$1 u.s.");
  const words = wordsOf(text);
  const time = readTimeHint(words, options.now, options.timeZone);
  const timeWords = new Set(time.consumed);
  const latest = readLatestRequest(words, options, timeWords);
  const expected = readExpectedKind(words);
  const skip = new Set([...time.consumed, ...expected.consumed]);
  const named = options.topicNames.filter((t) => words.includes(t.toLowerCase()));
  const topics = [...new Set([...named, ...options.topicHints(question)])];
  return {
    concepts: latest ? [] : readConcepts(words, skip, synonyms).slice(0, MAX_CONCEPTS),
    expects: expected.kind,
    window: time.window,
    prefersRecent: time.prefersRecent,
    topics,
    numbers: words.filter((w) => /^\d+$/.test(w)),
    latest,
  };
}
