import type { Article } from "../articles/article.js";

/**
 * Same story, one entry: articles about the same event from several feeds (wire copies, lightly
 * re-edited titles, a summary next to the full text) are grouped so a digest lists the story once
 * with every source.
 *
 * Candidates come from locality-sensitive hashing (one-permutation MinHash over word 3-shingles of
 * the body's first words, classic MinHash over title words; bands shared by crowds of articles are
 * boilerplate and ignored), so the cost grows with the number of articles, not its square. Each
 * candidate pair is then verified exactly: published within `maxGapMs` of each other, and the
 * share of the shorter body's shingles found in the other (containment, so a feed summary matches
 * its full article) at least what the titles' likeness asks for: 80% with unrelated titles (a wire
 * copy re-headlined), 50% with a few title words shared, 40% with half, 25% with nearly equal titles
 * (and none when one of them is only a summary too short to judge).
 */

export interface SameStoryOptions {
  /** Articles published further apart than this are never the same story. */
  maxGapMs: number;
  /** Share of the shorter body's 3-shingles the other must hold when titles share a few words. */
  bodyOverlap: number;
  /** Jaccard similarity of title words that counts as "nearly equal titles". */
  titleSimilarity: number;
}

export const defaultSameStoryOptions: SameStoryOptions = {
  maxGapMs: 48 * 3_600_000,
  bodyOverlap: 0.5,
  titleSimilarity: 0.7,
};

/** What the comparison needs from an article, computed once (cache it by article id). */
export interface StorySignature {
  titleWords: ReadonlySet<string>;
  /** Hashed word 3-shingles of the body's first words, sorted, without repeats. */
  shingles: Uint32Array;
  bodyMinHash: Uint32Array;
  titleMinHash: Uint32Array;
}

const BODY_BINS = 48;
const BODY_ROWS = 4;
const TITLE_HASHES = 12;
const TITLE_ROWS = 3;
const MAX_BODY_WORDS = 160;
/** Enough characters of a body for its first MAX_BODY_WORDS words. */
const MAX_BODY_CHARS = 2_000;
const MIN_SHINGLES = 20;
const FULL_TEXT_SHINGLES = 30;
const EMPTY = 0xffffffff;
/**
 * A band value shared by more articles than this is boilerplate (a stock closing line, a common
 * headline pattern), not one story: such buckets propose no pairs. True duplicates share other bands.
 */
const MAX_BUCKET = 40;

const STOP_WORDS = new Set(
  "a an and are as at be but by for from has have he her his in into is it its of on or over said says she that the their they this to was were will with after amid new than then there these those up out about what who why how not no us".split(
    " ",
  ),
);

function words(text: string): string[] {
  const lower = text.toLowerCase();
  const ascii = /^[\x20-\x7e\s]*$/.test(lower);
  const parts = ascii ? lower.split(/[^a-z0-9]+/) : lower.normalize("NFKC").split(/[^\p{L}\p{N}]+/u);
  return parts.filter((w) => w.length > 0);
}

/** Drops a trailing " - Outlet" / " | Outlet" credit, which says nothing about the story. */
function stripTitleCredit(title: string): string {
  return title.replace(/\s+[-–—|:]\s+(?:(?!\s[-–—|:]\s).){1,40}$/u, "").trim() || title;
}

function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function oneHashMinHash(values: Uint32Array): Uint32Array {
  const bins = new Uint32Array(BODY_BINS).fill(EMPTY);
  for (const value of values) {
    const h = mix(value ^ 0x9e3779b9);
    const bin = h % BODY_BINS;
    const rest = mix(h);
    if (rest < (bins[bin] ?? EMPTY)) bins[bin] = rest;
  }
  // Densification: an empty bin borrows the next filled bin's value, so sparse sets still band.
  for (let i = 0; i < BODY_BINS; i++) {
    if (bins[i] !== EMPTY) continue;
    for (let step = 1; step < BODY_BINS; step++) {
      const v = bins[(i + step) % BODY_BINS] ?? EMPTY;
      if (v !== EMPTY) {
        bins[i] = mix(v + step);
        break;
      }
    }
  }
  return bins;
}

