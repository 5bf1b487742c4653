import type { Token } from "./tokenize.js";

/**
 * Whether a name sits in a list of names ("Samsung, Nokia, Ericsson, Huawei, Sony and Xiaomi"):
 * such a mention says the entity was present, not that the story is about it.
 */

/** Other names needed around a mention for it to count as a list mention. */
const MIN_OTHER_ITEMS = 3;
/** Longest name counted as one list item, in words ("Western Digital Corp"). */
const MAX_ITEM_WORDS = 4;
const CONJUNCTIONS = new Set(["and", "or"]);
const LIST_GAP = /^\s*[,&;]\s*$/;
const CONJUNCTION_GAP = /^\s*,?\s*$/;
const NAME_GAP = /^[\s.'’-]+$/;

function gapBetween(text: string, tokens: readonly Token[], a: number, b: number): string {
  const [left, right] = a < b ? [a, b] : [b, a];
  return text.slice((tokens[left] as Token).end, (tokens[right] as Token).start);
}

function isNameWord(token: Token | undefined, sentence: number): token is Token {
  return (
    token !== undefined && token.sentence === sentence && token.capitalised && !CONJUNCTIONS.has(token.form)
  );
}

/**
 * Names listed next to the mention in one direction (step -1: before it, +1: after it), counting
 * no further than `enough`: a mention in a list of thousands of names costs a few steps, not a
 * walk of the whole list per mention.
 */
function countItems(
  text: string,
  tokens: readonly Token[],
  from: number,
  step: 1 | -1,
  enough: number,
): number {
  const sentence = (tokens[from] as Token).sentence;
  let edge = from;
  let count = 0;
  while (count < enough) {
    const next = edge + step;
    const token = tokens[next];
    if (!token || token.sentence !== sentence) break;
    let itemEdge: number;
    if (LIST_GAP.test(gapBetween(text, tokens, edge, next))) itemEdge = next;
    else if (CONJUNCTIONS.has(token.form) && CONJUNCTION_GAP.test(gapBetween(text, tokens, edge, next))) {
      itemEdge = next + step;
      if (!tokens[itemEdge] || !CONJUNCTION_GAP.test(gapBetween(text, tokens, next, itemEdge))) break;
    } else break;
    if (!isNameWord(tokens[itemEdge], sentence)) break;
    let words = 1;
    while (
      words < MAX_ITEM_WORDS &&
      isNameWord(tokens[itemEdge + step], sentence) &&
      NAME_GAP.test(gapBetween(text, tokens, itemEdge, itemEdge + step))
    ) {
      itemEdge += step;
      words++;
    }
    count++;
    edge = itemEdge;
  }
  return count;
}

/** True when the tokens first..last are one item of a list with at least three other names. */
export function isListMention(text: string, tokens: readonly Token[], first: number, last: number): boolean {
  const before = countItems(text, tokens, first, -1, MIN_OTHER_ITEMS);
  return before + countItems(text, tokens, last, 1, MIN_OTHER_ITEMS - before) >= MIN_OTHER_ITEMS;
}
