import type { TopicMatch } from "../articles/article.js";
import { isListMention } from "./list-mention.js";
import {
  type CompiledPhrase,
  compilePhrase,
  findPhrases,
  indexPhrases,
  type PhraseMatch,
} from "./phrase-matcher.js";
import { type Token, tokenize } from "./tokenize.js";
import type { TopicDefinition } from "./topic-definition.js";

export interface ClassifierInput {
  title: string;
  body: string;
}

export interface Classification {
  /** Assigned topics, in the classifier's topic order. */
  topics: string[];
  /** Every topic, in [0,1], rounded to 2 decimals. */
  scores: Record<string, number>;
  /** Assigned topics only: phrases as they appear in the text. */
  evidence: Record<string, string[]>;
}

export interface Classifier {
  readonly topicNames: readonly string[];
  classify(input: ClassifierInput): Classification;
  /** Topics whose vocabulary (terms, aliases) appears in a short text such as a question; no threshold. */
  mentionedTopics(text: string): string[];
}

/** A sentence's evidence counts double in the title. */
const TITLE_FACTOR = 2;
/** An alias among three or more other names in a list ("Samsung, Huawei, Sony and Xiaomi") counts a quarter. */
const LIST_FACTOR = 0.25;
/** Further matches in a sentence add this share of their weight to its strongest match. */
const SAME_SENTENCE_FACTOR = 0.3;
/** Evidence that scores 0.5: score = evidence / (evidence + HALF_SCORE_EVIDENCE). */
const HALF_SCORE_EVIDENCE = 1.5;
const MAX_EVIDENCE = 5;
/** Words after a description in which another name makes it an appositive for that name. */
const APPOSITIVE_REACH = 2;

const PERCENT_BEFORE = /(\d+(?:\.\d+)?\s?(?:%|per ?cent|percent)\s+)$/;
const PERCENT_START = /^\d+(?:\.\d+)?\s?(?:%|per ?cent|percent)\s/;
/** Words a phrase may need for context ("tariffs on") that evidence leaves out. */
const EDGE_WORDS = new Set(["on", "of", "to", "in", "for", "the", "a", "an", "and", "with", "from", "by"]);

interface TopicMatches {
  positives: PhraseMatch[];
  negatives: PhraseMatch[];
  /** Alias and other-name occurrences, to decide what a description refers to. */
  names: PhraseMatch[];
}

function compileTopics(definitions: readonly TopicDefinition[]): CompiledPhrase[] {
  const phrases: CompiledPhrase[] = [];
  definitions.forEach((definition, topic) => {
    for (const t of definition.terms) phrases.push(compilePhrase(t.phrase, { topic, kind: "term", ...t }));
    for (const a of definition.aliases) phrases.push(compilePhrase(a.phrase, { topic, kind: "alias", ...a }));
    for (const d of definition.descriptions) {
      phrases.push(compilePhrase(d.phrase, { topic, kind: "description", ...d }));
    }
    for (const o of definition.otherNames) {
      phrases.push(compilePhrase(o, { topic, kind: "other", weight: 0, forms: "exact" }));
    }
    for (const n of definition.negatives) {
      phrases.push(
        compilePhrase(n.phrase, { topic, kind: "negative", weight: 0, window: n.window, forms: "verb" }),
      );
    }
  });
  return phrases;
}

function groupByTopic(matches: readonly PhraseMatch[], topicCount: number): TopicMatches[] {
  const groups = Array.from(
    { length: topicCount },
    (): TopicMatches => ({ positives: [], negatives: [], names: [] }),
  );
  for (const match of matches) {
    const group = groups[match.phrase.topic] as TopicMatches;
    const kind = match.phrase.kind;
    if (kind === "negative") group.negatives.push(match);
    else if (kind === "other") group.names.push(match);
    else {
      group.positives.push(match);
      if (kind === "alias") group.names.push(match);
    }
  }
  return groups;
}

/** Longest match wins where matches overlap; the others are dropped. */
function dropOverlaps(matches: readonly PhraseMatch[]): PhraseMatch[] {
  const sorted = [...matches].sort(
    (a, b) => a.first - b.first || b.last - b.first - (a.last - a.first) || b.phrase.weight - a.phrase.weight,
  );
  const kept: PhraseMatch[] = [];
  let coveredUntil = -1;
  for (const match of sorted) {
    if (match.first <= coveredUntil) continue;
    kept.push(match);
    coveredUntil = match.last;
  }
  return kept;
}

function isCancelled(
  match: PhraseMatch,
  negatives: readonly PhraseMatch[],
  tokens: readonly Token[],
): boolean {
  const sentence = (tokens[match.first] as Token).sentence;
  return negatives.some(
    (n) =>
      match.first <= n.last + n.phrase.window &&
      n.first <= match.last + n.phrase.window &&
      (n.phrase.window === 0 || (tokens[n.first] as Token).sentence === sentence),
  );
}

/** A description counts only if an alias names the entity and no other name is closer before or right after it. */
function descriptionRefersToTopic(description: PhraseMatch, names: readonly PhraseMatch[]): boolean {
  let nearestBefore: PhraseMatch | undefined;
  for (const name of names) {
    if (name.last < description.first && (!nearestBefore || name.last > nearestBefore.last))
      nearestBefore = name;
    if (
      name.phrase.kind === "other" &&
      name.first > description.last &&
      name.first - description.last <= APPOSITIVE_REACH
    ) {
      return false;
    }
  }
  return !nearestBefore || nearestBefore.phrase.kind === "alias";
}

