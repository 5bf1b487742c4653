import type { Article } from "../articles/article.js";
import { pickSummary } from "../digest/pick-summary.js";
import { capText, context, fallbackText, section } from "../slack/blocks.js";
import { escapeAndTruncate, escapeText, link } from "../slack/mrkdwn.js";
import type { SlackMessage } from "../slack/post-message.js";
import { formatLocalDateTime } from "../time-zone.js";

/** An instant alert for one article: linked title, source, local time, topics and a summary line. */
export function renderAlert(article: Article, topics: readonly string[], timeZone: string): SlackMessage {
  const tagged = article.topics
    .filter((t) => topics.includes(t.topic))
    .map((t) => `\`${escapeText(t.topic)}\``);
  const summary = pickSummary([article]);
  const when = formatLocalDateTime(article.publishedAt, timeZone);
  const blocks = [
    section(`:rotating_light: *Alert:* ${link(article.url, article.title || "(untitled)")}`),
    ...(summary ? [section(escapeAndTruncate(summary, 600))] : []),
    context([`${escapeAndTruncate(article.source, 80)} · ${escapeText(when)} · ${tagged.join(" ")}`]),
  ];
  return {
    text: fallbackText(
      `Alert: ${escapeAndTruncate(article.title, 300)} (${escapeAndTruncate(article.source, 80)})`,
    ),
    blocks: capText(blocks),
  };
}
