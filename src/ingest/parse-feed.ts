import Parser from "rss-parser";
import { htmlToLine } from "../articles/html-to-text.js";

/**
 * RSS 2.0 / Atom 1.0 / RSS 1.0 (RDF) text to feed items, with rss-parser's `parseString`.
 * Items keep their raw (HTML) text; normalise-item.ts turns them into articles.
 */

/** One feed entry as the feed gives it, with links already resolved against xml:base / the feed URL. */
export interface FeedItem {
  /** Raw title (may hold HTML or entities), or null. */
  title: string | null;
  /** The entry's link, resolved to an absolute URL when possible, or null. */
  link: string | null;
  /** RSS guid, Atom id or RDF rdf:about, trimmed, or null. */
  guid: string | null;
  /** Raw HTML/text bodies in order of preference: content:encoded, content, summary/description. */
  contents: string[];
  /** The date text as written (pubDate, published/updated, dc:date), or null. */
  published: string | null;
  /** The URL relative links in this entry are resolved against. */
  baseUrl: string;
}

/** `title` is the feed's title as plain text. */
export type ParsedFeed =
  | { ok: true; title: string | null; items: FeedItem[] }
  | { ok: false; reason: string };

type Raw = Record<string, unknown>;

function isValidDate(text: string): boolean {
  return !Number.isNaN(Date.parse(text.trim()));
}

function createParser(): Parser<Raw, Raw> {
  return new Parser<Raw, Raw>({
    defaultRSS: 2,
    xml2js: {
      // rss-parser calls toISOString() on Atom dates and would reject the whole feed for one bad
      // date; blank them here so the item falls back to the time it was fetched.
      valueProcessors: [
        (value: string, name: string) =>
          (name === "published" || name === "updated") && !isValidDate(value) ? "" : value,
      ],
      emptyTag: () => "",
    },
    customFields: {
      feed: [["$", "attributes", { keepArray: true }]] as never,
      item: [
        ["$", "attributes", { keepArray: true }],
        ["link", "links", { keepArray: true }],
        "published",
        "updated",
        "id",
      ] as never,
    },
  });
}

/** Text of a parsed XML value: strings as they are, `{_: text}` elements by their text. */
export function textOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "_" in value && typeof value._ === "string") return value._;
  return null;
}

function attributesOf(value: unknown): Raw {
  return value && typeof value === "object" ? (value as Raw) : {};
}

/** `href` resolved against `base`, or null when it is empty or cannot be resolved. */
function resolveUrl(href: string | null | undefined, base: string): string | null {
  const trimmed = href?.trim();
  if (!trimmed) return null;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return null;
  }
}

/** The entry's web page: an Atom rel="alternate" (or rel-less) link, an RSS/RDF <link>, else a permalink guid. */
function linkOf(raw: Raw, base: string, guid: string | null): string | null {
  const links = Array.isArray(raw.links) ? (raw.links as unknown[]) : [];
  let fallback: string | null = null;
  for (const link of links) {
    const text = textOf(link);
    if (text?.trim()) return resolveUrl(text, base) ?? text.trim();
    const attributes = attributesOf(attributesOf(link).$);
    const href = textOf(attributes.href);
    if (!href) continue;
    const rel = textOf(attributes.rel) ?? "alternate";
    const resolved =
      resolveUrl(href, resolveUrl(textOf(attributes["xml:base"]), base) ?? base) ?? href.trim();
    if (rel === "alternate") return resolved;
    fallback ??= rel === "self" || rel === "enclosure" || rel === "replies" ? null : resolved;
  }
  if (fallback) return fallback;
  const about = textOf(raw["rdf:about"]);
  if (about && /^https?:\/\//i.test(about.trim())) return about.trim();
  if (guid && /^https?:\/\//i.test(guid)) return guid;
  return null;
}

function toItem(raw: Raw, feedBase: string): FeedItem {
  const baseUrl = resolveUrl(textOf(attributesOf(raw.attributes)["xml:base"]), feedBase) ?? feedBase;
  const guid = (textOf(raw.guid) ?? textOf(raw.id) ?? textOf(raw["rdf:about"]))?.trim() || null;
  const contents = [raw["content:encoded"], raw.content, raw.summary]
    .map(textOf)
    .filter((c): c is string => c !== null && c.trim().length > 0);
  const published =
    [raw.published, raw.updated, raw.pubDate, raw.date].map(textOf).find((d) => d?.trim()) ?? null;
  return {
    title: textOf(raw.title),
    link: linkOf(raw, baseUrl, guid),
    guid,
    contents,
    published: published?.trim() ?? null,
    baseUrl,
  };
}

function rootElementOf(xml: string): string | null {
  const withoutProlog = xml.replace(/<\?[\s\S]*?(?:\?>|$)|<!--[\s\S]*?(?:-->|$)|<![A-Za-z][^>]*(?:>|$)/g, "");
  return /<([A-Za-z_][\w:.-]*)/.exec(withoutProlog)?.[1] ?? null;
}

/** True when the text looks like an HTML page rather than XML. */
export function looksLikeHtml(text: string): boolean {
  const root = rootElementOf(text.slice(0, 4096))?.toLowerCase();
  return /^\s*<!doctype\s+html/i.test(text) || root === "html";
}

function describeParseError(error: unknown, xml: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /^([^\n]*)\nLine: (\d+)\nColumn: (\d+)/.exec(message);
  if (position) {
    return `malformed XML: ${position[1]} (line ${Number(position[2]) + 1}, column ${position[3]})`;
  }
  if (message === "Unable to parse XML.") return "malformed XML: no root element";
  if (message.startsWith("Feed not recognized")) {
    const root = rootElementOf(xml.slice(0, 4096));
    return `not a feed: the document's root element is <${root ?? "?"}>, not <rss>, <feed> or <rdf:RDF>`;
  }
  return `unreadable feed: ${message}`;
}

/**
 * Parses feed XML. `baseUrl` is the URL the feed was fetched from (after redirects): relative
 * links resolve against it, or against xml:base where the feed sets one. Problems are values:
 * an HTML page, malformed XML or another XML document come back with the reason in words.
 */
export async function parseFeed(xml: string, baseUrl: string): Promise<ParsedFeed> {
  if (!/\S/.test(xml)) return { ok: false, reason: "not a feed: the response body is empty" };
  if (looksLikeHtml(xml)) return { ok: false, reason: "not a feed: the server returned an HTML page" };
  const start = /\S/.exec(xml)?.index ?? 0;
  if (xml[start] !== "<") {
    const opening = xml.slice(start, start + 20).replace(/\s+/g, " ");
    return { ok: false, reason: `not a feed: the response is not XML (it starts with "${opening}")` };
  }
  let output: Raw & { items: Raw[] };
  try {
    output = await createParser().parseString(xml);
  } catch (error) {
    return { ok: false, reason: describeParseError(error, xml) };
  }
  const feedBase = resolveUrl(textOf(attributesOf(output.attributes)["xml:base"]), baseUrl) ?? baseUrl;
  const items = (Array.isArray(output.items) ? output.items : []).map((raw) => toItem(raw, feedBase));
  return { ok: true, title: htmlToLine(textOf(output.title) ?? "") || null, items };
}
