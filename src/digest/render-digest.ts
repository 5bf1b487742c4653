import type { KnownBlock } from "@slack/types";
import { blockTextLength } from "../slack/block-kit-limits.js";
import { packSectionTexts } from "../slack/blocks.js";
import { escapeAndTruncate, escapeText, linkEscaped, MAX_LINK_URL, safeLinkTarget } from "../slack/mrkdwn.js";
import type { SlackMessage } from "../slack/post-message.js";
import { formatLocalDateTime, localDateKey, localParts } from "../time-zone.js";
import type { Digest, DigestEntry, DigestSection } from "./build-digest.js";

/**
 * Renders a digest as a Slack Block Kit message (within Slack's limits, every untrusted string
 * escaped) and as plain text for the terminal.
 */

export interface RenderDigestOptions {
  /** How a reader asks for the rest of a topic; default "/trade latest TOPIC". */
  latestCommand?: (topic: string) => string;
  /** Display name of a topic; default the name with its first letter capitalised. */
  topicLabel?: (topic: string) => string;
  /** Characters of text across all blocks to stay under; Slack refuses about 12,000. Default 10,000. */
  textBudget?: number;
}

const MAX_BLOCKS = 50;
const SECTION_TEXT = 3_000;
const DEFAULT_TEXT_BUDGET = 10_000;
const TITLE_CHARS = 150;
const SUMMARY_CHARS = 300;
const SOURCE_CHARS = 60;
const SOURCES_LISTED = 3;
const MAX_SOURCE_LINK_URL = 300;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

const defaultLatest = (topic: string) => `/trade latest ${topic}`;
const defaultLabel = (topic: string) => topic.charAt(0).toUpperCase() + topic.slice(1);

/** "Tue 4 Mar 2025" for a "YYYY-MM-DD" local date. */
export function formatDigestDate(localDate: string): string {
  const [year, month, day] = localDate.split("-").map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

function entryTime(publishedAt: number, digest: Digest): string {
  const p = localParts(publishedAt, digest.timeZone);
  const time = `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
  return localDateKey(publishedAt, digest.timeZone) === digest.localDate
    ? time
    : `${p.day} ${MONTHS[p.month - 1]} ${time}`;
}

function storyCount(section: DigestSection): number {
  return section.entries.length + section.hiddenStories;
}

/** Removes C0/C1 control characters (terminal escape sequences) and folds whitespace. */
function printable(text: string): string {
  let out = "";
  for (const ch of text.replace(/\s+/g, " ")) {
    const code = ch.charCodeAt(0);
    if (code >= 0x20 && (code < 0x7f || code > 0x9f)) out += ch;
  }
  return out.trim();
}

function entryMrkdwn(entry: DigestEntry, digest: Digest, label: (t: string) => string): string {
  const title = linkEscaped(entry.url, escapeAndTruncate(printable(entry.title), TITLE_CHARS), MAX_LINK_URL);
  const sources = entry.sources.slice(0, SOURCES_LISTED).map((source, i) => {
    const name = escapeAndTruncate(printable(source.name), SOURCE_CHARS);
    return i === 0 ? name : linkEscaped(source.url, name, MAX_SOURCE_LINK_URL);
  });
  const more = entry.sources.length - SOURCES_LISTED;
  const meta = [
    `${sources.join(", ")}${more > 0 ? ` +${more} more` : ""}`,
    entryTime(entry.publishedAt, digest),
    ...(entry.labels.length > 0
      ? [`also ${entry.labels.map((t) => `_${escapeText(label(t))}_`).join(", ")}`]
      : []),
  ].join(" · ");
  const summary = entry.summary ? `\n${escapeAndTruncate(printable(entry.summary), SUMMARY_CHARS)}` : "";
  return `*${title}*${summary}\n${meta}`;
}

function mrkdwn(text: string) {
  return { type: "mrkdwn" as const, text };
}

function sinceText(digest: Digest): string {
  return formatLocalDateTime(digest.window.since, digest.timeZone);
}

function topicList(digest: Digest, label: (t: string) => string): string {
  const names = digest.sections.map((s) => label(s.topic));
  return names.length <= 1
    ? (names[0] ?? "your topics")
    : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function emptyLine(digest: Digest, label: (t: string) => string): string {
  return `No new trade news on ${topicList(digest, label)} since ${sinceText(digest)}.`;
}

function layout(digest: Digest, options: RenderDigestOptions): SlackMessage {
  const label = options.topicLabel ?? defaultLabel;
  const latest = options.latestCommand ?? defaultLatest;
  const date = formatDigestDate(digest.localDate);
  const counts = digest.sections.map((s) => `${label(s.topic)} ${storyCount(s)}`).join(", ");
  if (digest.sections.every((s) => storyCount(s) === 0)) {
    const line = emptyLine(digest, label);
    return { text: escapeText(line), blocks: [{ type: "section", text: mrkdwn(escapeText(line)) }] };
  }
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: `Trade news digest · ${date}` } },
    {
      type: "context",
      elements: [
        mrkdwn(
          escapeAndTruncate(
            `New since ${sinceText(digest)} · ${digest.sections.map((s) => `${label(s.topic)} ${storyCount(s)}`).join(" · ")}`,
            SECTION_TEXT,
          ),
        ),
      ],
    },
  ];
  const onlyCounted: DigestSection[] = [];
  for (const section of digest.sections) {
    if (section.entries.length === 0) {
      if (section.hiddenStories > 0) onlyCounted.push(section);
      continue;
    }
    blocks.push({ type: "divider" });
    const heading = `*${escapeAndTruncate(label(section.topic), 100)}* · ${storyCount(section)} new`;
    const entries = section.entries.map((entry) => entryMrkdwn(entry, digest, label));
    for (const text of packSectionTexts([heading, ...entries], "\n\n", SECTION_TEXT)) {
      blocks.push({ type: "section", text: mrkdwn(text) });
    }
    if (section.hiddenStories > 0) {
      const more = `and ${section.hiddenStories} more — \`${escapeText(latest(section.topic))}\``;
      blocks.push({ type: "context", elements: [mrkdwn(escapeAndTruncate(more, SECTION_TEXT))] });
    }
  }
  if (onlyCounted.length > 0) {
    const list = onlyCounted.map((s) => `${label(s.topic)} ${s.hiddenStories}`).join(" · ");
    const more = `Not shown: ${escapeText(list)} — \`${escapeText(latest("TOPIC"))}\``;
    blocks.push(
      { type: "divider" },
      { type: "context", elements: [mrkdwn(escapeAndTruncate(more, SECTION_TEXT))] },
    );
  }
  return { text: escapeAndTruncate(`Trade news digest for ${date}: ${counts}.`, 1_000), blocks };
}

