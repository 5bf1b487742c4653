import type { KnownBlock } from "@slack/types";
import { counted } from "../counted.js";
import type { Feed } from "../store/feed-repository.js";
import type { Subscription } from "../store/subscription-repository.js";
import { formatLocalDateTime } from "../time-zone.js";
import { capBlocks, capText, context, fallbackText, header, packSectionTexts, section } from "./blocks.js";
import { escapeAndTruncate, escapeKeepingChannels, escapeText, link } from "./mrkdwn.js";
import type { SlackMessage } from "./post-message.js";
import {
  describeFilters,
  describeSchedule,
  hasControls,
  subscribeButton,
  subscriptionLines,
} from "./render-subscription.js";

/** The fields of an article that replies show. */
export interface ArticleLine {
  title: string;
  url: string | null;
  source: string;
  publishedAt: number;
  topics: readonly string[];
}

function message(text: string, blocks: KnownBlock[]): SlackMessage {
  return { text: fallbackText(text), blocks: capText(capBlocks(blocks)) };
}

function formatTopics(topics: readonly string[]): string {
  return topics.length > 0 ? topics.map((t) => `\`${escapeText(t)}\``).join(" ") : "_no topic_";
}

function articleLine(article: ArticleLine, timeZone: string): string {
  const title = link(article.url, article.title || "(untitled)");
  const when = formatLocalDateTime(article.publishedAt, timeZone);
  return `• ${title}\n   ${escapeAndTruncate(article.source, 80)} · ${escapeText(when)} · ${formatTopics(article.topics)}`;
}

/** A refusal or bad input: what is wrong and what to do instead. */
export function renderProblem(problem: string): SlackMessage {
  return message(`:warning: ${problem}`, [section(`:warning: ${problem}`)]);
}

/** Everything the bot does, with an example per subcommand. */
export function renderHelp(topicNames: readonly string[]): SlackMessage {
  const topics = topicNames.map((t) => `\`${escapeText(t)}\``).join(", ");
  const lines = [
    "*/trade* keeps this channel on top of U.S.–China trade news: I read news feeds, tag each article with topics, answer questions and post a daily digest.",
    `*Topics:* ${topics}`,
    [
      "• `/trade subscribe` — a form for this channel's digest: topics, time, zone, days, keywords, alerts",
      '• `/trade subscribe [topics|all] [at HH:MM] [time zone] [on weekdays|on mon,wed,fri] [+word +"a phrase" -word] [with alerts]` — the same in one line, e.g. `/trade subscribe tariffs at 08:30 Europe/London on weekdays +soybean -pork`',
      "• `/trade unsubscribe` — stop this channel's digest",
      "• `/trade status` — this channel's digest settings and feed health",
      "• `/trade latest [topic] [N]` — newest articles, e.g. `/trade latest tariffs 10` (at most 20)",
      "• `/trade ask QUESTION` — answer from stored articles, e.g. `/trade ask when do the new tariffs start?` (or just `/trade QUESTION`)",
      "• `/trade digest` — preview the digest this channel would get now (only you see it)",
      "• `/trade feeds` — list feeds; `/trade feeds add URL` / `/trade feeds remove URL` (admins)",
    ].join("\n"),
  ];
  return message(lines.join("\n"), [header("Trade news bot"), ...lines.map(section)]);
}

/** The in-channel confirmation of a new or changed subscription, with an Edit button. */
export function renderSubscribed(
  s: Subscription,
  userId: string,
  nextDigestAt: number,
  updated: boolean,
): SlackMessage {
  const when = formatLocalDateTime(nextDigestAt, s.timeZone);
  const verb = updated ? "updated this channel's subscription" : "subscribed this channel";
  const filters = describeFilters(s);
  const text = `<@${userId}> ${verb} to ${s.topics.join(", ")}: a digest ${describeSchedule(s)}${filters === "none" ? "" : `; filters: ${filters}`}. Next digest: ${when}.`;
  const nextLine = `next digest *${escapeText(when)}*`;
  const details = hasControls(s)
    ? [section(subscriptionLines(s).join("\n")), context([`Next digest *${escapeText(when)}*`])]
    : [context([`Digest ${describeSchedule(s)} · ${nextLine}`])];
  return message(text, [
    section(`:newspaper: <@${userId}> ${verb} to ${formatTopics(s.topics)}.`),
    ...details,
    subscribeButton(s.channelId, true),
  ]);
}

export function renderUnsubscribed(userId: string, wasSubscribed: boolean): SlackMessage {
  if (!wasSubscribed)
    return renderProblem("This channel has no subscription. Start one with `/trade subscribe`.");
  const text = `<@${userId}> unsubscribed this channel: no more daily digests. \`/trade subscribe\` starts them again.`;
  return message(text, [section(`:wave: ${text}`)]);
}

export interface FeedHealthSummary {
  total: number;
  failing: readonly Feed[];
  lastPollAt: number | null;
}

