import type { ArticleDraft } from "../articles/article.js";
import { canonicalUrl } from "../articles/canonical-url.js";
import { htmlToLine, htmlToText } from "../articles/html-to-text.js";
import type { FeedItem } from "./parse-feed.js";

/**
 * A feed item to an ArticleDraft: plain-text title and body, canonical URL, a GUID key that is
 * unique across feeds, a sane publication time and a source name.
 */

/** Longest title kept, in characters; longer ones are cut at a word with an ellipsis. */
export const MAX_TITLE_LENGTH = 300;
/** Longest body kept, in characters (a runaway item cannot fill the database). */
export const MAX_BODY_LENGTH = 100_000;

export interface FeedContext {
  feedId: number | null;
  /** The feed's configured URL: GUIDs that are not globally unique are keyed by it. */
  feedUrl: string;
  /** Human-readable source name (see sourceName). */
  source: string;
  /** When the feed was fetched (epoch ms): the fallback and the upper bound for publication times. */
  now: number;
}

export type NormalisedItem = { ok: true; draft: ArticleDraft } | { ok: false; reason: string; item: string };

/**
 * The dedupe key of a GUID: kept as it is when its form makes it globally unique (an absolute
 * URL, a `urn:` or a `tag:` URI), otherwise prefixed with the feed URL ("feedUrl#guid") so two
 * feeds that both number their items 1, 2, 3… do not collide.
 */
export function guidKey(guid: string | null | undefined, feedUrl: string): string | null {
  const trimmed = guid?.trim();
  if (!trimmed) return null;
  if (/^(?:[a-z][a-z0-9+.-]*:\/\/\S+|urn:\S+|tag:\S+)$/i.test(trimmed)) return trimmed;
  return `${feedUrl}#${trimmed}`;
}

/**
 * Publication time in epoch ms: missing, unparseable or pre-1970 dates become `now` (the time
 * fetched), dates in the future are clamped to `now`. Date-times without a zone are read as UTC.
 */
export function publishedTime(raw: string | null | undefined, now: number): number {
  const text = raw?.trim();
  if (!text) return now;
  const zoneless = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(text);
  const parsed = Date.parse(zoneless ? `${text.replace(" ", "T")}Z` : text);
  if (Number.isNaN(parsed) || parsed <= 0) return now;
  return Math.min(parsed, now);
}

/** The feed's title, or else its host without "www.". */
export function sourceName(feedTitle: string | null | undefined, feedUrl: string): string {
  const title = feedTitle?.trim();
  if (title) return title;
  try {
    return new URL(feedUrl).hostname.replace(/^www\./, "");
  } catch {
    return feedUrl;
  }
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const atWord = cut.replace(/\s+\S*$/, "");
  return `${atWord.length > max / 2 ? atWord : cut}…`;
}

function firstSentence(body: string): string {
  const line = body.split("\n")[0] ?? "";
  const sentence = /^(.{20,}?[.!?])(?:\s|$)/.exec(line)?.[1] ?? line;
  return truncate(sentence, 120);
}

function chooseBody(contents: readonly string[], title: string): string {
  let best = "";
  for (const content of contents) {
    // Reducing to text never lengthens a string, so a shorter source cannot win.
    if (content.length <= best.length) continue;
    const text = htmlToText(content);
    if (text === title) continue;
    if (text.length > best.length) best = text;
  }
  return best;
}

/**
 * Normalises one feed item. The body is the longest of content:encoded / content / summary /
 * description once reduced to text (a body that only repeats the title does not count). An item
 * with no title derives one from its body's first sentence; one with neither is rejected.
 */
export function normaliseItem(item: FeedItem, context: FeedContext): NormalisedItem {
  let title = truncate(htmlToLine(item.title ?? ""), MAX_TITLE_LENGTH);
  const body = truncate(chooseBody(item.contents, title), MAX_BODY_LENGTH);
  const url = canonicalUrl(item.link, item.baseUrl);
  if (!title && !body) {
    return {
      ok: false,
      reason: "item has neither a title nor a body",
      item: url ?? item.guid ?? "(no link)",
    };
  }
  if (!title) title = firstSentence(body);
  return {
    ok: true,
    draft: {
      title,
      body,
      url,
      guid: guidKey(item.guid, context.feedUrl),
      source: context.source,
      publishedAt: publishedTime(item.published, context.now),
      feedId: context.feedId,
    },
  };
}
