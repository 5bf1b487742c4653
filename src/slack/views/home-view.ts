import type { HomeView, KnownBlock } from "@slack/types";
import { counted } from "../../counted.js";
import type { Feed } from "../../store/feed-repository.js";
import type { Subscription } from "../../store/subscription-repository.js";
import { formatLocalDateTime } from "../../time-zone.js";
import { context, divider, header, packSectionTexts } from "../blocks.js";
import { escapeAndTruncate, escapeKeepingChannels, escapeText, link } from "../mrkdwn.js";
import type { ArticleLine } from "../render-replies.js";
import { OPEN_SUBSCRIBE_MODAL, subscriptionLines } from "../render-subscription.js";
import { VIEW_LIMITS } from "../view-limits.js";

/** One channel the bot posts to, with when its next digest goes out (null while paused). */
export interface HomeChannel {
  subscription: Subscription;
  nextDigestAt: number | null;
}

export interface HomeInput {
  channels: readonly HomeChannel[];
  feeds: readonly Feed[];
  /** Newest articles per topic, in topic order. */
  latest: readonly { topic: string; articles: readonly ArticleLine[] }[];
  /** Zone for feed and article times. */
  timeZone: string;
}

const MAX_FEEDS = 15;
/** Topics with newest articles shown; with at most 2 sections for feeds, channels keep 70+ blocks. */
const MAX_TOPICS = 10;
const MAX_TEXT = 2_900;

function channelBlock(c: HomeChannel): KnownBlock {
  const s = c.subscription;
  const topics = s.topics.map((t) => `\`${escapeText(t)}\``).join(" ");
  const state = s.pausedReason
    ? `:double_vertical_bar: *Paused:* ${escapeKeepingChannels(s.pausedReason)}`
    : c.nextDigestAt !== null
      ? `*Next digest:* ${escapeText(formatLocalDateTime(c.nextDigestAt, s.timeZone))}`
      : "";
  const text = [`<#${s.channelId}> · ${topics}`, ...subscriptionLines(s), state].filter(Boolean).join("\n");
  return {
    type: "section",
    block_id: `channel_${s.channelId}`,
    text: { type: "mrkdwn", text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text },
    accessory: {
      type: "button",
      action_id: OPEN_SUBSCRIBE_MODAL,
      text: { type: "plain_text", text: "Edit" },
      value: s.channelId,
    },
  };
}

function feedLine(f: Feed, timeZone: string): string {
  const name = link(f.url, f.title ?? f.url, 120);
  if (f.consecutiveFailures > 0)
    return `:red_circle: ${name} — failing ${f.consecutiveFailures}×: ${escapeAndTruncate(f.lastError ?? "unknown error", 160)}`;
  if (f.lastSuccessAt)
    return `:large_green_circle: ${name} — ok ${escapeText(formatLocalDateTime(f.lastSuccessAt, timeZone))}, ${counted(f.itemsSeen, "item")}`;
  return `:white_circle: ${name} — not polled yet`;
}

function sectionsOf(lines: readonly string[]): KnownBlock[] {
  return packSectionTexts(lines, "\n", MAX_TEXT).map((text) => ({
    type: "section",
    text: { type: "mrkdwn", text },
  }));
}

/**
 * The App Home tab (the same for everyone who opens it, published per user): every channel the
 * bot posts to with its topics, filters, time, zone, weekdays, next digest or pause reason and an
 * Edit button; feed health, failing feeds first; the newest articles per topic. Within Slack's 100
 * blocks: the channel list gives way last and ends with "and N more".
 */
export function renderHomeView(input: HomeInput): HomeView {
  const feeds = [...input.feeds].sort(
    (a, b) => b.consecutiveFailures - a.consecutiveFailures || a.url.localeCompare(b.url),
  );
  const feedLines = feeds.slice(0, MAX_FEEDS).map((f) => feedLine(f, input.timeZone));
  if (feeds.length > MAX_FEEDS)
    feedLines.push(`…and ${feeds.length - MAX_FEEDS} more feeds (\`/trade feeds\`).`);
  const feedBlocks: KnownBlock[] = [
    divider(),
    header(`Feeds (${feeds.length})`),
    ...(feedLines.length > 0
      ? sectionsOf(feedLines)
      : [context(["No feeds yet. An admin can add one with `/trade feeds add URL`."])]),
  ];
  const latestBlocks: KnownBlock[] = [divider(), header("Newest articles")];
  for (const { topic, articles } of input.latest.slice(0, MAX_TOPICS)) {
    const lines = articles.map(
      (a) =>
        `• ${link(a.url, a.title || "(untitled)", 200)} · ${escapeAndTruncate(a.source, 60)} · ${escapeText(formatLocalDateTime(a.publishedAt, input.timeZone))}`,
    );
    latestBlocks.push(
      ...sectionsOf([`*${escapeText(topic)}*`, ...(lines.length > 0 ? lines : ["_nothing yet_"])]),
    );
  }
  const intro: KnownBlock[] = [
    header("Trade news"),
    context([
      "Where I post U.S.–China trade news, and how the feeds are doing. In a channel, `/trade subscribe` opens the subscribe form.",
    ]),
    header(`Channels (${input.channels.length})`),
  ];
  const channelRoom = VIEW_LIMITS.blocks - intro.length - feedBlocks.length - latestBlocks.length;
  const channels: KnownBlock[] =
    input.channels.length === 0
      ? [context(["No channel is subscribed yet."])]
      : input.channels.length <= channelRoom
        ? input.channels.map(channelBlock)
        : [
            ...input.channels.slice(0, channelRoom - 1).map(channelBlock),
            context([
              `…and ${input.channels.length - (channelRoom - 1)} more channels (\`/trade status\` in each).`,
            ]),
          ];
  return { type: "home", blocks: [...intro, ...channels, ...feedBlocks, ...latestBlocks] };
}