/** One line about the feeds, e.g. "3 feeds, 1 failing (example.com: HTTP 404); last poll 12:03". */
export function describeFeedHealth(h: FeedHealthSummary, timeZone: string): string {
  if (h.total === 0) return "No feeds configured yet (`/trade feeds add URL`).";
  const last =
    h.lastPollAt === null ? "not polled yet" : `last poll ${formatLocalDateTime(h.lastPollAt, timeZone)}`;
  if (h.failing.length === 0) return `${h.total} feeds, all healthy; ${escapeText(last)}.`;
  const failing = h.failing
    .slice(0, 3)
    .map(
      (f) => `${escapeAndTruncate(hostOf(f.url), 60)}: ${escapeAndTruncate(f.lastError ?? "failing", 120)}`,
    )
    .join("; ");
  const more = h.failing.length > 3 ? ` and ${h.failing.length - 3} more` : "";
  return `${h.total} feeds, ${h.failing.length} failing (${failing}${more}); ${escapeText(last)}.`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function renderStatus(
  s: Subscription | undefined,
  nextDigestAt: number | null,
  health: FeedHealthSummary,
  defaultTimeZone: string,
  channelId?: string,
): SlackMessage {
  const lines: string[] = [];
  if (!s?.active) {
    lines.push("This channel is not subscribed. Start with `/trade subscribe` (a form) or the button below.");
  } else {
    lines.push(`*Topics:* ${formatTopics(s.topics)}`);
    lines.push(...subscriptionLines(s));
    if (s.pausedReason) {
      lines.push(
        `*Paused:* ${escapeKeepingChannels(s.pausedReason)} Run \`/trade subscribe\` after fixing it to resume.`,
      );
    } else if (nextDigestAt !== null) {
      lines.push(`*Next digest:* ${escapeText(formatLocalDateTime(nextDigestAt, s.timeZone))}`);
    }
  }
  lines.push(`*Feeds:* ${describeFeedHealth(health, s?.timeZone ?? defaultTimeZone)}`);
  const blocks = [header("Trade news status"), section(lines.join("\n"))];
  if (channelId) blocks.push(subscribeButton(channelId, s?.active === true));
  return message(lines.join("\n"), blocks);
}

export function renderLatest(
  topic: string | null,
  articles: readonly ArticleLine[],
  timeZone: string,
  capped: boolean,
): SlackMessage {
  const label = topic ? `on ${topic}` : "on all topics";
  if (articles.length === 0) {
    return message(`No articles ${label} yet.`, [section(`No articles ${escapeText(label)} yet.`)]);
  }
  const heading = `Latest ${articles.length} ${articles.length === 1 ? "article" : "articles"} ${label}`;
  const blocks: KnownBlock[] = [header(heading)];
  for (const a of articles) blocks.push(section(articleLine(a, timeZone)));
  if (capped) blocks.push(context(["Showing 20, the most I list at once."]));
  return message(`${heading}: ${articles.map((a) => escapeAndTruncate(a.title, 200)).join(" | ")}`, blocks);
}

type QuotedSentence = {
  text: string;
  title: string;
  url: string | null;
  source: string;
  publishedAt: number;
};

export interface AnswerView {
  question: string;
  answer: QuotedSentence | null;
  /** When the answer is not sure: other candidate sentences, from other articles ("Also possibly"). */
  alternatives?: readonly QuotedSentence[];
  related: readonly ArticleLine[];
}

function quoteBlocks(a: QuotedSentence, timeZone: string): KnownBlock[] {
  const quote = escapeAndTruncate(a.text, 1500)
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
  return [
    section(quote),
    context([
      `${link(a.url, a.title)} · ${escapeAndTruncate(a.source, 80)} · ${escapeText(formatLocalDateTime(a.publishedAt, timeZone))}`,
    ]),
  ];
}

/** The quoted answer with its article, and related articles; or plainly that nothing answers. */
export function renderAnswer(view: AnswerView, timeZone: string): SlackMessage {
  const q = escapeAndTruncate(view.question, 300);
  const blocks: KnownBlock[] = [context([`:mag: _${q}_`])];
  let text: string;
  if (view.answer) {
    const a = view.answer;
    blocks.push(...quoteBlocks(a, timeZone));
    text = `${escapeAndTruncate(a.text, 1500)} (${escapeAndTruncate(a.title, 200)})`;
    const alternatives = (view.alternatives ?? []).slice(0, 2);
    if (alternatives.length > 0) {
      blocks.push(section("*Also possibly*"));
      for (const alternative of alternatives) blocks.push(...quoteBlocks(alternative, timeZone));
    }
  } else {
    blocks.push(section("Nothing I have answers that."));
    text = "Nothing I have answers that.";
  }
  if (view.related.length > 0) {
    blocks.push(section(view.answer ? "*Related articles*" : "*Closest articles*"));
    for (const r of view.related.slice(0, 3)) blocks.push(section(articleLine(r, timeZone)));
  }
  return message(text, blocks);
}

export function renderFeeds(feeds: readonly Feed[], timeZone: string): SlackMessage {
  if (feeds.length === 0)
    return message("No feeds yet.", [
      section("No feeds yet. An admin can add one with `/trade feeds add URL`."),
    ]);
  const lines = feeds.map((f) => {
    const name = link(f.url, f.title ?? f.url, 150);
    const state =
      f.consecutiveFailures > 0
        ? `:red_circle: failing ${f.consecutiveFailures}× — ${escapeAndTruncate(f.lastError ?? "unknown error", 200)}`
        : f.lastSuccessAt
          ? `:large_green_circle: ok ${escapeText(formatLocalDateTime(f.lastSuccessAt, timeZone))}, ${counted(f.itemsSeen, "item")}`
          : ":white_circle: not polled yet";
    return `• ${name}\n   ${state}`;
  });
  const blocks: KnownBlock[] = [header(`Feeds (${feeds.length})`)];
  // Whole lines per section, each within Slack's 3,000 characters.
  for (const text of packSectionTexts(lines, "\n")) blocks.push(section(text));
  return message(`${feeds.length} feeds`, blocks);
}

export function renderNotice(text: string): SlackMessage {
  return message(text, [section(text)]);
}
