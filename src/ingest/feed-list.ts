import { readFile } from "node:fs/promises";
import { Parser } from "htmlparser2";
import type { Feed, FeedOrigin } from "../store/feed-repository.js";
import type { FeedStore } from "../store/store.js";

/**
 * The feeds to poll: FEEDS (already split by config), FEEDS_FILE (OPML or one URL per line) and
 * feeds added at run time from Slack or the CLI, all kept in the feeds table.
 */

export interface FeedList {
  urls: string[];
  /** Lines or outlines that could not be used, each saying where and why. */
  problems: string[];
}

/**
 * Checks a feed URL and spells it one way (scheme and host lower-cased, default port and
 * fragment dropped). Refuses other schemes, and URLs with a user name or password: a feed URL is
 * stored, logged and listed by `/trade feeds`, so credentials in it would leak. The reason never
 * repeats the credentials.
 */
export function parseFeedUrl(text: string): { ok: true; url: string } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, reason: `"${text}" is not an http(s) URL` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, reason: `"${text}" is not an http(s) URL` };
  }
  url.hash = "";
  if (url.username || url.password) {
    url.username = "";
    url.password = "";
    return {
      ok: false,
      reason: `"${url.href}" was given with a user name or password; feed URLs with credentials are refused because they would be stored, logged and listed`,
    };
  }
  return { ok: true, url: url.href };
}

/** The text with any user name and password taken out of it, for echoing a URL back to a person. */
export function withoutCredentials(text: string): string {
  return text.replace(/^(\s*[A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#@\s]*@/, "$1");
}

/** A feed URL in one spelling, or null if parseFeedUrl refuses it. */
export function normaliseFeedUrl(text: string): string | null {
  const checked = parseFeedUrl(text);
  return checked.ok ? checked.url : null;
}

/** Every `<outline xmlUrl=…>` at any depth, read by htmlparser2 in XML mode (entities decoded). */
function parseOpml(text: string): FeedList {
  const urls: string[] = [];
  const problems: string[] = [];
  let outlines = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name.toLowerCase() !== "outline") return;
        outlines++;
        const byName = new Map(Object.entries(attributes).map(([key, value]) => [key.toLowerCase(), value]));
        const xmlUrl = byName.get("xmlurl");
        if (xmlUrl === undefined) return;
        const title = byName.get("text") ?? byName.get("title") ?? "untitled";
        const checked = parseFeedUrl(xmlUrl);
        if (checked.ok) urls.push(checked.url);
        else problems.push(`outline "${title}": xmlUrl ${checked.reason}`);
      },
    },
    { xmlMode: true },
  );
  parser.end(text);
  if (outlines === 0) problems.push("the OPML file has no <outline> elements");
  return { urls: [...new Set(urls)], problems };
}

function parseLines(text: string): FeedList {
  const urls: string[] = [];
  const problems: string[] = [];
  text.split(/\r\n?|\n/).forEach((line, index) => {
    const content = line.replace(/(^|\s)#.*$/, "").trim();
    if (!content) return;
    const checked = parseFeedUrl(content);
    if (checked.ok) urls.push(checked.url);
    else problems.push(`line ${index + 1}: ${checked.reason}`);
  });
  return { urls: [...new Set(urls)], problems };
}

/**
 * Parses a feed list: OPML (every `<outline xmlUrl=…>` at any depth) when the text starts with
 * "<", otherwise one URL per line with `#` comments. Bad entries become problems, not errors.
 */
export function parseFeedList(text: string): FeedList {
  const trimmed = text.replace(/^\uFEFF/, "").trimStart();
  return trimmed.startsWith("<") ? parseOpml(trimmed) : parseLines(trimmed);
}

/**
 * Reads and parses FEEDS_FILE; a file that cannot be read is a problem (and `readable: false`),
 * not an exception.
 */
export async function readFeedList(path: string): Promise<FeedList & { readable: boolean }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : String(error);
    return { urls: [], problems: [`cannot read feeds file ${path}: ${why}`], readable: false };
  }
  const list = parseFeedList(text);
  return { urls: list.urls, problems: list.problems.map((p) => `${path}: ${p}`), readable: true };
}

/**
 * Makes the feeds table match the operator's lists: URLs from FEEDS (origin "config") and
 * FEEDS_FILE (origin "file") are added as trusted; config/file feeds no longer listed are
 * removed (their articles stay). Feeds added from Slack or the CLI are left alone. Pass
 * `file: null` when FEEDS_FILE could not be read, so its feeds are kept rather than removed.
 */
export async function syncConfiguredFeeds(
  feeds: FeedStore,
  lists: { config: readonly string[]; file: readonly string[] | null },
  now: number,
): Promise<{ added: string[]; removed: string[] }> {
  const wanted = new Map<string, FeedOrigin>();
  for (const url of lists.file ?? []) {
    const u = normaliseFeedUrl(url);
    if (u) wanted.set(u, "file");
  }
  for (const url of lists.config) {
    const u = normaliseFeedUrl(url);
    if (u) wanted.set(u, "config");
  }
  const added: string[] = [];
  for (const [url, origin] of wanted) {
    if ((await feeds.add({ url, origin, trusted: true, addedAt: now })).created) added.push(url);
  }
  const removed: string[] = [];
  for (const feed of await feeds.list()) {
    const managed = feed.origin === "config" || (feed.origin === "file" && lists.file !== null);
    if (managed && !wanted.has(feed.url)) {
      await feeds.remove(feed.url);
      removed.push(feed.url);
    }
  }
  return { added, removed };
}

/**
 * Adds a feed at run time. Feeds from Slack are untrusted (every fetch goes through the URL
 * guard); feeds from the CLI are the operator's and trusted. Check the feed first with
 * `poller.pollFeedNow(url)` to tell the user what it holds.
 */
export async function addFeed(
  feeds: FeedStore,
  request: { url: string; origin: "slack" | "cli"; addedBy?: string | null; now: number },
): Promise<{ ok: true; feed: Feed; created: boolean } | { ok: false; reason: string }> {
  const checked = parseFeedUrl(request.url);
  if (!checked.ok) return checked;
  const url = checked.url;
  const { feed, created } = await feeds.add({
    url,
    origin: request.origin,
    trusted: request.origin === "cli",
    addedBy: request.addedBy ?? null,
    addedAt: request.now,
  });
  return { ok: true, feed, created };
}

/** Removes a feed given in any spelling of its URL ("HTTPS://Example.com/rss#top"); its articles stay. */
export async function removeFeed(feeds: FeedStore, url: string): Promise<boolean> {
  return feeds.remove(normaliseFeedUrl(url) ?? url.trim());
}