function evidenceText(text: string, tokens: readonly Token[], match: PhraseMatch): string {
  let first = match.first;
  let last = match.last;
  while (first < last && EDGE_WORDS.has((tokens[first] as Token).form)) first++;
  while (last > first && EDGE_WORDS.has((tokens[last] as Token).form)) last--;
  const start = (tokens[first] as Token).start;
  const phrase = text.slice(start, (tokens[last] as Token).end);
  const percent = PERCENT_BEFORE.exec(text.slice(Math.max(0, start - 16), start));
  return percent ? `${percent[1]}${phrase}` : phrase;
}

/** Keeps one text per phrase (preferring one with a percentage) and drops case-insensitive repeats. */
function addEvidence(
  evidence: string[],
  shown: Map<CompiledPhrase, number>,
  phrase: CompiledPhrase,
  text: string,
) {
  const at = shown.get(phrase);
  if (at !== undefined) {
    if (PERCENT_START.test(text) && !PERCENT_START.test(evidence[at] ?? "")) evidence[at] = text;
    return;
  }
  const folded = text.toLowerCase();
  if (evidence.length >= MAX_EVIDENCE || evidence.some((e) => e.toLowerCase() === folded)) return;
  shown.set(phrase, evidence.length);
  evidence.push(text);
}

interface TopicResult {
  score: number;
  evidence: string[];
}

function scoreTopic(
  text: string,
  tokens: readonly Token[],
  titleEnd: number,
  group: TopicMatches,
): TopicResult {
  const live = dropOverlaps(group.positives).filter((m) => !isCancelled(m, group.negatives, tokens));
  const anchored = live.some((m) => m.phrase.kind === "alias");
  const perSentence = new Map<number, { max: number; sum: number; title: boolean }>();
  const evidence: string[] = [];
  const shown = new Map<CompiledPhrase, number>();
  for (const match of live) {
    if (match.phrase.kind === "description" && !(anchored && descriptionRefersToTopic(match, group.names)))
      continue;
    let weight = match.phrase.weight;
    if (match.phrase.kind === "alias" && isListMention(text, tokens, match.first, match.last))
      weight *= LIST_FACTOR;
    const token = tokens[match.first] as Token;
    const inTitle = token.start < titleEnd;
    const key = inTitle ? -1 : token.sentence;
    const entry = perSentence.get(key) ?? { max: 0, sum: 0, title: inTitle };
    entry.max = Math.max(entry.max, weight);
    entry.sum += weight;
    perSentence.set(key, entry);
    addEvidence(evidence, shown, match.phrase, evidenceText(text, tokens, match));
  }
  let total = 0;
  for (const { max, sum, title } of perSentence.values()) {
    total += (max + SAME_SENTENCE_FACTOR * (sum - max)) * (title ? TITLE_FACTOR : 1);
  }
  const score = Math.round((total / (total + HALF_SCORE_EVIDENCE)) * 100) / 100;
  return { score, evidence };
}

/**
 * Compiles topic definitions once into a classifier whose classify() is pure and synchronous:
 * weighted words and names per sentence, title counting double, negatives cancelling the
 * matches they overlap, and the phrases that counted kept as evidence.
 */
export function createClassifier(definitions: readonly TopicDefinition[]): Classifier {
  const topicNames = definitions.map((d) => d.name);
  if (new Set(topicNames).size !== topicNames.length)
    throw new Error("createClassifier: topic names must be unique");
  const phrases = compileTopics(definitions);
  const index = indexPhrases(phrases);
  const mentionIndex = indexPhrases([
    ...phrases.filter((p) => p.kind === "term" || p.kind === "alias" || p.kind === "negative"),
    ...definitions.map((d, topic) =>
      compilePhrase(d.name.replaceAll("-", " "), { topic, kind: "term", weight: 1, forms: "plural" }),
    ),
  ]);

  return {
    topicNames,
    classify({ title, body }) {
      const text = body ? `${title}\n\n${body}` : title;
      const tokens = tokenize(text);
      const groups = groupByTopic(findPhrases(index, tokens), definitions.length);
      const result: Classification = { topics: [], scores: {}, evidence: {} };
      definitions.forEach((definition, i) => {
        const { score, evidence } = scoreTopic(text, tokens, title.length, groups[i] as TopicMatches);
        result.scores[definition.name] = score;
        if (score >= definition.threshold && evidence.length > 0) {
          result.topics.push(definition.name);
          result.evidence[definition.name] = evidence;
        }
      });
      return result;
    },
    mentionedTopics(text) {
      const tokens = tokenize(text);
      const groups = groupByTopic(findPhrases(mentionIndex, tokens), definitions.length);
      return topicNames.filter((_, i) => {
        const group = groups[i] as TopicMatches;
        return group.positives.some((m) => !isCancelled(m, group.negatives, tokens));
      });
    },
  };
}

/** Assigned topics as TopicMatch[] (what an Article stores), strongest first. */
export function toTopicMatches(c: Classification): TopicMatch[] {
  return c.topics
    .map((topic) => ({ topic, score: c.scores[topic] ?? 0, evidence: c.evidence[topic] ?? [] }))
    .sort((a, b) => b.score - a.score);
}
