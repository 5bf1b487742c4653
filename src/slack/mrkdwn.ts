/**
 * The one place untrusted text is made safe for Slack mrkdwn. Escaping &, < and > is exactly what
 * Slack asks for: without "<" no mention (<!channel>, <@U…>) or link (<url|label>) can be formed.
 */

/** Escapes untrusted text for mrkdwn and plain_text fields. */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
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

/** A mrkdwn link with an escaped label, or just the escaped label when the URL is not http(s). */
export function link(url: string | null | undefined, label: string): string {
  const target = safeLinkTarget(url);
  const text = escapeText(label);
  return target ? `<${target}|${text}>` : text;
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
