import { isValidTimeZone } from "../time-zone.js";

/** Small pieces of the /trade grammar shared by its subcommands. */

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

export function looksLikeTime(token: string): boolean {
  return /^\d{1,2}(:\d{1,2})?\s*(am|pm)?$/i.test(token) || /^\d{1,2}:/.test(token);
}

/**
 * Whether a token is meant as a time zone: an Area/Location name, UTC/GMT, an offset, or a zone
 * abbreviation. Bare IANA aliases that are place names ("Japan", "Iran", "Poland", "PRC") are
 * not: in a trade-news bot those read as topics, so they get "unknown topic" and a hint.
 */
export function looksLikeTimeZone(token: string): boolean {
  return (
    token.includes("/") ||
    /^(utc|gmt|z|etc\/.*)$/i.test(token) ||
    /^[+-]?\d{2}:?\d{2}$/.test(token) ||
    /^(EST|MST|HST|CET|EET|WET|MET|EST5EDT|CST6CDT|MST7MDT|PST8PDT)$/i.test(token)
  );
}

export function topicChoices(topicNames: readonly string[]): string {
  return `${topicNames.join(", ")}, or all`;
}

/** The runtime's canonical name of a zone ("utc" → "UTC"), or null for an unknown one. */
export function canonicalTimeZone(token: string): string | null {
  const candidate = /^(utc|gmt|z)$/i.test(token) ? "UTC" : token;
  if (!isValidTimeZone(candidate)) return null;
  return new Intl.DateTimeFormat("en-US", { timeZone: candidate }).resolvedOptions().timeZone;
}

/**
 * Slack sends command text with "&", "<" and ">" escaped as entities (its own markup, such as
 * <https://…>, stays raw): the text as the person typed it, for questions and URLs.
 */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