/**
 * The digest trimmed so its Block Kit rendering fits: entries are moved into "and N more", one at a
 * time from the topic showing the most, until the message has at most 50 blocks and its text stays
 * under the budget. Record delivery from the fitted digest, so "shown" means shown.
 */
export function fitDigestToSlack(digest: Digest, options: RenderDigestOptions = {}): Digest {
  const budget = options.textBudget ?? DEFAULT_TEXT_BUDGET;
  let fitted: Digest = {
    ...digest,
    sections: digest.sections.map((s) => ({
      ...s,
      entries: [...s.entries],
      hiddenArticleIds: [...s.hiddenArticleIds],
    })),
  };
  for (;;) {
    const message = layout(fitted, options);
    const blocks = message.blocks?.length ?? 0;
    if (blocks <= MAX_BLOCKS && blockTextLength(message) <= budget) return fitted;
    const fullest = fitted.sections.reduce<DigestSection | null>(
      (best, s) => (s.entries.length > 0 && (!best || s.entries.length >= best.entries.length) ? s : best),
      null,
    );
    if (!fullest) return fitted;
    const dropped = fullest.entries.pop() as DigestEntry;
    fullest.hiddenStories += 1;
    fullest.hiddenArticleIds.push(...dropped.articleIds);
    fitted = { ...fitted };
  }
}

/** The digest as a Slack message: Block Kit blocks plus a short plain-text notification fallback. */
export function renderDigestBlocks(digest: Digest, options: RenderDigestOptions = {}): SlackMessage {
  return layout(fitDigestToSlack(digest, options), options);
}

/** The digest as plain text for a terminal (local mode, `trade-news digest --format text`). */
export function renderDigestText(digest: Digest, options: RenderDigestOptions = {}): string {
  const label = options.topicLabel ?? defaultLabel;
  const latest = options.latestCommand ?? defaultLatest;
  if (digest.sections.every((s) => storyCount(s) === 0)) return `${emptyLine(digest, label)}\n`;
  const lines = [
    `Trade news digest · ${formatDigestDate(digest.localDate)} (${digest.timeZone})`,
    `New since ${sinceText(digest)} · ${digest.sections.map((s) => `${label(s.topic)} ${storyCount(s)}`).join(" · ")}`,
  ];
  for (const section of digest.sections) {
    if (storyCount(section) === 0) continue;
    lines.push("", `${label(section.topic)} · ${storyCount(section)} new`);
    for (const entry of section.entries) {
      const sources = entry.sources.map((s) => printable(s.name));
      const meta = [
        sources.length > SOURCES_LISTED
          ? `${sources.slice(0, SOURCES_LISTED).join(", ")} +${sources.length - SOURCES_LISTED} more`
          : sources.join(", "),
        entryTime(entry.publishedAt, digest),
        ...(entry.labels.length > 0 ? [`also ${entry.labels.map(label).join(", ")}`] : []),
      ].join(" · ");
      lines.push(`  • ${printable(entry.title)}`);
      if (entry.summary) lines.push(`    ${printable(entry.summary)}`);
      lines.push(`    ${meta}`);
      const target = safeLinkTarget(entry.url);
      if (target) lines.push(`    ${target}`);
    }
    if (section.hiddenStories > 0) {
      lines.push(`  …and ${section.hiddenStories} more — ${latest(section.topic)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
