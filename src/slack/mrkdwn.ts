/**
 * The one place untrusted text is made safe for Slack mrkdwn. Escaping &, < and > is exactly what
 * Slack asks for: without "<" no mention (<!channel>, <@U…>) or link (<url|label>) can be formed.
 */

/** Escapes untrusted text for mrkdwn and plain_text fields. */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Escapes text of our own that names channels (a stored pause reason: "I'm not a member of <#C1>"),
 * keeping only plain channel references `<#C…>` as links: no other mention or link survives.
 */
export function escapeKeepingChannels(text: string): string {
  return escapeText(text).replace(/&lt;#([A-Z0-9]{2,30})&gt;/g, "<#$1>");
}

/** The URL if it is an absolute http(s) URL without characters that could break out of a link. */
export function safeLinkTarget(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  // URL serialisation percent-encodes spaces, quotes and angle brackets; "|" would end the target.
  return parsed.href.replace(/\|/g, "%7C");
}

/** Longest URL we link; a longer one (tracking-laden redirects) leaves its label unlinked. */
export const MAX_LINK_URL = 500;

/** A mrkdwn link around an already-escaped label; just the label when the URL is not a safe http(s) URL or too long. */
export function linkEscaped(
  url: string | null | undefined,
  escapedLabel: string,
  maxUrl = MAX_LINK_URL,
): string {
  const target = safeLinkTarget(url);
  return target && target.length <= maxUrl ? `<${target}|${escapedLabel}>` : escapedLabel;
}

/** A mrkdwn link with its label escaped and cut to `maxLabel` characters (after escaping). */
export function link(url: string | null | undefined, label: string, maxLabel = 300): string {
  return linkEscaped(url, escapeAndTruncate(label, maxLabel));
}

/** Escapes and then shortens to at most `max` characters without cutting an entity in half. */
export function escapeAndTruncate(text: string, max: number): string {
  const escaped = escapeText(text);
  if (escaped.length <= max) return escaped;
  let cut = escaped.slice(0, Math.max(0, max - 1));
  const amp = cut.lastIndexOf("&");
  if (amp !== -1 && amp > cut.length - 5 && !cut.slice(amp).includes(";")) cut = cut.slice(0, amp);
  return `${cut.trimEnd()}…`;
}