function classicMinHash(values: ReadonlySet<string>): Uint32Array {
  const out = new Uint32Array(TITLE_HASHES).fill(EMPTY);
  for (const value of values) {
    const base = hashString(value);
    for (let k = 0; k < TITLE_HASHES; k++) {
      const h = mix(base ^ Math.imul(k + 1, 0x9e3779b9));
      if (h < (out[k] ?? EMPTY)) out[k] = h;
    }
  }
  return out;
}

/** The signature of an article's title and body (the first words of the body identify a story). */
export function computeStorySignature(article: Pick<Article, "title" | "body">): StorySignature {
  const titleWords = new Set(
    words(stripTitleCredit(article.title)).filter((w) => !STOP_WORDS.has(w) && w.length > 1),
  );
  const hashes = words(article.body.slice(0, MAX_BODY_CHARS)).slice(0, MAX_BODY_WORDS).map(hashString);
  const all = new Uint32Array(Math.max(0, hashes.length - 2));
  for (let i = 0; i < all.length; i++) {
    all[i] = mix((hashes[i] ?? 0) ^ mix((hashes[i + 1] ?? 0) ^ mix(hashes[i + 2] ?? 0)));
  }
  all.sort();
  let unique = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[unique++] = all[i] ?? 0;
  const shingles = all.slice(0, unique);
  return {
    titleWords,
    shingles,
    bodyMinHash: oneHashMinHash(shingles),
    titleMinHash: classicMinHash(titleWords),
  };
}

function sharedWords(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const v of small) if (large.has(v)) shared++;
  return shared;
}

/**
 * Whether at least `share` of the smaller sorted set is found in the other: a merge walk that
 * stops as soon as the answer is known (most candidate pairs fail after a few steps).
 */
function containsAtLeast(a: Uint32Array, b: Uint32Array, share: number): boolean {
  const smaller = Math.min(a.length, b.length);
  const needed = Math.ceil(share * smaller);
  const allowedMisses = smaller - needed;
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  let shared = 0;
  let misses = 0;
  let j = 0;
  for (let i = 0; i < small.length; i++) {
    const v = small[i] ?? 0;
    while (j < large.length && (large[j] ?? 0) < v) j++;
    if (j < large.length && large[j] === v) {
      if (++shared >= needed) return true;
    } else if (++misses > allowedMisses) return false;
  }
  return shared >= needed;
}

/** True when two articles are the same story (see the module comment for the rule). */
export function isSameStory(
  a: Pick<Article, "publishedAt">,
  b: Pick<Article, "publishedAt">,
  sa: StorySignature,
  sb: StorySignature,
  options: SameStoryOptions = defaultSameStoryOptions,
): boolean {
  if (Math.abs(a.publishedAt - b.publishedAt) > options.maxGapMs) return false;
  const titlesComparable = sa.titleWords.size >= 3 && sb.titleWords.size >= 3;
  const shared = titlesComparable ? sharedWords(sa.titleWords, sb.titleWords) : 0;
  const titleSimilarity = titlesComparable ? shared / (sa.titleWords.size + sb.titleWords.size - shared) : 0;
  const smaller = Math.min(sa.shingles.length, sb.shingles.length);
  // The body overlap needed depends on how alike the titles are. Mostly the same text is a wire
  // copy whatever its headline; half the same text needs a headline in common too, as stories can
  // share a long background paragraph; nearly equal titles merge unless two full texts clearly
  // differ (a one-line feed summary next to a full article overlaps little and proves nothing).
  let needed = 0.8;
  if (titleSimilarity >= options.titleSimilarity) {
    if (smaller < FULL_TEXT_SHINGLES) return true;
    needed = options.bodyOverlap / 2;
  } else if (titleSimilarity >= 0.5) needed = options.bodyOverlap * 0.8;
  else if (titleSimilarity >= 0.25) needed = options.bodyOverlap;
  // Containment of a body shorter than MIN_SHINGLES proves little: one stock sentence would do.
  return smaller >= MIN_SHINGLES && containsAtLeast(sa.shingles, sb.shingles, needed);
}

