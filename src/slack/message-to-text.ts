import type { SlackMessage } from "./post-message.js";

/** Turns mrkdwn into terminal text: links as "label (url)", entities decoded, mentions readable. */
export function mrkdwnToText(mrkdwn: string): string {
  return mrkdwn
    .replace(/<(https?:[^|>]+)\|([^>]*)>/g, "$2 ($1)")
    .replace(/<@([A-Z0-9]+)>/g, "@$1")
    .replace(/<#([A-Z0-9]+)(\|[^>]*)?>/g, "#$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** How a message would read in Slack, as plain lines, for `trade-news slash` and local mode. */
export function messageToText(message: SlackMessage): string {
  if (!message.blocks || message.blocks.length === 0) return mrkdwnToText(message.text);
  const lines: string[] = [];
  for (const block of message.blocks) {
    if (block.type === "header") lines.push(mrkdwnToText(block.text.text).toUpperCase());
    else if (block.type === "section" && block.text) lines.push(mrkdwnToText(block.text.text));
    else if (block.type === "context") {
      lines.push(
        block.elements
          .map((e) => ("text" in e && typeof e.text === "string" ? mrkdwnToText(e.text) : ""))
          .join("  "),
      );
    } else if (block.type === "divider") lines.push("—".repeat(40));
  }
  return lines.join("\n");
}
