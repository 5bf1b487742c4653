import { isValidTimeZone } from "../time-zone.js";

/** The most text a /trade command may carry; longer input is refused, not truncated. */
export const MAX_COMMAND_TEXT = 1000;
export const DEFAULT_LATEST_COUNT = 5;
export const MAX_LATEST_COUNT = 20;
export const DEFAULT_DIGEST_TIME = "09:00";

export type TradeCommand =
  | { kind: "help" }
  /** Null: not given; a new subscription takes the default, an existing one keeps its setting. */
  | { kind: "subscribe"; topics: string[] | null; localTime: string | null; timeZone: string | null }
  | { kind: "unsubscribe" }
  | { kind: "status" }
  | { kind: "latest"; topic: string | null; count: number; capped: boolean }
  | { kind: "ask"; question: string }
  | { kind: "digest" }
  | { kind: "feeds" }
  | { kind: "feeds_add"; url: string }
  | { kind: "feeds_remove"; url: string };

export type ParseResult = { ok: true; command: TradeCommand } | { ok: false; problem: string };

export interface ParseOptions {
  topicNames: readonly string[];
  defaultTimeZone: string;
}

const TIME_PATTERN = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i;

/** "8:30" → "08:30", "7pm" → "19:00"; null for anything that is not a valid time of day. */
export function parseTimeOfDay(text: string): string | null {
  const m = TIME_PATTERN.exec(text.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const meridiem = m[3]?.toLowerCase();
  if (m[2] === undefined && !meridiem) return null;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === "pm" ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

function looksLikeTime(token: string): boolean {
  return /^\d{1,2}(:\d{1,2})?\s*(am|pm)?$/i.test(token) || /^\d{1,2}:/.test(token);
}

/**
 * Whether a token is meant as a time zone: an Area/Location name, UTC/GMT, an offset, or a zone
 * abbreviation. Bare IANA aliases that are place names ("Japan", "Iran", "Poland", "PRC") are
 * not: in a trade-news bot those read as topics, so they get "unknown topic" and a hint.
 */
function looksLikeTimeZone(token: string): boolean {
  return (
    token.includes("/") ||
    /^(utc|gmt|z|etc\/.*)$/i.test(token) ||
    /^[+-]?\d{2}:?\d{2}$/.test(token) ||
    /^(EST|MST|HST|CET|EET|WET|MET|EST5EDT|CST6CDT|MST7MDT|PST8PDT)$/i.test(token)
  );
}

function topicChoices(topicNames: readonly string[]): string {
  return `${topicNames.join(", ")}, or all`;
}

function canonicalTimeZone(token: string): string | null {
  const candidate = /^(utc|gmt|z)$/i.test(token) ? "UTC" : token;
  if (!isValidTimeZone(candidate)) return null;
  return new Intl.DateTimeFormat("en-US", { timeZone: candidate }).resolvedOptions().timeZone;
}

function parseSubscribe(args: string[], options: ParseOptions): ParseResult {
  const topics: string[] = [];
  let localTime: string | null = null;
  let timeZone: string | null = null;
  const tokens = args.flatMap((a) => a.split(",")).filter((t) => t.length > 0);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const lower = token.toLowerCase();
    if (lower === "at") {
      const next = tokens[i + 1];
      if (next === undefined)
        return { ok: false, problem: 'Missing time after "at". Use 24-hour HH:MM, e.g. `at 08:30`.' };
      const parsed = parseTimeOfDay(next);
      if (!parsed)
        return {
          ok: false,
          problem: `"${next}" is not a time of day. Use 24-hour HH:MM between 00:00 and 23:59, e.g. \`at 08:30\`.`,
        };
      localTime = parsed;
      i++;
    } else if (looksLikeTime(token)) {
      const parsed = parseTimeOfDay(token);
      if (!parsed)
        return {
          ok: false,
          problem: `"${token}" is not a time of day. Use 24-hour HH:MM between 00:00 and 23:59, e.g. \`at 08:30\`.`,
        };
      localTime = parsed;
    } else if (lower === "all") {
      topics.push(...options.topicNames);
    } else if (options.topicNames.includes(lower)) {
      topics.push(lower);
    } else if (looksLikeTimeZone(token)) {
      const zone = canonicalTimeZone(token);
      if (!zone) {
        return {
          ok: false,
          problem: `Unknown time zone "${token}". Use an IANA name such as Europe/London, America/New_York, Asia/Shanghai or UTC.`,
        };
      }
      timeZone = zone;
    } else {
      const zoneHint = isValidTimeZone(token)
        ? ` For a time zone, use its Area/Location name (e.g. ${canonicalTimeZone(token) ?? "Asia/Tokyo"}).`
        : "";
      return {
        ok: false,
        problem: `Unknown topic "${token}". Choose from ${topicChoices(options.topicNames)}.${zoneHint}`,
      };
    }
  }
  return {
    ok: true,
    command: {
      kind: "subscribe",
      topics: topics.length === 0 ? null : options.topicNames.filter((t) => topics.includes(t)),
      localTime,
      timeZone,
    },
  };
}

function parseLatest(args: string[], options: ParseOptions): ParseResult {
  let topic: string | null = null;
  let count = DEFAULT_LATEST_COUNT;
  let capped = false;
  for (const token of args) {
    const lower = token.toLowerCase();
    if (/^\d+$/.test(token)) {
      const n = Number(token);
      if (n < 1) return { ok: false, problem: `Ask for at least 1 article, up to ${MAX_LATEST_COUNT}.` };
      capped = n > MAX_LATEST_COUNT;
      count = Math.min(n, MAX_LATEST_COUNT);
    } else if (lower === "all") {
      topic = null;
    } else if (options.topicNames.includes(lower)) {
      topic = lower;
    } else {
      return {
        ok: false,
        problem: `Unknown topic "${token}". Choose from ${topicChoices(options.topicNames)}, and optionally a number up to ${MAX_LATEST_COUNT}, e.g. \`/trade latest tariffs 10\`.`,
      };
    }
  }
  return { ok: true, command: { kind: "latest", topic, count, capped } };
}

function parseFeeds(args: string[]): ParseResult {
  const [action, url, ...extra] = args;
  if (action === undefined) return { ok: true, command: { kind: "feeds" } };
  const verb = action.toLowerCase();
  if (verb !== "add" && verb !== "remove") {
    return {
      ok: false,
      problem: `Unknown feeds action "${action}". Use \`/trade feeds\`, \`/trade feeds add URL\` or \`/trade feeds remove URL\`.`,
    };
  }
  if (url === undefined || extra.length > 0) {
    return {
      ok: false,
      problem: `Give exactly one feed URL, e.g. \`/trade feeds ${verb} https://example.com/rss\`.`,
    };
  }
  // Slack wraps URLs as <https://…> or <https://…|label>.
  const unwrapped = unescapeSlackText(url.replace(/^<([^|>]+)(\|[^>]*)?>$/, "$1"));
  let parsed: URL;
  try {
    parsed = new URL(unwrapped);
  } catch {
    return {
      ok: false,
      problem: `"${url}" is not a URL. Give a full http(s) address, e.g. https://example.com/rss.`,
    };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return {
      ok: false,
      problem: `Only http and https feeds are supported, not "${parsed.protocol.replace(":", "")}".`,
    };
  }
  return {
    ok: true,
    command:
      verb === "add" ? { kind: "feeds_add", url: parsed.href } : { kind: "feeds_remove", url: parsed.href },
  };
}

/**
 * Turns the text after `/trade` into a command, or a problem that names what is wrong and the
 * valid choices. Text that is no subcommand is a question.
 */
/**
 * Slack sends command text with "&", "<" and ">" escaped as entities (its own markup, such as
 * <https://…>, stays raw): the text as the person typed it, for questions and URLs.
 */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

export function parseTradeCommand(text: string, options: ParseOptions): ParseResult {
  if (text.length > MAX_COMMAND_TEXT) {
    return {
      ok: false,
      problem: `That is ${text.length} characters; /trade takes at most ${MAX_COMMAND_TEXT}. Shorten it and try again.`,
    };
  }
  const trimmed = text.trim();
  const [first = "", ...rest] = trimmed.split(/\s+/);
  switch (first.toLowerCase()) {
    case "":
    case "help":
      return { ok: true, command: { kind: "help" } };
    case "subscribe":
      return parseSubscribe(rest, options);
    case "unsubscribe":
      return { ok: true, command: { kind: "unsubscribe" } };
    case "status":
      return { ok: true, command: { kind: "status" } };
    case "latest":
      return parseLatest(rest, options);
    case "digest":
      return { ok: true, command: { kind: "digest" } };
    case "feeds":
    case "feed":
      return parseFeeds(rest);
    case "ask": {
      const question = trimmed.slice(first.length).trim();
      if (!question)
        return {
          ok: false,
          problem: "Ask a question after `ask`, e.g. `/trade ask when do the new tariffs start?`",
        };
      return { ok: true, command: { kind: "ask", question: unescapeSlackText(question) } };
    }
    default:
      return { ok: true, command: { kind: "ask", question: unescapeSlackText(trimmed) } };
  }
}