/** Which story each article belongs to: article id → the smallest article id of its story. */
export type StoryIndex = ReadonlyMap<number, number>;

function find(parent: Map<number, number>, id: number): number {
  let root = id;
  while (parent.get(root) !== root) root = parent.get(root) ?? root;
  let node = id;
  while (node !== root) {
    const next = parent.get(node) ?? root;
    parent.set(node, root);
    node = next;
  }
  return root;
}

/** Puts article `index` in one bucket per band of `rows` consecutive MinHash values. */
function addBands(
  buckets: Map<number, number[]>,
  minHash: Uint32Array,
  rows: number,
  salt: number,
  index: number,
) {
  for (let at = 0; at + rows <= minHash.length; at += rows) {
    let key = mix(salt + at);
    for (let r = 0; r < rows; r++) key = mix(key ^ (minHash[at + r] ?? 0));
    const bucket = buckets.get(key);
    if (bucket) bucket.push(index);
    else buckets.set(key, [index]);
  }
}

/**
 * Groups articles into stories. `cache` keeps signatures by article id across calls (one per
 * scheduler tick, say), so building many channels' digests hashes each article once.
 */
export function indexStories(
  articles: readonly Article[],
  options: SameStoryOptions = defaultSameStoryOptions,
  cache: Map<number, StorySignature> = new Map(),
): StoryIndex {
  const signatures = articles.map((article) => {
    let signature = cache.get(article.id);
    if (!signature) {
      signature = computeStorySignature(article);
      cache.set(article.id, signature);
    }
    return signature;
  });
  const buckets = new Map<number, number[]>();
  signatures.forEach((s, i) => {
    if (s.shingles.length >= MIN_SHINGLES) addBands(buckets, s.bodyMinHash, BODY_ROWS, 0x1000, i);
    if (s.titleWords.size >= 3) addBands(buckets, s.titleMinHash, TITLE_ROWS, 0x2000, i);
  });
  const parent = new Map<number, number>(articles.map((a) => [a.id, a.id]));
  const checked = new Set<number>();
  for (const bucket of buckets.values()) {
    if (bucket.length < 2 || bucket.length > MAX_BUCKET) continue;
    for (let x = 0; x < bucket.length; x++) {
      for (let y = x + 1; y < bucket.length; y++) {
        const i = bucket[x] ?? 0;
        const j = bucket[y] ?? 0;
        const pairKey = i < j ? i * articles.length + j : j * articles.length + i;
        if (checked.has(pairKey)) continue;
        checked.add(pairKey);
        const a = articles[i];
        const b = articles[j];
        const sa = signatures[i];
        const sb = signatures[j];
        if (!a || !b || !sa || !sb) continue;
        const ra = find(parent, a.id);
        const rb = find(parent, b.id);
        if (ra === rb || !isSameStory(a, b, sa, sb, options)) continue;
        parent.set(Math.max(ra, rb), Math.min(ra, rb));
      }
    }
  }
  const index = new Map<number, number>();
  for (const article of articles) index.set(article.id, find(parent, article.id));
  return index;
}

/** Articles grouped by story, each group oldest first, groups in order of their first article. */
export function groupSameStories(
  articles: readonly Article[],
  options: SameStoryOptions = defaultSameStoryOptions,
  cache?: Map<number, StorySignature>,
): Article[][] {
  const index = indexStories(articles, options, cache);
  const groups = new Map<number, Article[]>();
  for (const article of articles) {
    const story = index.get(article.id) ?? article.id;
    const group = groups.get(story);
    if (group) group.push(article);
    else groups.set(story, [article]);
  }
  const byAge = (a: Article, b: Article) => a.publishedAt - b.publishedAt || a.id - b.id;
  return [...groups.values()]
    .map((g) => g.sort(byAge))
    .sort((a, b) => byAge(a[0] as Article, b[0] as Article));
}
