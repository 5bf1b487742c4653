import { STATUS_CODES } from "node:http";
import { decodeBody } from "./decode-body.js";
import { ADDRESS_REFUSED } from "./guarded-fetch.js";
import { type FeedItem, parseFeed } from "./parse-feed.js";
import type { UrlCheck } from "./url-guard.js";

/**
 * Fetching one feed with the limits a bot polling strangers' servers needs: a total time limit,
 * a body size cap enforced while streaming, redirects followed by hand (each hop can be checked
 * by the URL guard), conditional GET, and a User-Agent that names the bot.
 */

export const DEFAULT_USER_AGENT = "trade-news-bot/0.1 (+https://github.com/trade-news-bot/trade-news-bot)";
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

const ACCEPT =
  "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5";

export type FetchFeedResult =
  | {
      ok: true;
      status: 200;
      items: FeedItem[];
      feedTitle: string | null;
      etag: string | null;
      lastModified: string | null;
      /** The URL the feed was finally served from, after redirects. */
      url: string;
    }
  | { ok: true; status: 304; etag: string | null; lastModified: string | null }
  | { ok: false; reason: string };

export interface FetchFeedOptions {
  /** The HTTP client (Node's global fetch in production). */
  fetch: typeof fetch;
  /** Validators from the last successful fetch, sent as If-None-Match / If-Modified-Since. */
  etag?: string | null;
  lastModified?: string | null;
  /** Total time for the request, redirects and body (default 10 s). */
  timeoutMs?: number;
  /** Largest body accepted, in bytes (default 5 MB). */
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  /** Checks every URL before it is requested (the first and each redirect); omit for trusted feeds. */
  checkUrl?: (url: string) => Promise<UrlCheck>;
  /** Aborts the fetch from outside (shutdown). */
  signal?: AbortSignal;
}

/** "10 s", "200 ms". */
export function formatDuration(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0
    ? `${ms / 1000} s`
    : ms >= 1000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${ms} ms`;
}

/** "5 MB", "64 KB", "100 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset by the server",
  ENOTFOUND: "no such host",
  EAI_AGAIN: "DNS lookup failed (temporary)",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  UND_ERR_SOCKET: "the server closed the connection",
  CERT_HAS_EXPIRED: "the server's TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's TLS certificate is self-signed",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's TLS certificate does not match its name",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's TLS certificate cannot be verified",
};

function describeNetworkError(error: unknown, redirected: boolean): string {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const code = (cause as { code?: unknown })?.code;
  if (code === ADDRESS_REFUSED && cause instanceof Error) {
    return redirected ? `redirect ${cause.message}` : cause.message;
  }
  if (typeof code === "string") return `network error: ${NETWORK_ERRORS[code] ?? code} (${code})`;
  const message = cause instanceof Error ? cause.message : String(cause);
  return `network error: ${message}`;
}

class BodyTooLarge extends Error {}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error("aborted"));
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function statusLine(response: Response): string {
  const text = response.statusText || STATUS_CODES[response.status] || "";
  return `HTTP ${response.status}${text ? ` ${text}` : ""}`;
}

/**
 * Fetches and parses one feed. Every outcome is a value: 200 with the items, 304 (nothing
 * parsed), or a reason a person can act on ("timed out after 10 s", "HTTP 404 Not Found",
 * "body larger than 5 MB", "too many redirects (more than 5)", a guard refusal, …).
 */
export async function fetchFeed(url: string, options: FetchFeedOptions): Promise<FetchFeedResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onOuterAbort = () => controller.abort();
  options.signal?.addEventListener("abort", onOuterAbort, { once: true });
  if (options.signal?.aborted) controller.abort();

  const headers: Record<string, string> = {
    "user-agent": options.userAgent ?? DEFAULT_USER_AGENT,
    accept: ACCEPT,
  };
  if (options.etag) headers["if-none-match"] = options.etag;
  if (options.lastModified) headers["if-modified-since"] = options.lastModified;

  let current = url;
  try {
    for (let hop = 0; ; hop++) {
      if (options.checkUrl) {
        const check = await untilAborted(options.checkUrl(current), controller.signal);
        if (!check.ok) return { ok: false, reason: hop === 0 ? check.reason : `redirect ${check.reason}` };
      }
      const response = await options.fetch(current, {
        redirect: "manual",
        signal: controller.signal,
        headers,
      });
      if (REDIRECTS.has(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get("location");
        if (!location) return { ok: false, reason: `${statusLine(response)} without a Location header` };
        if (hop >= maxRedirects)
          return { ok: false, reason: `too many redirects (more than ${maxRedirects})` };
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          return { ok: false, reason: `redirect to an invalid URL: ${location}` };
        }
        if (next.protocol !== "http:" && next.protocol !== "https:") {
          return { ok: false, reason: `redirect to a non-HTTP URL (${next.protocol}) refused` };
        }
        current = next.href;
        continue;
      }
      const etag = response.headers.get("etag");
      const lastModified = response.headers.get("last-modified");
      if (response.status === 304) {
        await response.body?.cancel().catch(() => undefined);
        return {
          ok: true,
          status: 304,
          etag: etag ?? options.etag ?? null,
          lastModified: lastModified ?? options.lastModified ?? null,
        };
      }
      if (response.status < 200 || response.status > 299) {
        await response.body?.cancel().catch(() => undefined);
        return { ok: false, reason: statusLine(response) };
      }
      const declared = Number(response.headers.get("content-length") ?? Number.NaN);
      if (declared > maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        return { ok: false, reason: `body larger than ${formatBytes(maxBytes)}` };
      }
      const bytes = await readCapped(response, maxBytes);
      clearTimeout(timer);
      const contentType = response.headers.get("content-type");
      const { text } = decodeBody(bytes, contentType);
      const parsed = await parseFeed(text, current);
      if (!parsed.ok && /text\/html/i.test(contentType ?? "") && parsed.reason.startsWith("malformed")) {
        return { ok: false, reason: "not a feed: the server returned an HTML page" };
      }
      if (!parsed.ok) return parsed;
      return {
        ok: true,
        status: 200,
        items: parsed.items,
        feedTitle: parsed.title,
        etag,
        lastModified,
        url: current,
      };
    }
  } catch (error) {
    if (error instanceof BodyTooLarge)
      return { ok: false, reason: `body larger than ${formatBytes(maxBytes)}` };
    if (timedOut) return { ok: false, reason: `timed out after ${formatDuration(timeoutMs)}` };
    if (options.signal?.aborted) return { ok: false, reason: "aborted: the bot is shutting down" };
    return { ok: false, reason: describeNetworkError(error, current !== url) };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onOuterAbort);
  }
}
