import type { KnownBlock } from "@slack/types";
import { blockTextLength } from "./block-kit-limits.js";
import { escapeAndTruncate } from "./mrkdwn.js";

/** Slack's Block Kit limits that our messages are built to respect. */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  fallbackText: 3000,
} as const;

/** A mrkdwn section; `mrkdwn` must already be escaped by the caller (it contains our own markup). */
export function section(mrkdwn: string): KnownBlock {
  const text = mrkdwn.length > LIMITS.sectionText ? `${mrkdwn.slice(0, LIMITS.sectionText - 1)}…` : mrkdwn;
  return { type: "section", text: { type: "mrkdwn", text: text.length > 0 ? text : " " } };
}

/**
 * Joins pieces (already-escaped mrkdwn) into as few section texts as fit within `max` characters
 * each, never splitting a piece: a long list becomes several sections rather than one cut short.
 */
export function packSectionTexts(
  pieces: readonly string[],
  separator: string,
  max: number = LIMITS.sectionText,
): string[] {
  const texts: string[] = [];
  let text = "";
  for (const piece of pieces) {
    if (text && text.length + separator.length + piece.length > max) {
      texts.push(text);
      text = piece;
    } else text = text ? `${text}${separator}${piece}` : piece;
  }
  if (text) texts.push(text);
  return texts;
}

/** A header from untrusted or plain text (plain_text: escaped anyway, so "<" can never matter). */
export function header(plain: string): KnownBlock {
  return {
    type: "header",
    text: { type: "plain_text", text: escapeAndTruncate(plain, LIMITS.headerText), emoji: true },
  };
}

/** A context line; each element is already-escaped mrkdwn. */
export function context(elements: readonly string[]): KnownBlock {
  return {
    type: "context",
    elements: elements
      .slice(0, LIMITS.contextElements)
      .map((text) => ({ type: "mrkdwn" as const, text: text.slice(0, LIMITS.sectionText) || " " })),
  };
}

export function divider(): KnownBlock {
  return { type: "divider" };
}

/** Keeps a message within the block count; the last kept block says how many were left out. */
export function capBlocks(blocks: readonly KnownBlock[], max: number = LIMITS.blocks): KnownBlock[] {
  if (blocks.length <= max) return [...blocks];
  const kept = blocks.slice(0, max - 1);
  return [...kept, context([`…and ${blocks.length - kept.length} more blocks not shown.`])];
}

/**
 * Keeps a message's total block text (what Slack's msg_blocks_too_long measures, about 12,000
 * characters) within `budget` by dropping trailing blocks; a last line says how many were left out.
 */
export function capText(blocks: readonly KnownBlock[], budget = 11_000): KnownBlock[] {
  if (blockTextLength({ blocks: [...blocks] }) <= budget) return [...blocks];
  const kept = [...blocks];
  const note = () =>
    context([`…and ${blocks.length - kept.length} more not shown (too long for one message).`]);
  while (kept.length > 1 && blockTextLength({ blocks: [...kept, note()] }) > budget) kept.pop();
  return [...kept, note()];
}

/** A plain-text notification fallback, cut to a sensible length. */
export function fallbackText(text: string): string {
  return text.length > LIMITS.fallbackText ? `${text.slice(0, LIMITS.fallbackText - 1)}…` : text;
}
