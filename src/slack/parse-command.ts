import type { AlertMode } from "../store/subscription-repository.js";
import type { Weekday } from "../subscriptions/weekdays.js";
import { parseTimeOfDay, topicChoices, unescapeSlackText } from "./command-tokens.js";
import { parseSubscribe } from "./parse-subscribe.js";

export { isBareSubscribe } from "./parse-subscribe.js";
export { parseTimeOfDay, unescapeSlackText };

/** The most text a /trade command may carry; longer input is refused, not truncated. */
export const MAX_COMMAND_TEXT = 1000;
export const DEFAULT_LATEST_COUNT = 5;
export const MAX_LATEST_COUNT = 20;
export const DEFAULT_DIGEST_TIME = "09:00";

export type TradeCommand =
  | { kind: "help" }
  /** Null: not given; a new subscription takes the default, an existing one keeps its setting. */
  | {
      kind: "subscribe";
      topics: string[] | null;
      localTime: string | null;
      timeZone: string | null;
      /** Given (any +/- keyword or "no filters"): replaces both lists. */
      filters: { include: string[]; exclude: string[] } | null;
      weekdays: Weekday[] | null;
      alertMode: AlertMode | null;
    }
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
      return parseSubscribe(trimmed.slice(first.length), options);
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
