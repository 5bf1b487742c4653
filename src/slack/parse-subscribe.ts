import type { AlertMode } from "../store/subscription-repository.js";
import { MAX_KEYWORDS, normaliseKeyword, splitKeywordTokens } from "../subscriptions/keyword-filter.js";
import { EVERY_DAY, normaliseWeekdays, parseWeekdayToken, type Weekday } from "../subscriptions/weekdays.js";
import { isValidTimeZone } from "../time-zone.js";
import {
  canonicalTimeZone,
  looksLikeTime,
  looksLikeTimeZone,
  parseTimeOfDay,
  topicChoices,
  unescapeSlackText,
} from "./command-tokens.js";
import type { ParseOptions, ParseResult, TradeCommand } from "./parse-command.js";

/**
 * The `/trade subscribe` grammar: topics, `at HH:MM`, a time zone, keyword filters
 * (`+word`, `+"a phrase"`, `-word`, `no filters`), days (`on weekdays`, `on mon,wed,fri`) and
 * `with alerts` / `without alerts`, in any order.
 */

const KEYWORD_HINT =
  'Put + before a keyword an article must mention and - before one it must not: `+soybean +"phase one" -pork`.';

function parseKeywordToken(token: string): { ok: true; keyword: string } | { ok: false; problem: string } {
  const checked = normaliseKeyword(unescapeSlackText(token.slice(1)));
  return checked.ok ? checked : { ok: false, problem: `${checked.problem} ${KEYWORD_HINT}` };
}

/** `on weekdays`, `on mon,wed,fri`, `on mon-fri`: the days after "on", at least one. */
function parseDays(tokens: string[], at: number): { days: Weekday[]; next: number } | { problem: string } {
  const days: number[] = [];
  let i = at;
  for (; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (token.toLowerCase() === "every" && tokens[i + 1]?.toLowerCase() === "day") {
      days.push(...EVERY_DAY);
      i++;
      continue;
    }
    const named = parseWeekdayToken(token);
    if (!named) break;
    days.push(...named);
  }
  if (days.length === 0) {
    const what = tokens[at] === undefined ? "nothing" : `"${tokens[at]}"`;
    return {
      problem: `Expected days after "on", got ${what}. Use \`on weekdays\`, \`on mon,wed,fri\`, \`on mon-fri\` or \`on every day\`.`,
    };
  }
  return { days: normaliseWeekdays(days), next: i - 1 };
}

export function parseSubscribe(text: string, options: ParseOptions): ParseResult {
  const topics: string[] = [];
  let localTime: string | null = null;
  let timeZone: string | null = null;
  let weekdays: Weekday[] | null = null;
  let alertMode: AlertMode | null = null;
  let filters: { include: string[]; exclude: string[] } | null = null;
  const tokens = splitKeywordTokens(text);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const lower = token.toLowerCase();
    const nextLower = tokens[i + 1]?.toLowerCase();
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
    } else if (lower === "on") {
      const days = parseDays(tokens, i + 1);
      if ("problem" in days) return { ok: false, problem: days.problem };
      weekdays = days.days;
      i = days.next;
    } else if ((lower === "with" || lower === "without" || lower === "no") && nextLower === "alerts") {
      alertMode = lower === "with" ? "alerts" : "digest";
      i++;
    } else if (lower === "no" && (nextLower === "filters" || nextLower === "filter")) {
      filters = { include: [], exclude: [] };
      i++;
    } else if ((token.startsWith("+") || token.startsWith("-")) && !looksLikeTimeZone(token)) {
      const keyword = parseKeywordToken(token);
      if (!keyword.ok) return keyword;
      filters ??= { include: [], exclude: [] };
      const list = token.startsWith("+") ? filters.include : filters.exclude;
      if (!list.includes(keyword.keyword)) list.push(keyword.keyword);
    } else if (/^["“”]/.test(token)) {
      return { ok: false, problem: `Which way should ${token} filter? ${KEYWORD_HINT}` };
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
  for (const [name, list] of Object.entries(filters ?? {})) {
    if (list.length > MAX_KEYWORDS)
      return { ok: false, problem: `That is ${list.length} ${name} keywords; give at most ${MAX_KEYWORDS}.` };
  }
  return {
    ok: true,
    command: {
      kind: "subscribe",
      topics: topics.length === 0 ? null : options.topicNames.filter((t) => topics.includes(t)),
      localTime,
      timeZone,
      filters,
      weekdays,
      alertMode,
    },
  };
}

/** `/trade subscribe` with nothing after it: in Slack, the subscribe modal. */
export function isBareSubscribe(command: TradeCommand): boolean {
  return (
    command.kind === "subscribe" &&
    command.topics === null &&
    command.localTime === null &&
    command.timeZone === null &&
    command.filters === null &&
    command.weekdays === null &&
    command.alertMode === null
  );
}
