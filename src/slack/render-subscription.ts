import type { KnownBlock } from "@slack/types";
import type { Subscription } from "../store/subscription-repository.js";
import { formatKeyword } from "../subscriptions/keyword-filter.js";
import { describeWeekdays } from "../subscriptions/weekdays.js";
import { escapeAndTruncate, escapeText } from "./mrkdwn.js";

/** The action that opens the subscribe modal for the channel in its value. */
export const OPEN_SUBSCRIBE_MODAL = "open_subscribe_modal";

/** `soybean or "phase one"`, escaped. */
function keywordList(keywords: readonly string[], joiner: string): string {
  return keywords.map((k) => `\`${escapeAndTruncate(formatKeyword(k), 70)}\``).join(joiner);
}

/** The keyword filters in words, escaped: "must mention … ; never …", or "none". */
export function describeFilters(s: Pick<Subscription, "includeKeywords" | "excludeKeywords">): string {
  const parts: string[] = [];
  if (s.includeKeywords.length > 0) parts.push(`must mention ${keywordList(s.includeKeywords, " or ")}`);
  if (s.excludeKeywords.length > 0) parts.push(`never ${keywordList(s.excludeKeywords, ", ")}`);
  return parts.length > 0 ? parts.join("; ") : "none";
}

/** "at 08:30 (Europe/London), weekdays (Mon–Fri)", escaped. */
export function describeSchedule(s: Pick<Subscription, "localTime" | "timeZone" | "weekdays">): string {
  return `at ${escapeText(s.localTime)} (${escapeText(s.timeZone)}), ${describeWeekdays(s.weekdays)}`;
}

export function describeAlertMode(s: Pick<Subscription, "alertMode">): string {
  return s.alertMode === "alerts"
    ? "digest plus instant alerts for top-scoring articles"
    : "daily digest only";
}

/** The lines every view of a subscription shows (status, the subscribed notice, App Home). */
export function subscriptionLines(s: Subscription): string[] {
  return [
    `*Digest:* ${describeSchedule(s)}`,
    `*Filters:* ${describeFilters(s)}`,
    `*Alerts:* ${describeAlertMode(s)}`,
  ];
}

/** A button opening the subscribe modal for a channel (prefilled with its settings). */
export function subscribeButton(channelId: string, subscribed: boolean): KnownBlock {
  return {
    type: "actions",
    block_id: "subscription_actions",
    elements: [
      {
        type: "button",
        action_id: OPEN_SUBSCRIBE_MODAL,
        text: { type: "plain_text", text: subscribed ? "Edit subscription" : "Subscribe this channel" },
        value: channelId,
      },
    ],
  };
}

/** True when the subscription uses any control beyond topics and time (filters, days, alerts). */
export function hasControls(s: Subscription): boolean {
  return (
    s.includeKeywords.length > 0 ||
    s.excludeKeywords.length > 0 ||
    s.weekdays.length < 7 ||
    s.alertMode === "alerts"
  );
}
